import iconv from 'iconv-lite';
import {
  type ContactDraft,
  emailTypeOf,
  emptyDraft,
  phoneTypeOf,
  webAddress,
} from '../exports/contact-draft.ts';

// A forgiving vCard 2.1/3.0/4.0 reader. Address books write odd lines (iPhone's "item1.EMAIL",
// Outlook's unindented base64 photos, unknown parameters, quoted-printable with soft breaks);
// a line it cannot read is skipped and counted, never the reason a file imports nothing.

export interface VcardRead {
  drafts: ContactDraft[];
  /** Properties present but not kept (PHOTO, NOTE, X-…), with how many cards had them. */
  ignored: { property: string; count: number }[];
  /** Lines inside cards that are no property at all (e.g. a photo's raw base64), skipped. */
  unreadableLines: number;
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  /** The raw value, escapes still in (structured values split on unescaped ";"). */
  value: string;
}

/** Splits at `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** The colon ending a property's name and parameters (parameter values may hold quoted colons). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return -1;
}

const isQuotedPrintable = (line: string) => {
  const at = valueStart(line);
  return at > 0 && /QUOTED-PRINTABLE/i.test(line.slice(0, at));
};

/** Unfolds continuation lines (leading space or tab) and quoted-printable soft line breaks ("=" at the end). */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const last = out.length - 1;
    if (last >= 0 && /^[ \t]/.test(line)) out[last] += line.slice(1);
    else if (last >= 0 && out[last]?.endsWith('=') && isQuotedPrintable(out[last] as string))
      out[last] = (out[last] as string).slice(0, -1) + line;
    else out.push(line);
  }
  return out;
}

function parseProperty(line: string): Property | null {
  const at = valueStart(line);
  if (at <= 0) return null;
  const [head = '', ...rawParams] = splitOutsideQuotes(line.slice(0, at), ';');
  // "item1.EMAIL": Apple groups a property with its label; the group does not change its meaning.
  const name = head.trim().replace(/^.*\./, '').toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    // vCard 2.1 writes bare parameters: "TEL;WORK;VOICE:", "NOTE;QUOTED-PRINTABLE:".
    const key =
      eq < 0
        ? /^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT|B)$/i.test(raw.trim())
          ? 'ENCODING'
          : 'TYPE'
        : raw.slice(0, eq);
    const values = (eq < 0 ? raw : raw.slice(eq + 1)).split(',').map((v) => v.trim().replace(/^"|"$/g, ''));
    const k = key.trim().toUpperCase();
    params.set(k, [...(params.get(k) ?? []), ...values.filter((v) => v !== '')]);
  }
  return { name, params, value: line.slice(at + 1) };
}

function charsetOf(p: Property): string {
  const charset = p.params.get('CHARSET')?.[0] ?? 'utf-8';
  return iconv.encodingExists(charset) ? charset : 'utf-8';
}

/** Quoted-printable bytes ("=C3=A9") decoded in the property's charset. */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i] as string, 'utf8'));
  }
  return iconv.decode(Buffer.from(bytes), charset);
}

const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);

/** The property's text (quoted-printable and base64 text decoded); null for binary data. */
function textValue(p: Property): string | null {
  const encoding = p.params.get('ENCODING')?.[0]?.toUpperCase();
  if (BINARY.has(p.name)) return null;
  if (encoding === 'QUOTED-PRINTABLE') return decodeQuotedPrintable(p.value, charsetOf(p));
  if (encoding === 'B' || encoding === 'BASE64')
    return iconv.decode(Buffer.from(p.value.replace(/\s+/g, ''), 'base64'), charsetOf(p));
  return p.value;
}

/** Splits on unescaped `sep` and removes escapes (\n, \, \; \\); with no `sep`, only unescapes. */
function components(value: string, sep: ';' | ',' | null): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      const next = value[i + 1] as string;
      current += next === 'n' || next === 'N' ? '\n' : next;
      i += 1;
    } else if (c === sep) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((v) => v.trim());
}

const firstText = (values: (string | undefined)[]): string | null =>
  values.find((v) => v && v.trim() !== '')?.trim() ?? null;

/** vCard BDAY forms ("1980-02-29", "19800229", "--0229", "--02-29", with a time) -> 'YYYY-MM-DD' or 'MM-DD'. */
export function birthdayOf(raw: string): string | null {
  const v = raw.trim();
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(v);
  return noYear ? `${noYear[1]}-${noYear[2]}` : null;
}

const CJK = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;

/** Display name from N (family;given;middle;prefix;suffix); Chinese, Japanese and Korean names keep family first, unspaced. */
function nameFromN(n: string[]): string | null {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = n;
  if (family && given && CJK.test(family) && CJK.test(given)) return `${family}${given}`;
  return firstText([
    [prefix, given, middle, family].filter(Boolean).join(' ') + (suffix ? `, ${suffix}` : ''),
  ]);
}

const KNOWN_UNKEPT = new Set([
  'VERSION',
  'PRODID',
  'UID',
  'REV',
  'KIND',
  'X-ABLABEL',
  'X-ABUID',
  'X-ABSHOWAS',
  'LABEL',
]);

