import { csvCellText } from '@rapport/shared/csv-cell';
import { DateColumnProfile, type DateFormat, parseDateAs } from '@rapport/shared/parsing/date-formats';
import {
  EMAIL_TYPES,
  type EmailType,
  PHONE_TYPES,
  type PhoneType,
  parseAddressLine,
} from '@rapport/shared/schemas/contact';
import type { ContactDraft } from '../exports/contact-draft.ts';
import { emailTypeOf, emptyDraft, phoneTypeOf, webAddress } from '../exports/contact-draft.ts';
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
  /** A web address: kept as the LinkedIn or X handle when it is one, else among the URLs. */
  | 'url'
  | 'notes'
  /** Our export's typed lists: "jane@acme.com=work; …", addresses one per line. */
  | 'emailTypes'
  | 'phoneTypes'
  | 'addresses'
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
  urls: 'url',
  notes: 'notes',
  note: 'notes',
  备注: 'notes',
  emailtypes: 'emailTypes',
  phonetypes: 'phoneTypes',
  addresses: 'addresses',
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
  let slots: (Slot | null)[] | null = null;
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
        slots = record.map(slotOf);
        headerRow = row;
      }
      continue;
    }
    const d = emptyDraft(row);
    let given = '';
    let family = '';
    record.forEach((raw, i) => {
      // A contacts CSV Rapport exported quoted formula-like cells ('=…): read them back as typed.
      const value = csvCellText(raw.trim());
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
          for (const url of split(value, /\s*:::\s*|\n+/))
            if (/linkedin\.com\/in\//i.test(url)) d.linkedin ??= url;
            else if (/^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\//i.test(url)) d.x ??= url;
            else d.urls.push(webAddress(url));
          break;
        case 'notes':
          d.notes = d.notes ? `${d.notes}\n\n${value}` : value;
          break;
        case 'emailTypes':
          for (const [email, type] of pairs(value))
            if ((EMAIL_TYPES as readonly string[]).includes(type))
              d.emailTypes.push({ email, type: type as EmailType });
          break;
        case 'phoneTypes':
          for (const [phone, type] of pairs(value))
            if ((PHONE_TYPES as readonly string[]).includes(type))
              d.phoneTypes.push({ phone, type: type as PhoneType });
          break;
        case 'addresses':
          for (const line of split(value, /\n+/)) {
            const address = parseAddressLine(line);
            if (address) d.addresses.push(address);
          }
          break;
        default:
          d[column] ??= value;
      }
    });
    if (!d.name && (given || family)) d.name = `${given} ${family}`.trim();
    if (slots) readSlots(d, record, slots);
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
  if (/^address \d+ - (street|region|postal code|country|formatted|po box|extended address)$/.test(h))
    return 'ignore';
  if (/ - (type|label)$/.test(h)) return 'ignore';
  return null;
}

/** "jane@acme.com=work; +1415…=mobile" -> [value, type] pairs. */
function pairs(value: string): [string, string][] {
  return split(value, /[;\n]+/).flatMap((p) => {
    const at = p.lastIndexOf('=');
    return at > 0
      ? [
          [
            p.slice(0, at).trim(),
            p
              .slice(at + 1)
              .trim()
              .toLowerCase(),
          ] as [string, string],
        ]
      : [];
  });
}

type AddressPart = 'type' | 'street' | 'city' | 'region' | 'postcode' | 'country';

/**
 * What a column says about types and addresses, beside its DraftColumn: Google's numbered
 * "E-mail 1 - Type" / "Phone 2 - Type" / "Address 1 - City", Outlook's "Mobile Phone" and
 * "Business Street", HubSpot's "Mobile Phone Number" and "Street Address".
 */
type Slot =
  | { kind: 'email' | 'phone'; group: string; part: 'type' | 'value'; fixed?: string }
  | { kind: 'address'; group: string; part: AddressPart; fixed?: string };

