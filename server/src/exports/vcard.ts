import { phoneKey } from '@rapport/shared/schemas/primitives';
import ICAL from 'ical.js';
import { readVcards } from '../imports/vcard-read.ts';
import type { ContactDraft } from './contact-draft.ts';

export const VCARD_VERSIONS = ['3.0', '4.0'] as const;
export type VcardVersion = (typeof VCARD_VERSIONS)[number];

/** What a vCard carries of a contact (a ContactDraft without import-only fields). */
export type VcardContact = Omit<ContactDraft, 'row' | 'customerExternalId' | 'owner'>;

export class VcardError extends Error {
  override name = 'VcardError';
}

const PREFIXES = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|rev)\.?$/i;
const SUFFIXES = /^(?:jr|sr|ii|iii|iv|v|phd|md|esq|mba|cpa)\.?$/i;
const HAN = /^\p{Script=Han}{2,4}$/u;
// Two-character Chinese family names; every other Chinese name has a one-character family name.
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '端木',
]);

/**
 * A display name as vCard N components [family, given, middle, prefix, suffix]: "Jane Q. Doe, Jr."
 * -> Doe; Jane; Q.; ; Jr. — "Doe, Jane" (family first) and Chinese names (张伟, 欧阳娜娜) too.
 */
export function structuredName(name: string): [string, string, string, string, string] {
  const text = name.trim();
  if (HAN.test(text)) {
    const familyLength = COMPOUND_SURNAMES.has(text.slice(0, 2)) && text.length > 2 ? 2 : 1;
    return [text.slice(0, familyLength), text.slice(familyLength), '', '', ''];
  }
  let [main = '', ...after] = text.split(',').map((p) => p.trim());
  let suffix = '';
  if (after.length > 0 && after.every((p) => SUFFIXES.test(p.replace(/\s+/g, '')))) suffix = after.join(', ');
  else if (after.length === 1 && !/\s/.test(main)) return [main, after[0] ?? '', '', '', ''];
  else main = text;
  const words = main.split(/\s+/).filter(Boolean);
  const prefix = words.length > 1 && PREFIXES.test(words[0] ?? '') ? (words.shift() as string) : '';
  if (!suffix && words.length > 1 && SUFFIXES.test(words.at(-1) ?? '')) suffix = words.pop() as string;
  if (words.length < 2) return [words[0] ?? '', '', '', prefix, suffix];
  const family = words.pop() as string;
  const [given = '', ...middle] = words;
  return [family, given, middle.join(' '), prefix, suffix];
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
      n.setValue(structuredName(name) as unknown as string);
      card.addProperty(n);
      for (const email of c.emails) {
        const p = card.addPropertyWithValue('email', email);
        const kind = c.emailTypes.find((l) => l.email === email)?.type;
        const types = [...(version === '3.0' ? ['INTERNET'] : []), ...(kind ? [kind] : [])];
        if (types.length > 0) p.setParameter('type', types);
      }
      for (const phone of c.phones) {
        const p = card.addPropertyWithValue('tel', phone);
        // 4.0 TEL defaults to a tel: URI; the stored numbers are text (E.164 or national form).
        if (version === '4.0') p.setParameter('value', 'text');
        const kind = c.phoneTypes.find((l) => phoneKey(l.phone) === phoneKey(phone))?.type;
        if (kind) p.setParameter('type', kind === 'mobile' ? 'cell' : kind);
      }
      if (c.title) card.addPropertyWithValue('title', c.title);
      if (c.company) {
        const org = new ICAL.Property('org', card);
        org.setValue([c.company] as unknown as string);
        card.addProperty(org);
      }
      if (c.birthday) card.addPropertyWithValue('bday', bdayValue(c.birthday, version));
      // The location as an untyped city-only ADR, unless the first address already says it (the reader
      // takes the first ADR's city, region or country as the location).
      const first = c.addresses[0];
      const firstPlace = first ? (first.city ?? first.region ?? first.country) : null;
      if (c.location && c.location !== firstPlace)
        card.addPropertyWithValue('adr', ['', '', '', c.location, '', '', ''] as unknown as string);
      for (const a of c.addresses) {
        const adr = new ICAL.Property('adr', card);
        adr.setValue([
          '',
          '',
          a.street ?? '',
          a.city ?? '',
          a.region ?? '',
          a.postcode ?? '',
          a.country ?? '',
        ] as unknown as string);
        adr.setParameter('type', a.type);
        card.addProperty(adr);
      }
      for (const url of c.urls) card.addPropertyWithValue('url', url);
      if (c.notes) card.addPropertyWithValue('note', c.notes);
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

/** Parses every vCard (2.1, 3.0, 4.0) in a text into drafts; throws VcardError when it holds none. */
export function parseVcards(text: string): ContactDraft[] {
  const { drafts } = readVcards(text);
  if (drafts.length === 0) throw new VcardError('The file holds no vCard (BEGIN:VCARD … END:VCARD)');
  return drafts;
}
