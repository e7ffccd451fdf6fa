import { DateColumnProfile, type DateFormat, parseDateAs } from '@rapport/shared/parsing/date-formats';
import type { ContactDraft } from '../exports/contact-draft.ts';
import { emptyDraft } from '../exports/contact-draft.ts';
import { type ContactPreset, presetColumns, presetOf } from './contact-presets.ts';
import { foldHeader, MappingError } from './order-columns.ts';
import type { ByteSource } from './source.ts';
import { openTable, type TableInfo } from './table.ts';
import { assertCleanHeader } from './text-cells.ts';

export type DraftColumn =
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'emails'
  | 'phones'
  | 'title'
  | 'company'
  | 'customerExternalId'
  | 'linkedin'
  | 'x'
  | 'tags'
  | 'birthday'
  | 'location'
  | 'owner'
  /** A web address: kept as the LinkedIn or X handle when it is one. */
  | 'url'
  /** Recognised and left out (Outlook's "Title" is Mr./Ms., type labels, …). */
  | 'ignore';

/** Usual headers of contact exports (Google, Outlook, LinkedIn, ours), by folded header. */
const CONTACT_HEADERS: Record<string, DraftColumn> = {
  name: 'name',
  fullname: 'name',
  displayname: 'name',
  contactname: 'name',
  firstname: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  email: 'emails',
  emails: 'emails',
  emailaddress: 'emails',
  email1: 'emails',
  email2: 'emails',
  workemail: 'emails',
  primaryemail: 'emails',
  phone: 'phones',
  phones: 'phones',
  mobile: 'phones',
  mobilephone: 'phones',
  telephone: 'phones',
  phonenumber: 'phones',
  workphone: 'phones',
  title: 'title',
  jobtitle: 'title',
  position: 'title',
  company: 'company',
  companyname: 'company',
  organization: 'company',
  organisation: 'company',
  customerid: 'customerExternalId',
  linkedin: 'linkedin',
  linkedinurl: 'linkedin',
  linkedinprofile: 'linkedin',
  x: 'x',
  twitter: 'x',
  xhandle: 'x',
  tags: 'tags',
  labels: 'tags',
  categories: 'tags',
  birthday: 'birthday',
  dateofbirth: 'birthday',
  location: 'location',
  city: 'location',
  owner: 'owner',
  // Chinese address books and CRM exports.
  姓名: 'name',
  名字: 'name',
  联系人: 'name',
  姓: 'lastName',
  名: 'firstName',
  邮箱: 'emails',
  电子邮件: 'emails',
  电话: 'phones',
  手机: 'phones',
  手机号: 'phones',
  手机号码: 'phones',
  联系电话: 'phones',
  公司: 'company',
  单位: 'company',
  公司名称: 'company',
  职位: 'title',
  职务: 'title',
  标签: 'tags',
  生日: 'birthday',
  城市: 'location',
  客户id: 'customerExternalId',
  客户编号: 'customerExternalId',
  负责人: 'owner',
  url: 'url',
  website: 'url',
  webpage: 'url',
  homepage: 'url',
  profileurl: 'url',
};

