import { parseDateAs } from '@rapport/shared/parsing/date-formats';
import type { ContactDraft } from '../exports/contact-draft.ts';
import { emptyDraft } from '../exports/contact-draft.ts';
import { foldHeader, MappingError } from './order-columns.ts';
import { type ByteSource, csvRecords, type TextEncoding } from './source.ts';

type DraftColumn =
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
  | 'owner';

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
};

const split = (value: string, separators: RegExp) =>
  value
    .split(separators)
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** m/d/yyyy as spreadsheets write it; other forms pass through for the schema to judge. */
function birthdayText(value: string): string {
  const parsed = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value) ? parseDateAs(value, 'mdy') : null;
  return parsed && 'date' in parsed ? parsed.date : value;
}

/** Reads a contacts CSV into drafts (unknown columns are left out); throws when no column names a person. */
export async function readContactCsv(source: ByteSource, encoding: TextEncoding): Promise<ContactDraft[]> {
  const drafts: ContactDraft[] = [];
  let columns: (DraftColumn | null)[] | null = null;
  let row = 0;
  for await (const record of csvRecords(source, encoding)) {
    row += 1;
    if (!columns) {
      columns = record.map((h) => CONTACT_HEADERS[foldHeader(h)] ?? null);
      if (!columns.some((c) => c === 'name' || c === 'firstName' || c === 'lastName' || c === 'emails')) {
        const headers = record.map((h) => `"${h}"`).join(', ');
        throw new MappingError(`No column holds a contact's name or email (the file's headers: ${headers})`, [
          'no name or email column',
        ]);
      }
      continue;
    }
    const d = emptyDraft(row);
    let first = '';
    let last = '';
    record.forEach((raw, i) => {
      const value = raw.trim();
      const column = columns?.[i];
      if (!value || !column) return;
      switch (column) {
        case 'firstName':
          first = value;
          break;
        case 'lastName':
          last = value;
          break;
        case 'emails':
          d.emails.push(...split(value, /[;,\s]+/));
          break;
        case 'phones':
          d.phones.push(...split(value, /[;\n]+/));
          break;
        case 'tags':
          d.tags.push(...split(value, /[;\n]+/));
          break;
        case 'birthday':
          d.birthday = birthdayText(value);
          break;
        default:
          d[column] ??= value;
      }
    });
    if (!d.name && (first || last)) d.name = `${first} ${last}`.trim();
    drafts.push(d);
  }
  if (!columns)
    throw new MappingError('The file is empty: expected a header row and contacts', ['empty file']);
  return drafts;
}
