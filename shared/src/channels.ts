/**
 * The channels an interaction travels by and a contact may prefer. Kept free of zod so UIs (the
 * dashboard, content scripts) can list them without bundling the schema library.
 */
export const CHANNELS = [
  'email',
  'phone',
  'sms',
  'whatsapp',
  'wechat',
  'linkedin',
  'x',
  'in-person',
  'video',
  'web',
  'event',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];