// Google Contacts joins several values in one cell with " ::: ".
const split = (value: string, separators: RegExp) =>
  value
    .split(separators)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** Birthdays as exports write them (m/d/yyyy, yyyy-mm-dd, Google's --mm-dd); Outlook's "0/0/00" and unreadable ones are none. */
function birthdayText(value: string, format: DateFormat): string | null {
  // "--07-04" (Google) or "07-04" (our export): a birthday without its year.
  const noYear = /^(?:--)?(\d{2})-(\d{2})$/.exec(value) ?? /^--(\d{2})(\d{2})$/.exec(value);
  if (noYear) return `${noYear[1]}-${noYear[2]}`;
  const parsed = parseDateAs(value, format);
  return 'date' in parsed ? parsed.date : null;
}

const isNameColumn = (c: DraftColumn | null) =>
  c === 'name' || c === 'firstName' || c === 'lastName' || c === 'emails';

export interface ContactCsv {
  drafts: ContactDraft[];
  preset: ContactPreset | null;
  detected: TableInfo & { headerRow: number };
}

/** Title lines some exports put above the header (LinkedIn's "Notes:" paragraph). */
const HEADER_SEARCH = 20;

/**
 * Reads a contacts CSV or .xlsx into drafts. Exports of Google Contacts, Outlook, LinkedIn
 * connections and HubSpot are recognised by their headers and read as they are; other files by
 * the usual header names. Unknown columns are left out. Throws when no column names a person.
 */
export async function readContactCsv(source: ByteSource): Promise<ContactCsv> {
  const table = await openTable(source);
  const drafts: ContactDraft[] = [];
  let columns: (DraftColumn | null)[] | null = null;
  let preset: ContactPreset | null = null;
  let headerRow = 0;
  let first: string[] | null = null;
  let row = 0;
  const birthdays: [ContactDraft, string][] = [];
  const birthdayColumn = new DateColumnProfile();
  for await (const record of table.records()) {
    row += 1;
    if (!columns) {
      first ??= record;
      if (row > HEADER_SEARCH) break;
      preset = presetOf(record);
      const preset_ = presetColumns(preset);
      const mapped = record.map(
        (h) => preset_[foldHeader(h)] ?? CONTACT_HEADERS[foldHeader(h)] ?? genericColumn(h),
      );
      if (
        mapped.some(isNameColumn) &&
        mapped.filter((c) => c !== null).length >= Math.min(2, record.length)
      ) {
        assertCleanHeader(record);
        columns = mapped;
        headerRow = row;
      }
      continue;
    }
    const d = emptyDraft(row);
    let given = '';
    let family = '';
    record.forEach((raw, i) => {
      const value = raw.trim();
      const column = columns?.[i];
      if (!value || !column || column === 'ignore') return;
      switch (column) {
        case 'firstName':
          given = value;
          break;
        case 'lastName':
          family = value;
          break;
        case 'emails':
          d.emails.push(...split(value, /\s*:::\s*|[;,\s]+/));
          break;
        case 'phones':
          d.phones.push(...split(value, /\s*:::\s*|[;\n]+/));
          break;
        case 'tags':
          // Google's built-in groups ("* myContacts", "* starred") are not tags people chose.
          d.tags.push(...split(value, /\s*:::\s*|[;\n]+/).filter((t) => !t.startsWith('* ')));
          break;
        case 'birthday':
          // Read once the whole column has told its format (25/03/1980 is day-first).
          birthdays.push([d, value]);
          birthdayColumn.add(value);
          break;
        case 'url':
          if (/linkedin\.com\/in\//i.test(value)) d.linkedin ??= value;
          else if (/^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//i.test(value)) d.x ??= value;
          break;
        default:
          d[column] ??= value;
      }
    });
    if (!d.name && (given || family)) d.name = `${given} ${family}`.trim();
    drafts.push(d);
  }
  if (!columns) {
    if (!first)
      throw new MappingError('The file is empty: expected a header row and contacts', ['empty file']);
    const headers = first.map((h) => `"${h}"`).join(', ');
    throw new MappingError(`No column holds a contact's name or email (the file's headers: ${headers})`, [
      'no name or email column',
    ]);
  }
  // An ambiguous column (every birthday ≤ 12/12) is read month-first, as spreadsheets in the US write it.
  const format = birthdayColumn.result().format ?? 'mdy';
  for (const [d, value] of birthdays) d.birthday = birthdayText(value, format);
  return { drafts, preset, detected: { ...table, headerRow } };
}

/** Numbered columns of Google and Outlook exports ("E-mail 2 - Value", "Phone 1 - Value", "E-mail 3 Address"). */
function genericColumn(header: string): DraftColumn | null {
  const h = header.trim().toLowerCase();
  if (/^e-?mail \d+ - (value|address)$|^e-?mail \d+ address$/.test(h)) return 'emails';
  if (/^phone \d+ - value$/.test(h)) return 'phones';
  if (/^website \d+ - value$/.test(h)) return 'url';
  if (/^organi[sz]ation \d+ - name$/.test(h)) return 'company';
  if (/^organi[sz]ation \d+ - title$/.test(h)) return 'title';
  if (/^address \d+ - city$/.test(h)) return 'location';
  if (/ - (type|label)$/.test(h)) return 'ignore';
  return null;
}
