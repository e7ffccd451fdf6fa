import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '../domain/followup.ts';
import { LINK_REASONS } from '../domain/link-suggestions.ts';
import { PAGE_IDENTITY_LIMITS } from '../identity/page-identity.ts';
import { TEXT_LIMITS } from '../limits.ts';
import { channelSchema } from '../schemas/base.ts';
import { CONTACT_SOURCES, Contact } from '../schemas/contact.ts';
import { Customer } from '../schemas/customer.ts';
import { isoDate } from '../schemas/dates.ts';
import { formatZodError, issueDetails, issuePath, ValidationError } from '../schemas/errors.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { DIRECTIONS, INTERACTION_KINDS, Interaction } from '../schemas/interaction.ts';
import { CustomerMetrics, MetricsWindow, tierSchema } from '../schemas/metrics.ts';
import { moneyString } from '../schemas/money.ts';
import { isoDateTime } from '../schemas/primitives.ts';
import { findBadText } from '../text.ts';
import { LocalSettings, LocalSettingsChanges } from './local-settings.ts';
import { OpenTask, salesMessageSchemas } from './sales-messages.ts';
import { OpenTicket, serviceMessageSchemas } from './service-messages.ts';

// Typed commands from content scripts and extension pages to the background. Content scripts send
// raw page text (identities are normalised by the background), one message per batch.

export const MAX_LOOKUP_PEOPLE = 500;

const rawText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .max(max, { error: `${what} must be at most ${max} characters` });

/** Optional raw text fields named by `limits`, each at most its limit. */
const optionalTexts = <K extends string>(limits: Readonly<Record<K, number>>) =>
  Object.fromEntries(
    Object.entries<number>(limits).map(([field, max]) => [field, rawText(field, max).optional()]),
  ) as { [F in K]: z.ZodOptional<z.ZodString> };

/**
 * A person seen on a page, as found (not yet normalised): email, LinkedIn profile URL or public id, the
 * same person's LinkedIn member id ("ACoAA…") when the page shows it, X handle or profile URL, phone and
 * name. At least one field is needed.
 */
export const PageIdentity = z
  .strictObject(optionalTexts(PAGE_IDENTITY_LIMITS))
  .refine((p) => Object.values(p).some((v) => v !== undefined && v.trim() !== ''), {
    error: 'an identity needs an email, linkedin, x, phone or name',
  });
export type PageIdentity = z.infer<typeof PageIdentity>;

export const FollowUp = z.strictObject({ status: z.enum(FOLLOW_UP_STATUSES), dueOn: isoDate.nullable() });
export type FollowUp = z.infer<typeof FollowUp>;

/** What a badge shows for one person; null in lookup results when nobody matches. */
export const BadgeData = z.strictObject({
  contactId: uuidSchema,
  name: z.string(),
  customerId: uuidSchema.nullable(),
  customerName: z.string().nullable(),
  /** null when no customer is linked (no money badge). */
  tier: tierSchema.nullable(),
  revenue: moneyString.nullable(),
  profit: moneyString.nullable(),
  currency: z.string().nullable(),
  window: MetricsWindow.nullable(),
  followUp: FollowUp,
  /** Customers this contact could be linked to (same normalised name or company), best first. */
  suggestions: z.array(
    z.strictObject({
      customerId: uuidSchema,
      name: z.string(),
      externalId: z.string().nullable(),
      reason: z.enum(LINK_REASONS),
    }),
  ),
  /** Unresolved tickets of the contact or its customer (absent when none): the badge marks them. */
  openTickets: z.array(OpenTicket).optional(),
  /** The signed-in rep's open tasks about this contact, earliest due first (absent when none): the card names them. */
  openTasks: z.array(OpenTask).optional(),
});
export type BadgeData = z.infer<typeof BadgeData>;

const { name: _name, ...HANDLE_LIMITS } = PAGE_IDENTITY_LIMITS;

/** A person captured from a page: the page identity's handles (a LinkedIn member id is kept as a second handle) and profile text. */
export const CapturedPerson = z.strictObject({
  name: rawText('name', TEXT_LIMITS.name).min(1, { error: 'name must not be empty' }),
  ...optionalTexts(HANDLE_LIMITS),
  ...optionalTexts({
    title: TEXT_LIMITS.name,
    headline: TEXT_LIMITS.name,
    company: TEXT_LIMITS.name,
    location: TEXT_LIMITS.name,
  }),
  source: z.enum(CONTACT_SOURCES),
  sourceUrl: rawText('sourceUrl', TEXT_LIMITS.url).optional(),
});
export type CapturedPerson = z.infer<typeof CapturedPerson>;

