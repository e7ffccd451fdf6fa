import ICAL from 'ical.js';
import { type ContactDraft, emptyDraft } from './contact-draft.ts';

export const VCARD_VERSIONS = ['3.0', '4.0'] as const;
export type VcardVersion = (typeof VCARD_VERSIONS)[number];

/** What a vCard carries of a contact (a ContactDraft without import-only fields). */
export type VcardContact = Omit<ContactDraft, 'row' | 'customerExternalId' | 'owner'>;

export class VcardError extends Error {
  override name = 'VcardError';
}

/** "Jane Q. Doe" -> ["Doe", "Jane Q."]: the last word as family name (N is required in 3.0). */
function splitName(name: string): [string, string] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return [name.trim(), ''];
  return [words[words.length - 1] as string, words.slice(0, -1).join(' ')];
}

function bdayValue(birthday: string, version: VcardVersion): string {
  if (/^\d{2}-\d{2}$/.test(birthday))
    return version === '4.0' ? `--${birthday.replace('-', '')}` : `--${birthday}`;
  return version === '4.0' ? birthday.replaceAll('-', '') : birthday;
}

/** One vCard (3.0 or 4.0) per contact, CRLF line endings, folded by ical.js at 75 octets. */
export function contactsToVcard(contacts: readonly VcardContact[], version: VcardVersion): string {
  return contacts
    .map((c) => {
      const card = new ICAL.Component(['vcard', [], []]);
      card.addPropertyWithValue('version', version);
      const name = c.name ?? c.emails[0] ?? '';
      card.addPropertyWithValue('fn', name);
      const n = new ICAL.Property('n', card);
      const [family, given] = splitName(name);
      n.setValue([family, given, '', '', ''] as unknown as string);
      card.addProperty(n);
      for (const email of c.emails) {
        const p = card.addPropertyWithValue('email', email);
        if (version === '3.0') p.setParameter('type', 'INTERNET');
      }
      for (const phone of c.phones) {
        const p = card.addPropertyWithValue('tel', phone);
        // 4.0 TEL defaults to a tel: URI; the stored numbers are text (E.164 or national form).
        if (version === '4.0') p.setParameter('value', 'text');
      }
      if (c.title) card.addPropertyWithValue('title', c.title);
      if (c.company) {
        const org = new ICAL.Property('org', card);
        org.setValue([c.company] as unknown as string);
        card.addProperty(org);
      }
      if (c.birthday) card.addPropertyWithValue('bday', bdayValue(c.birthday, version));
      if (c.location)
        card.addPropertyWithValue('adr', ['', '', '', c.location, '', '', ''] as unknown as string);
      if (c.tags.length > 0) {
        const categories = new ICAL.Property('categories', card);
        categories.setValues(c.tags);
        card.addProperty(categories);
      }
      if (c.linkedin)
        card
          .addPropertyWithValue('x-socialprofile', `https://www.linkedin.com/in/${c.linkedin}/`)
          .setParameter('type', 'linkedin');
      if (c.x) card.addPropertyWithValue('x-socialprofile', `https://x.com/${c.x}`).setParameter('type', 'x');
      return `${card.toString()}\r\n`;
    })
    .join('');
}

type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];

const textOf = (v: unknown): string | null => {
  if (Array.isArray(v)) return textOf(v.find((x) => typeof x === 'string' && x.trim() !== ''));
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

/** vCard BDAY forms ("1980-02-29", "19800229", "--0229", "--02-29", with a time) -> 'YYYY-MM-DD' or 'MM-DD'. */
function birthdayOf(raw: string): string | null {
  const v = raw.trim();
  const full = /^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/.exec(v);
  if (full) return `${full[1]}-${full[2]}-${full[3]}`;
  const noYear = /^--(\d{2})-?(\d{2})$/.exec(v);
  return noYear ? `${noYear[1]}-${noYear[2]}` : null;
}

function cardToDraft(props: JCalProperty[], row: number): ContactDraft {
  const draft = emptyDraft(row);
  let family = '';
  let given = '';
  for (const [name, params, , ...values] of props) {
    const value = values.length > 1 ? values : values[0];
    const text = textOf(value);
    switch (name) {
      case 'fn':
        draft.name ??= text;
        break;
      case 'n':
        if (Array.isArray(value)) {
          family = textOf(value[0]) ?? '';
          given = textOf(value[1]) ?? '';
        }
        break;
      case 'email':
        if (text) draft.emails.push(text);
        break;
      case 'tel':
        if (text) draft.phones.push(text.replace(/^tel:/i, ''));
        break;
      case 'title':
        draft.title ??= text;
        break;
      case 'org':
        draft.company ??= text;
        break;
      case 'bday':
        draft.birthday ??= text === null ? null : birthdayOf(String(value));
        break;
      case 'adr':
        if (Array.isArray(value)) draft.location ??= textOf([value[3], value[5], value[2]]);
        break;
      case 'categories':
        for (const t of values.flat()) if (typeof t === 'string' && t.trim()) draft.tags.push(t.trim());
        break;
      case 'url':
      case 'x-socialprofile': {
        const type = String(params.type ?? '').toLowerCase();
        if (!text) break;
        if (type === 'linkedin' || /linkedin\.com\/in\//i.test(text)) draft.linkedin ??= text;
        else if (
          type === 'x' ||
          type === 'twitter' ||
          /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//i.test(text)
        )
          draft.x ??= text;
        break;
      }
    }
  }
  if (!draft.name && (given || family)) draft.name = `${given} ${family}`.trim();
  return draft;
}

/** Parses every vCard (2.1 fields that 3.0 shares, 3.0, 4.0) in a file into drafts; throws VcardError when it is not vCard text. */
export function parseVcards(text: string): ContactDraft[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (err) {
    throw new VcardError(`The file is not valid vCard text: ${(err as Error).message}`);
  }
  const cards = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  if (!Array.isArray(cards) || cards.length === 0)
    throw new VcardError('The file holds no vCard (BEGIN:VCARD … END:VCARD)');
  return cards.map((card, i) => {
    const [kind, props] = card as [string, JCalProperty[]];
    if (kind !== 'vcard') throw new VcardError(`Item ${i + 1} is a ${kind}, not a vCard`);
    return cardToDraft(props, i + 1);
  });
}
