import { z } from 'zod';
import { CONTACT_SOURCES, type ContactSource, LANGUAGE_TAG } from '../channels.ts';
import { ADDRESS_PARTS, ADDRESS_TYPES, addressKey, EMAIL_TYPES, PHONE_TYPES } from '../contact-fields.ts';
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

export const languageTag = z.string({ error: 'language must be text' }).regex(LANGUAGE_TAG, {
  error: "language must be a language tag such as 'en' or 'zh-CN'",
});

export const ContactPreferences = z.strictObject({
  channel: channelSchema.nullable(),
  language: languageTag.nullable(),
  interests: uniqueArray(tagSchema, tagKey, 'interests', 100),
  giftNotes: optionalText('giftNotes', TEXT_LIMITS.shortNote),
});
export type ContactPreferences = z.infer<typeof ContactPreferences>;

const emailType = z.enum(EMAIL_TYPES, { error: `email type must be one of ${EMAIL_TYPES.join(', ')}` });
const phoneType = z.enum(PHONE_TYPES, { error: `phone type must be one of ${PHONE_TYPES.join(', ')}` });
const addressType = z.enum(ADDRESS_TYPES, {
  error: `address type must be one of ${ADDRESS_TYPES.join(', ')}`,
});

/** The kind of one of the contact's emails (work, home); the email itself stays in `emails`. */
export const EmailLabel = z.strictObject({ email: emailAddress, type: emailType });
export type EmailLabel = z.infer<typeof EmailLabel>;
/** The kind of one of the contact's phones (mobile, work, …); the number itself stays in `phones`. */
export const PhoneLabel = z.strictObject({ phone: phoneNumber, type: phoneType });
export type PhoneLabel = z.infer<typeof PhoneLabel>;

/** A postal address as address books keep it (vCard ADR without PO box and extended address). */
export const PostalAddress = z
  .strictObject({
    type: addressType,
    street: optionalText('street', 500),
    city: optionalText('city', 200),
    region: optionalText('region', 200),
    postcode: optionalText('postcode', 50),
    country: optionalText('country', 200),
  })
  .refine((a) => ADDRESS_PARTS.some((k) => a[k]), {
    error: 'an address needs at least one part',
    params: { reason: 'address' },
  });
export type PostalAddress = z.infer<typeof PostalAddress>;

export * from '../contact-fields.ts';
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
  /** Free notes (vCard NOTE, the notes column of address-book exports). Absent = none. */
  notes: optionalText('notes', TEXT_LIMITS.longText).optional(),
  /** Web addresses other than the LinkedIn/X profiles kept in `handles`. */
  urls: uniqueArray(httpUrl, (u) => u, 'urls', 50).optional(),
  /** The type of some of `emails` (by email); an email without one is untyped. */
  emailTypes: uniqueArray(EmailLabel, (l) => l.email, 'emailTypes').optional(),
  /** The type of some of `phones` (by phone key). */
  phoneTypes: uniqueArray(PhoneLabel, (l) => phoneKey(l.phone), 'phoneTypes').optional(),
  addresses: uniqueArray(PostalAddress, addressKey, 'addresses', 20).optional(),
});
export type Contact = z.infer<typeof Contact>;
