import { isPhoneCountry, normalisePhone } from './normalize.ts';

/*
 * The quick-lookup phone rule: what a clerk types when a customer calls ("4155550100",
 * "415-555-0100", "(646) 555-0142", "+86 138 0013 8000") against what contacts store (E.164 when it
 * parsed, else the national form as it was given).
 */

/** The fewest digits a digits-suffix match needs ("555-0100" still finds "+1 415 555 0100"). */
export const PHONE_SUFFIX_MIN_DIGITS = 7;

/** A phone number typed into a lookup. */
export interface PhoneQuery {
  /** E.164 when the text parses: international as typed, national in the region. */
  e164: string | null;
  /** Its significant digits: every digit, leading zeros (trunk "0", international "00") dropped. */
  digits: string;
}

/** Digits, spaces, dots, dashes, slashes and parentheses, an optional leading "+" or "tel:". */
const PHONE_TEXT = /^(?:tel:)?\s*\+?[\d\s()./-]+$/i;

/** "(020) 7946-0018" -> "2079460018"; "+1 415 555 0100" -> "14155550100". */
export function significantDigits(text: string): string {
  return text.replace(/\D/g, '').replace(/^0+/, '');
}

/** The region phone numbers without "+" are read in: the user's own setting, else the team's, else none. */
export function phoneRegion(userRegion: string | null | undefined, teamRegion: string | null | undefined) {
  for (const r of [userRegion, teamRegion]) if (r && isPhoneCountry(r.toUpperCase())) return r.toUpperCase();
  return null;
}

/** The query as a phone number, or null when it is not one (letters, an "@", fewer than 4 digits). */
export function phoneQuery(raw: string, region: string | null): PhoneQuery | null {
  const text = raw.trim();
  if (!PHONE_TEXT.test(text)) return null;
  const digits = significantDigits(text);
  if (digits.length < 4) return null;
  return { e164: normalisePhone(text, region ?? undefined), digits };
}

export type PhoneMatch = 'exact' | 'suffix';

const E164_DIGITS = /^\+[1-9]\d{6,14}$/;

/**
 * How a stored phone matches a typed one: 'exact' when both read as the same E.164 number (national
 * forms in `region`); else 'suffix' when the shorter's significant digits (at least
 * PHONE_SUFFIX_MIN_DIGITS) end the longer's — a number stored without a region ("(212) 555-0199"),
 * typed without one ("13800138000" for "+86 138 0013 8000") or typed without its area code; else null.
 */
export function phoneMatch(stored: string, query: PhoneQuery, region: string | null): PhoneMatch | null {
  // A stored "+digits" number is already E.164 (as captures and imports keep it): compared as written,
  // which spares a parse per stored number when the lookup walks every key.
  const e164 = E164_DIGITS.test(stored) ? stored : normalisePhone(stored, region ?? undefined);
  if (e164 !== null && e164 === query.e164) return 'exact';
  const a = significantDigits(stored);
  const b = query.digits;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= PHONE_SUFFIX_MIN_DIGITS && long.endsWith(short) ? 'suffix' : null;
}

/** A captured or imported phone as stored: E.164 when it parses (national in `region`), else as given. */
export function storedPhone(raw: string, region: string | null): string {
  return normalisePhone(raw, region ?? undefined) ?? raw.trim();
}
