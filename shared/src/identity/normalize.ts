import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { isFreeMailDomain } from './free-mail.ts';

// Every normaliser is idempotent (f(f(x)) === f(x)) and returns null rather than a half-cleaned value,
// so schemas can use "f(x) === x" as the test for "already normalised".

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** A lower-case host name with at least two labels ("acme.co.uk"); no trailing dot, no "www.". */
export function normaliseDomain(raw: string): string | null {
  let host = raw.trim().toLowerCase();
  host = host
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '');
  host = host.replace(/^www\./, '');
  return isHostName(host) ? host : null;
}

function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  return (
    labels.length >= 2 &&
    labels.every((l) => DOMAIN_LABEL.test(l)) &&
    TLD.test(labels[labels.length - 1] as string)
  );
}

/** "  Foo.Bar@Acme.COM " or "mailto:foo@acme.com?subject=hi" -> "foo.bar@acme.com"; null when not an address. */
export function normaliseEmail(raw: string): string | null {
  const email = raw
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/\?.*$/, '')
    .toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  return local.length <= 64 && EMAIL_LOCAL.test(local) && isHostName(domain) ? email : null;
}

/** The domain of a work address ("jane@eu.acme.com" -> "eu.acme.com"); null for free mail or no address. */
export function companyDomainFromEmail(raw: string): string | null {
  const email = normaliseEmail(raw);
  if (email === null) return null;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return isFreeMailDomain(domain) ? null : domain;
}

const LINKEDIN_ID = /^[\p{L}\p{M}\p{N}_-]{3,100}$/u;

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

// Member ids ("ACoAAFx7QkZbW2pLmNoPqRsTuVwXyZa1b2c3d4e", in /in/<id> links of search results, messaging and
// URNs) are base64-like: their case is part of the id, so lower-casing one makes it point to nobody.
const LINKEDIN_MEMBER_ID = /^ACoA[A-Za-z0-9_-]{16,96}$/;

/** Whether a LinkedIn id is a member id (case-exact) rather than a public vanity id. */
export function isLinkedinMemberId(id: string): boolean {
  return LINKEDIN_MEMBER_ID.test(id);
}

/**
 * A LinkedIn id as stored: URL-decoded, NFC; public ids lower-case ("Jane-Doe-12a" -> "jane-doe-12a"),
 * member ids exactly as LinkedIn writes them ("ACoAAB…" stays "ACoAAB…").
 */
export function normaliseLinkedinId(raw: string): string | null {
  const decoded = safeDecode(raw.trim());
  if (decoded === null) return null;
  const nfc = decoded.normalize('NFC');
  const id = isLinkedinMemberId(nfc) ? nfc : nfc.toLowerCase();
  return LINKEDIN_ID.test(id) ? id : null;
}

/**
 * The public id from a profile URL: "https://www.linkedin.com/in/Jane-Doe-12a/?trk=x",
 * "uk.linkedin.com/in/jane-doe/fr", "/in/jos%C3%A9-garc%C3%ADa/details/experience/" -> "jane-doe-12a" …
 * Null for other LinkedIn pages (/company/, /feed/, /pub/) and other hosts.
 */
export function linkedinIdFromUrl(raw: string): string | null {
  const text = raw.trim();
  const match =
    /^(?:(?:https?:\/\/)?(?:[a-z0-9-]+\.)*linkedin\.com)?(?:\/mwlite)?\/in\/([^/?#]+)(?:[/?#].*)?$/i.exec(
      text,
    );
  return match?.[1] ? normaliseLinkedinId(match[1]) : null;
}

/** First path segments on x.com / twitter.com that are pages, not people. */
const X_RESERVED = new Set([
  'home',
  'search',
  'i',
  'explore',
  'notifications',
  'messages',
  'settings',
  'compose',
  'login',
  'logout',
  'signup',
  'tos',
  'privacy',
  'hashtag',
  'intent',
  'share',
  'account',
  'jobs',
  'communities',
  'lists',
  'bookmarks',
  'premium',
  'about',
  'help',
  'download',
  'who_to_follow',
  'following',
  'followers',
  'verified',
  'grok',
  'rules',
]);
const X_HANDLE = /^[a-z0-9_]{1,15}$/;

/**
 * An X (Twitter) handle, lower-case without "@": "@Foo_Bar", "Foo_Bar", "https://x.com/Foo_Bar/status/1",
 * "mobile.twitter.com/foo_bar?s=21" -> "foo_bar". Null for reserved pages (/home, /search, /i/…) and other hosts.
 */
export function xHandle(raw: string): string | null {
  const text = raw.trim();
  const url = /^(?:https?:\/\/)?(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/([^/?#]*)(?:[/?#].*)?$/i.exec(text);
  const candidate = (url ? (url[1] ?? '') : text.replace(/^@/, '')).toLowerCase();
  if (!X_HANDLE.test(candidate) || (url && X_RESERVED.has(candidate))) return null;
  return candidate;
}

/** An ISO 3166 alpha-2 region this build can parse phone numbers for ("US", "CN"…). */
export function isPhoneCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/**
 * E.164 ("+14155550132") for a valid number: international input needs no country; national input
 * ("(415) 555-0132", "020 7946 0018") needs `defaultCountry`. Extensions are dropped. Null otherwise.
 */
export function normalisePhone(raw: string, defaultCountry?: string): string | null {
  const key = `${defaultCountry ?? ''}\u0000${raw}`;
  const known = phoneMemo.get(key);
  if (known !== undefined) return known;
  const e164 = parsePhone(raw, defaultCountry);
  // Bounded: a push validates each phone twice (patch, then entity) and pulls re-read the same ones.
  if (phoneMemo.size >= PHONE_MEMO_SIZE) phoneMemo.clear();
  phoneMemo.set(key, e164);
  return e164;
}

/** normalisePhone's answers by (country, raw): libphonenumber's parse was ~10 % of a contact push's CPU. */
const phoneMemo = new Map<string, string | null>();
const PHONE_MEMO_SIZE = 20_000;

function parsePhone(raw: string, defaultCountry?: string): string | null {
  const country =
    defaultCountry && isSupportedCountry(defaultCountry.toUpperCase())
      ? (defaultCountry.toUpperCase() as CountryCode)
      : undefined;
  const phone = parsePhoneNumberFromString(raw.trim(), country);
  return phone?.isValid() ? phone.number : null;
}

/**
 * A person's name folded for "same person?" suggestions: parenthesised parts dropped ("(she/her)"),
 * diacritics and case folded, punctuation as spaces, apostrophes removed, spaces collapsed.
 * "  Seán  O'Miller-Smith (He/Him) " -> "sean omiller smith". Never null; "" when nothing is left.
 */
export function normaliseName(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '') // Latin/Greek/Cyrillic accents only: kana voicing marks recompose below
    .normalize('NFC')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/['’ʼ`]/g, '')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}
