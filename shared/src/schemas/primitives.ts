import { z } from 'zod';
import type { SchemaReason } from '../api-errors.ts';
import { yearRangeProblem } from '../domain/dates.ts';
import {
  normaliseDomain,
  normaliseEmail,
  normaliseLinkedinId,
  normalisePhone,
  xHandle,
} from '../identity/normalize.ts';
import { TEXT_LIMITS } from '../limits.ts';
import { isoDate } from './dates.ts';

/**
 * The last answer of `fn` (pure: the same string always gets the same answer), kept for the next
 * call: a zod check and overwrite ask about the same string one after the other, so the second call
 * is a comparison instead of the work again.
 */
function rememberLast<T>(fn: (text: string) => T): (text: string) => T {
  let lastIn: string | undefined;
  let lastOut: T;
  return (text) => {
    if (text !== lastIn) {
      lastOut = fn(text);
      lastIn = text;
    }
    return lastOut;
  };
}

/** Date.parse of `text` with its UTC year and canonical form, or null when it does not parse: one parse and one Date per date-time field. */
const instantOf = rememberLast((text): { year: number; iso: string } | null => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), iso: date.toISOString() };
});

/**
 * An instant, ISO-8601. Accepts any offset ("…+02:00") and stores the canonical UTC form
 * "YYYY-MM-DDTHH:mm:ss.sssZ" (fixed width, so string order is time order). Rejects 2026-02-30 and
 * years outside MIN_YEAR..MAX_YEAR (a year past 9999 would turn into "+010000-…" and break that order).
 */
export const isoDateTime = z
  .string({ error: 'expected an ISO-8601 date-time string' })
  .check(
    z.iso.datetime({
      offset: true,
      error: 'expected an existing ISO-8601 date-time such as "2026-01-31T09:30:00.000Z"',
    }),
  )
  .check((ctx) => {
    const parsed = instantOf(ctx.value);
    if (parsed === null) return; // reported by the check above
    const problem = yearRangeProblem(parsed.year, ctx.value);
    if (problem)
      ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, params: { reason: 'dateTime' } });
  })
  // zod runs overwrites even after a failed check: an unparseable string must stay as is, not throw.
  .overwrite((s) => instantOf(s)?.iso ?? s);

/** A calendar month 'YYYY-MM'. */
export const monthKeySchema = z
  .string({ error: "expected a month 'YYYY-MM'" })
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, { error: "expected a month 'YYYY-MM' such as '2026-01'" });

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A birthday: 'MM-DD' when the year is unknown ('02-29' allowed), or an existing 'YYYY-MM-DD'. */
export const birthdaySchema = z.union(
  [
    z.string().check((ctx) => {
      const m = MONTH_DAY.exec(ctx.value);
      if (!m || Number(m[2]) > (MONTH_DAYS[Number(m[1]) - 1] ?? 0))
        ctx.issues.push({
          code: 'custom',
          message: 'not an existing MM-DD',
          input: ctx.value,
          params: { reason: 'monthDay' },
        });
    }),
    isoDate,
  ],
  { error: "expected a birthday 'MM-DD' or 'YYYY-MM-DD' that exists" },
);

export const currencyCode = z
  .string({ error: 'expected a currency code' })
  .regex(/^[A-Z]{3}$/, { error: "expected an ISO 4217 currency code such as 'USD'" });

/** A ratio as an exact decimal string ("0.3512", "-0.05"); margins are profit / revenue, at most 1. */
export const ratioString = z
  .string({ error: 'expected a decimal ratio string such as "0.35"' })
  .regex(/^-?\d{1,6}(?:\.\d{1,8})?$/, {
    error: 'expected a decimal ratio string such as "0.35" (at most 8 decimals)',
  });

export const marginString = ratioString.refine((s) => !/^\d/.test(s) || Number(s) <= 1, {
  error: 'a margin cannot exceed 1 (100%)',
  params: { reason: 'marginOver100' },
});

/** Required single-line text, trimmed. */
export const requiredText = (what: string, max: number = TEXT_LIMITS.name) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

