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

/** A contact's preferred language: a BCP 47 tag such as 'en' or 'zh-CN'. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** Languages the forms offer for a contact's preference (any other valid tag is kept as is). */
export const OFFERED_LANGUAGES = [
  'en',
  'zh-CN',
  'zh-TW',
  'ja',
  'ko',
  'es',
  'fr',
  'de',
  'pt',
  'ar',
  'ru',
  'hi',
] as const;

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
