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

/** Where a contact was found or entered (the Contact schema's `source`). */
export const CONTACT_SOURCES = ['gmail', 'linkedin', 'x', 'web', 'import', 'manual'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];

const CHANNEL_OF_PLACE: Record<ContactSource, Channel> = {
  gmail: 'email',
  linkedin: 'linkedin',
  x: 'x',
  web: 'web',
  import: 'other',
  manual: 'other',
};

/** The channel of a note taken where the person was found: a note taken on a web page is 'web'. */
export const channelOfPlace = (place: ContactSource): Channel => CHANNEL_OF_PLACE[place];