function applyProperty(draft: ContactDraft, p: Property, n: { value: string[] | null }): boolean {
  const text = textValue(p);
  if (text === null) return false;
  const value = components(text, ';');
  const first = firstText(value);
  // Plain text properties (FN, TITLE, URL): writers leave ";" and "," unescaped in them.
  const whole = firstText(components(text, null));
  const type = (p.params.get('TYPE') ?? []).map((t) => t.toLowerCase());
  switch (p.name) {
    case 'FN':
      draft.name ??= whole;
      return true;
    case 'N':
      n.value = value;
      return true;
    case 'EMAIL': {
      if (!first) return true;
      const email = first.replace(/^mailto:/i, '');
      draft.emails.push(email);
      const kind = emailTypeOf(type);
      if (kind) draft.emailTypes.push({ email, type: kind });
      return true;
    }
    case 'TEL': {
      if (!first) return true;
      const phone = first.replace(/^tel:/i, '');
      draft.phones.push(phone);
      const kind = phoneTypeOf(type);
      if (kind) draft.phoneTypes.push({ phone, type: kind });
      return true;
    }
    case 'NOTE':
      if (whole) draft.notes = draft.notes ? `${draft.notes}\n\n${whole}` : whole;
      return true;
    case 'TITLE':
      draft.title ??= whole;
      return true;
    case 'ORG':
      draft.company ??= first;
      return true;
    case 'BDAY':
      draft.birthday ??= first === null ? null : birthdayOf(first);
      return true;
    case 'ADR': {
      // [PO box, extended, street, locality, region, postal code, country]
      draft.location ??= firstText([value[3], value[4], value[6]]);
      const [, , street, city, region, postcode, country] = value.map((v) => v || null);
      const parts = { street: street ?? null, region: region ?? null, postcode: postcode ?? null };
      // An untyped ADR holding only a city is the contact's location (Rapport writes it so), not an address.
      if (type.length === 0 && !parts.street && !parts.region && !parts.postcode && !country) return true;
      if (street || city || region || postcode || country)
        draft.addresses.push({
          type: emailTypeOf(type) ?? 'other',
          ...parts,
          city: city ?? null,
          country: country ?? null,
        });
      return true;
    }
    case 'CATEGORIES':
      for (const t of components(text, ',')) if (t) draft.tags.push(t);
      return true;
    case 'X-TWITTER':
      if (first) draft.x ??= first;
      return true;
    case 'URL':
    case 'X-SOCIALPROFILE':
    case 'X-LINKEDIN': {
      const url = whole;
      if (!url) return true;
      if (p.name === 'X-LINKEDIN' || type.includes('linkedin') || /linkedin\.com\/in\//i.test(url))
        draft.linkedin ??= url;
      else if (
        type.includes('x') ||
        type.includes('twitter') ||
        /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//i.test(url)
      )
        draft.x ??= url;
      else if (p.name === 'URL') draft.urls.push(webAddress(url));
      else return false;
      return true;
    }
    default:
      return KNOWN_UNKEPT.has(p.name);
  }
}

/**
 * Reads every vCard in a text. Properties it keeps: FN, N, EMAIL and TEL (with their TYPE), TITLE,
 * ORG, BDAY, ADR (the address with its TYPE; the first one's city is also the location), NOTE,
 * CATEGORIES, URL and LinkedIn/X profiles; others are counted in `ignored`. A card without
 * END:VCARD (a cut-off file) still counts. Nested cards (2.1 AGENT) are skipped.
 */
export function readVcards(text: string): VcardRead {
  const drafts: ContactDraft[] = [];
  const ignored = new Map<string, number>();
  let unreadableLines = 0;
  let card: { draft: ContactDraft; n: { value: string[] | null }; ignored: Set<string> } | null = null;
  let depth = 0;
  const finish = () => {
    if (!card) return;
    const { draft, n } = card;
    if (!draft.name && n.value) draft.name = nameFromN(n.value);
    drafts.push(draft);
    for (const name of card.ignored) ignored.set(name, (ignored.get(name) ?? 0) + 1);
    card = null;
  };
  for (const line of logicalLines(text.replace(/^\uFEFF/, ''))) {
    if (line.trim() === '') continue;
    const p = parseProperty(line);
    const upper = p?.value.trim().toUpperCase();
    if (p?.name === 'BEGIN' && upper === 'VCARD') {
      depth += 1;
      if (depth === 1)
        card = { draft: emptyDraft(drafts.length + 1), n: { value: null }, ignored: new Set() };
      continue;
    }
    if (p?.name === 'END' && upper === 'VCARD') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) finish();
      continue;
    }
    if (!card || depth !== 1) continue;
    if (!p) {
      unreadableLines += 1;
      continue;
    }
    if (!applyProperty(card.draft, p, card.n)) card.ignored.add(p.name);
  }
  finish();
  return {
    drafts,
    ignored: [...ignored].map(([property, count]) => ({ property, count })).sort((a, b) => b.count - a.count),
    unreadableLines,
  };
}