export const LogEntry = z.strictObject({
  kind: z.enum(INTERACTION_KINDS),
  channel: channelSchema,
  direction: z.enum(DIRECTIONS),
  /** Default: now. */
  at: isoDateTime.optional(),
  subject: rawText('subject', TEXT_LIMITS.subject).optional(),
  summary: rawText('summary', TEXT_LIMITS.note).optional(),
  /** Kept only when the captureBodies setting is on. */
  body: rawText('body', TEXT_LIMITS.body).optional(),
  sourceUrl: rawText('sourceUrl', TEXT_LIMITS.url).optional(),
  /** e.g. a Gmail message id: logging the same key twice is a no-op. */
  sourceKey: rawText('sourceKey', TEXT_LIMITS.name).min(1).optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const FollowUpItem = z.strictObject({
  contactId: uuidSchema,
  name: z.string(),
  customerName: z.string().nullable(),
  tier: tierSchema.nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
  dueOn: isoDate.nullable(),
  /** A birthday or holiday greeting is due rather than a cadence follow-up. */
  greeting: z.string().nullable(),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;

export const SyncStatus = z.strictObject({
  signedIn: z.boolean(),
  online: z.boolean(),
  syncing: z.boolean(),
  lastSyncAt: isoDateTime.nullable(),
  /** Outbox entries not yet acknowledged. */
  pending: z.int().min(0),
  rejected: z.array(
    z.strictObject({
      mutationId: z.int().positive(),
      name: z.string(),
      reason: z.string(),
      /** The rejection's code (@rapport/shared/api-errors), absent on entries recorded before codes. */
      code: z.string().max(40).optional(),
      at: isoDateTime,
    }),
  ),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

const ok = z.strictObject({ ok: z.literal(true) });

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape });
const contactResult = z.strictObject({ contact: Contact });

/** Request (with its `type`) and response data of every message. A new command is one entry here. */
export const messageSchemas = {
  'lookup.people': {
    request: command('lookup.people', {
      people: z
        .array(PageIdentity)
        .max(MAX_LOOKUP_PEOPLE, { error: `look up at most ${MAX_LOOKUP_PEOPLE} people per message` }),
    }),
    /** Aligned with the request's people: results[i] is people[i]'s badge or null. */
    response: z.strictObject({ results: z.array(BadgeData.nullable()) }),
  },
  'contact.capture': {
    request: command('contact.capture', {
      person: CapturedPerson,
      note: rawText('note', TEXT_LIMITS.note).optional(),
    }),
    /** merged: an existing contact matched by normalised email/handle and got the new details. */
    response: z.strictObject({ contactId: uuidSchema, created: z.boolean(), merged: z.boolean() }),
  },
  'interaction.log': {
    request: command('interaction.log', {
      contactId: uuidSchema,
      entries: z
        .array(LogEntry)
        .min(1, { error: 'log at least one entry' })
        .max(200, { error: 'log at most 200 entries per message' }),
      /** True when the user just captured this person: the open thread is logged even with auto-log off. */
      explicit: z.boolean().optional(),
    }),
    response: z.strictObject({
      results: z.array(z.strictObject({ interactionId: uuidSchema, duplicate: z.boolean() })),
    }),
  },
  'contact.get': {
    request: command('contact.get', { id: uuidSchema }),
    response: z.strictObject({
      contact: Contact,
      customer: Customer.nullable(),
      metrics: CustomerMetrics.nullable(),
      /** Newest first, superseded versions left out. */
      interactions: z.array(Interaction),
      /** Tier, money and follow-up status as the badge shows them. */
      badge: BadgeData,
      /** Open opportunities (lead … negotiation) and open tickets (open, in progress) of the contact or its customer; optional for older backgrounds. */
      open: z.strictObject({ opportunities: z.int().min(0), tickets: z.int().min(0) }).optional(),
      /**
       * Who on the team knows the contact best, by the shared relationship rule over the locally
       * synced interactions: the member, whether it is the signed-in user, their name when known, and
       * their most frequent kind in the last 90 days ("ask Sam — 12 emails this quarter").
       */
      knowsBest: z
        .strictObject({
          memberId: z.string().min(1).max(100),
          self: z.boolean(),
          name: z.string().max(200).nullable(),
          kind: z.string().max(40).nullable(),
          count: z.int().min(0),
          warmth: z.enum(['hot', 'warm', 'cool', 'cold']),
        })
        .nullable()
        .optional(),
    }),
  },
  'contact.search': {
    request: command('contact.search', {
      query: rawText('query', 200).min(1, { error: 'query must not be empty' }),
      limit: z.int().min(1).max(100).default(20),
    }),
    response: z.strictObject({ results: z.array(BadgeData) }),
  },
  'contact.update': {
    /** Any contact fields except id and timestamps (e.g. followUpOn for a snooze, tags, title). */
    request: command('contact.update', {
      id: uuidSchema,
      changes: Contact.omit({ id: true, createdAt: true, updatedAt: true, deletedAt: true }).partial(),
    }),
    response: contactResult,
  },
  'contact.link': {
    request: command('contact.link', { contactId: uuidSchema, customerId: uuidSchema.nullable() }),
    response: contactResult,
  },
  'contact.erase': { request: command('contact.erase', { id: uuidSchema }), response: ok },
  /** A page's first card: the background runs card.js in the sender's tab and frame. */
  'card.load': { request: command('card.load', {}), response: ok },
  'followups.list': {
    request: command('followups.list', {
      limit: z.int().min(1).max(500).default(100),
      includeSoon: z.boolean().default(true),
    }),
    /** Overdue first, then by tier (domain sortFollowUps). */
    response: z.strictObject({ items: z.array(FollowUpItem) }),
  },
  'settings.get': {
    request: command('settings.get', {}),
    response: z.strictObject({ settings: LocalSettings }),
  },
  'settings.set': {
    request: command('settings.set', { changes: LocalSettingsChanges }),
    response: z.strictObject({ settings: LocalSettings }),
  },
  'sync.status': { request: command('sync.status', {}), response: SyncStatus },
  'sync.now': { request: command('sync.now', {}), response: SyncStatus },
  ...serviceMessageSchemas,
  ...salesMessageSchemas,
} as const;

export type MessageType = keyof typeof messageSchemas;
export const MESSAGE_TYPES = Object.keys(messageSchemas) as MessageType[];

type RequestSchema<T extends MessageType> = (typeof messageSchemas)[T]['request'];

/** A message as sent (defaults such as limit may be omitted). */
export type MessageInput<T extends MessageType = MessageType> = { [K in T]: z.input<RequestSchema<K>> }[T];
/** A validated message (defaults filled in), discriminated by `type`. */
export type Message<T extends MessageType = MessageType> = { [K in T]: z.output<RequestSchema<K>> }[T];
export type MessageResponseData<T extends MessageType> = z.output<(typeof messageSchemas)[T]['response']>;

/** What the background answers: data, or an error the UI can show. */
export type MessageResponse<T extends MessageType> =
  | { ok: true; data: MessageResponseData<T> }
  | { ok: false; error: { code: string; message: string } };

export class MessageError extends ValidationError {
  override name = 'MessageError';
}

/**
 * Page text can hold a NUL or half an emoji: such a message is refused whole, naming the field
 * (every command parser calls this before its schema).
 */
export function badTextError(type: string, raw: unknown): MessageError | null {
  const bad = findBadText(raw);
  if (!bad) return null;
  const path = issuePath(bad.path);
  return new MessageError(`invalid ${type} message: ${path}: ${bad.message}`, [
    { path, message: bad.message },
  ]);
}

/** Validates a message; errors read "invalid contact.get message: id: expected an id (a UUIDv7 string)". */
export function parseMessage(raw: unknown): Message {
  const type = (raw as { type?: unknown } | null)?.type;
  if (typeof raw !== 'object' || raw === null || typeof type !== 'string')
    throw new MessageError('invalid message: expected an object with a string "type"');
  if (!Object.hasOwn(messageSchemas, type))
    throw new MessageError(
      `unknown message type ${JSON.stringify(type)}; expected one of ${MESSAGE_TYPES.join(', ')}`,
    );
  const bad = badTextError(type, raw);
  if (bad) throw bad;
  const result = (messageSchemas[type as MessageType].request as z.ZodType).safeParse(raw);
  if (!result.success)
    throw new MessageError(
      `invalid ${type} message: ${formatZodError(result.error)}`,
      issueDetails(result.error),
    );
  return result.data as Message;
}

/** Checks a handler's answer (tests, and the sender in development). */
export function parseMessageResponse<T extends MessageType>(type: T, data: unknown): MessageResponseData<T> {
  const result = (messageSchemas[type].response as z.ZodType).safeParse(data);
  if (!result.success)
    throw new MessageError(
      `invalid ${type} response: ${formatZodError(result.error)}`,
      issueDetails(result.error),
    );
  return result.data as MessageResponseData<T>;
}