/** Optional text (null when absent), trimmed. */
export const optionalText = (what: string, max: number = TEXT_LIMITS.shortNote) =>
  z
    .string({ error: `${what} must be text or null` })
    .trim()
    .max(max, { error: `${what} must be at most ${max} characters` })
    .nullable();

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .max(TEXT_LIMITS.url, { error: `URL must be at most ${TEXT_LIMITS.url} characters` });

/** A string schema that folds input with `normalise` (null = invalid) and rejects what it cannot fold. */
function normalisedString(
  what: string,
  example: string,
  reason: SchemaReason,
  normalise: (raw: string) => string | null,
) {
  // The overwrite and then the check each ask `normalise`; for a value already in normal form (what
  // clients send) the check asks about the same string again.
  const once = rememberLast(normalise);
  return z
    .string({ error: `expected ${what}` })
    .overwrite((s) => once(s) ?? s)
    .check((ctx) => {
      if (once(ctx.value) !== ctx.value)
        ctx.issues.push({
          code: 'custom',
          message: `${JSON.stringify(ctx.value)} is not ${what} (e.g. ${example})`,
          input: ctx.value,
          params: { reason },
        });
    });
}

/** An email address, stored trimmed and lower-case. */
export const emailAddress = normalisedString('an email address', '"jane@acme.com"', 'email', normaliseEmail);

/** A bare host name ("acme.co.uk"); "https://www.Acme.co.uk/" is folded to it. */
export const domainName = normalisedString('a domain name', '"acme.com"', 'domain', normaliseDomain);

const PHONE_CHARS = /^\+?[\d(][\d ()./-]{1,38}\d$/;

/** A phone: E.164 when it can be parsed without a country, else the trimmed national form as given. */
export const phoneNumber = normalisedString('a phone number', '"+14155550132"', 'phone', (raw) => {
  const e164 = normalisePhone(raw);
  if (e164) return e164;
  const text = raw.trim().replace(/\s+/g, ' ');
  return PHONE_CHARS.test(text) ? text : null;
});

/** Identity of a phone inside a set: digits only, keeping a leading "+". */
export function phoneKey(phone: string): string {
  return (phone.startsWith('+') ? '+' : '') + phone.replace(/\D/g, '');
}

export const HANDLE_NETWORKS = ['linkedin', 'x', 'wechat', 'github', 'other'] as const;
export type HandleNetwork = (typeof HANDLE_NETWORKS)[number];

const GITHUB_LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/;

/** The stored form of a handle id on `network`, or null when it is not one. */
export function normaliseHandleId(network: HandleNetwork, raw: string): string | null {
  switch (network) {
    case 'linkedin':
      return normaliseLinkedinId(raw);
    case 'x':
      return xHandle(raw);
    case 'github': {
      const login = raw.trim().replace(/^@/, '').toLowerCase();
      return GITHUB_LOGIN.test(login) ? login : null;
    }
    default: {
      const id = raw.trim();
      return id.length > 0 && id.length <= 200 ? id : null;
    }
  }
}

/** A social handle {network, id}; ids are normalised per network (LinkedIn public id, X handle without "@"). */
export const handleSchema = z
  .strictObject({
    network: z.enum(HANDLE_NETWORKS, { error: `network must be one of ${HANDLE_NETWORKS.join(', ')}` }),
    id: z.string({ error: 'handle id must be text' }),
  })
  .overwrite((h) => ({ network: h.network, id: normaliseHandleId(h.network, h.id) ?? h.id }))
  .check((ctx) => {
    const { network, id } = ctx.value;
    if (normaliseHandleId(network, id) !== id)
      ctx.issues.push({
        code: 'custom',
        message: `${JSON.stringify(id)} is not a valid ${network} handle`,
        input: ctx.value,
        params: { reason: 'handle' },
        path: ['id'],
      });
  });
export type Handle = z.infer<typeof handleSchema>;

export const handleKey = (h: Handle): string => `${h.network}:${h.id}`;

/** A tag or interest: trimmed single line; compared case-insensitively within a set. */
export const tagSchema = z
  .string({ error: 'tag must be text' })
  .trim()
  .min(1, { error: 'tag must not be empty' })
  .max(TEXT_LIMITS.tag, { error: `tag must be at most ${TEXT_LIMITS.tag} characters` })
  .regex(/^[^\r\n\t]*$/, { error: 'tag must be a single line' });

export const tagKey = (tag: string): string => tag.toLowerCase();
