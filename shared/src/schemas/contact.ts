import { z } from 'zod';
import { CONTACT_SOURCES, type ContactSource } from '../channels.ts';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema, entityBase, uniqueArray } from './base.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import {
  birthdaySchema,
  emailAddress,
  handleKey,
  handleSchema,
  httpUrl,
  optionalText,
  phoneKey,
  phoneNumber,
  requiredText,
  tagKey,
  tagSchema,
} from './primitives.ts';

export { CONTACT_SOURCES, type ContactSource };

export const languageTag = z
  .string({ error: 'language must be text' })
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
    error: "language must be a language tag such as 'en' or 'zh-CN'",
  });

export const ContactPreferences = z.strictObject({
  channel: channelSchema.nullable(),
  language: languageTag.nullable(),
  interests: uniqueArray(tagSchema, tagKey, 'interests', 100),
  giftNotes: optionalText('giftNotes'),
});
export type ContactPreferences = z.infer<typeof ContactPreferences>;

/** A person you talk to. Identities are stored normalised (see identity/normalize). */
export const Contact = z.strictObject({
  ...entityBase,
  name: requiredText('name'),
  emails: uniqueArray(emailAddress, (e) => e, 'emails'),
  phones: uniqueArray(phoneNumber, phoneKey, 'phones'),
  handles: uniqueArray(handleSchema, handleKey, 'handles'),
  /** The Customer (account) this person buys for; at most one. */
  customerId: uuidSchema.nullable(),
  companyId: uuidSchema.nullable(),
  title: optionalText('title', TEXT_LIMITS.name),
  /** The person's own tagline where a profile shows one apart from the job title (LinkedIn's headline). */
  headline: optionalText('headline', TEXT_LIMITS.name).optional(),
  ownerId: uuidSchema.nullable(),
  tags: uniqueArray(tagSchema, tagKey, 'tags', 100),
  preferences: ContactPreferences,
  birthday: birthdaySchema.nullable(),
  source: z.enum(CONTACT_SOURCES, { error: `source must be one of ${CONTACT_SOURCES.join(', ')}` }),
  sourceUrl: httpUrl.nullable(),
  /** A scheduled follow-up day (also set by snooze); cleared when an interaction is logged. */
  followUpOn: isoDate.nullable(),
  location: optionalText('location', TEXT_LIMITS.name),
});
export type Contact = z.infer<typeof Contact>;