const ADDRESS_PARTS: Record<string, AddressPart> = {
  type: 'type',
  street: 'street',
  city: 'city',
  region: 'region',
  state: 'region',
  'state/region': 'region',
  'postal code': 'postcode',
  zip: 'postcode',
  country: 'country',
  'country/region': 'country',
};

const OUTLOOK_PHONES: Record<string, string> = {
  'mobile phone': 'mobile',
  'business phone': 'work',
  'business phone 2': 'work',
  'home phone': 'home',
  'home phone 2': 'home',
  'business fax': 'fax',
  'home fax': 'fax',
  'other phone': 'other',
  'mobile phone number': 'mobile',
};

function slotOf(header: string): Slot | null {
  const h = header.trim().toLowerCase();
  const google = /^(e-?mail|phone|address) (\d+) - (.+)$/.exec(h);
  if (google) {
    const [, what = '', group = '', rest = ''] = google;
    const kind = what === 'phone' ? 'phone' : what === 'address' ? 'address' : 'email';
    if (kind === 'address') {
      const part = ADDRESS_PARTS[rest];
      return part ? { kind, group: `g${group}`, part } : null;
    }
    if (rest === 'type' || rest === 'label') return { kind, group: `g${group}`, part: 'type' };
    if (rest === 'value') return { kind, group: `g${group}`, part: 'value' };
    return null;
  }
  const phone = OUTLOOK_PHONES[h];
  if (phone) return { kind: 'phone', group: h, part: 'value', fixed: phone };
  const outlookAddress = /^(business|home|other) (street|city|state|postal code|country\/region)$/.exec(h);
  if (outlookAddress) {
    const [, where = '', part = ''] = outlookAddress;
    const type = where === 'business' ? 'work' : where;
    return { kind: 'address', group: where, part: ADDRESS_PARTS[part] ?? 'street', fixed: type };
  }
  // HubSpot's contact address.
  const hubspot: Record<string, AddressPart> = {
    'street address': 'street',
    'state/region': 'region',
    'postal code': 'postcode',
    'country/region': 'country',
  };
  if (hubspot[h]) return { kind: 'address', group: 'hubspot', part: hubspot[h] };
  return null;
}

/** Types of the row's emails and phones, and its addresses, from the slot columns. */
function readSlots(d: ContactDraft, record: readonly string[], slots: readonly (Slot | null)[]): void {
  const groups = new Map<string, { slot: Slot; type: string | null; values: Map<string, string> }>();
  record.forEach((raw, i) => {
    const slot = slots[i];
    const value = csvCellText(raw.trim());
    if (!slot || !value) return;
    const key = `${slot.kind}:${slot.group}`;
    const g = groups.get(key) ?? { slot, type: slot.fixed ?? null, values: new Map<string, string>() };
    groups.set(key, g);
    if (slot.part === 'type') g.type = value;
    else g.values.set(slot.part, value);
  });
  for (const g of groups.values()) {
    const labels = g.type ? [g.type] : [];
    if (g.slot.kind === 'email') {
      const type = emailTypeOf(labels);
      for (const email of split(g.values.get('value') ?? '', /\s*:::\s*|[;,\s]+/))
        if (type) d.emailTypes.push({ email, type });
    } else if (g.slot.kind === 'phone') {
      const type = phoneTypeOf(labels);
      for (const phone of split(g.values.get('value') ?? '', /\s*:::\s*|[;\n]+/))
        if (type) d.phoneTypes.push({ phone, type });
    } else {
      const v = (k: AddressPart) => g.values.get(k) ?? null;
      // HubSpot's "City" is read as the location; it is the address's city too.
      const city = v('city') ?? (g.slot.group === 'hubspot' ? d.location : null);
      if (!v('street') && !city && !v('region') && !v('postcode') && !v('country')) continue;
      d.addresses.push({
        type: emailTypeOf(labels) ?? 'other',
        street: v('street'),
        city,
        region: v('region'),
        postcode: v('postcode'),
        country: v('country'),
      });
    }
  }
}
