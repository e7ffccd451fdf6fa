import { csvSafeCell } from '@rapport/shared/csv-cell';
import { addressLine, type Contact } from '@rapport/shared/schemas/contact';
import type { Company, Customer } from '@rapport/shared/schemas/customer';
import Papa from 'papaparse';
import type { Store } from '../store/store.ts';
import { contactsToVcard, type VcardContact, type VcardVersion } from './vcard.ts';

export const EXPORT_FORMATS = ['csv', 'vcard'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ContactExport {
  body: string;
  contentType: string;
  filename: string;
  count: number;
}

/** Our CSV columns; the contacts CSV import reads them back. */
export const CONTACT_CSV_COLUMNS = [
  'Name',
  'Emails',
  'Phones',
  'Title',
  'Company',
  'Customer ID',
  'Customer Name',
  'LinkedIn',
  'X',
  'Tags',
  'Birthday',
  'Location',
  'Email Types',
  'Phone Types',
  'URLs',
  'Addresses',
  'Notes',
  'Owner',
  'Source',
  'Created At',
  'Id',
] as const;

const linkedinUrl = (id: string) => `https://www.linkedin.com/in/${id}/`;
const xUrl = (handle: string) => `https://x.com/${handle}`;
const handle = (c: Contact, network: string) => c.handles.find((h) => h.network === network)?.id ?? null;

/** Every live contact of the team as CSV (papaparse) or vCard 3.0/4.0, ordered by id (creation). */
/** A contact as a vCard writes it: every field a salesperson captured, the company by name. */
export function vcardOf(c: Contact, company: string | null): VcardContact {
  return {
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    title: c.title,
    company,
    linkedin: handle(c, 'linkedin'),
    x: handle(c, 'x'),
    tags: c.tags,
    birthday: c.birthday,
    location: c.location,
    emailTypes: c.emailTypes ?? [],
    phoneTypes: c.phoneTypes ?? [],
    urls: c.urls ?? [],
    notes: c.notes ?? null,
    addresses: c.addresses ?? [],
  };
}

export async function exportContacts(
  store: Store,
  teamId: string,
  format: ExportFormat,
  version: VcardVersion = '4.0',
): Promise<ContactExport> {
  const [contacts, companies, customers, members] = await Promise.all([
    store.rowQueries.live<Contact>(teamId, 'contact'),
    store.rowQueries.live<Company>(teamId, 'company'),
    store.rowQueries.live<Customer>(teamId, 'customer'),
    store.users.list(teamId),
  ]);
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  const customerOf = new Map(customers.map((c) => [c.id, c]));
  const emailOf = new Map(members.map((u) => [u.id, u.email]));

  if (format === 'vcard') {
    const cards = contacts.map((c) =>
      vcardOf(c, c.companyId ? (companyName.get(c.companyId) ?? null) : null),
    );
    return {
      body: contactsToVcard(cards, version),
      contentType: 'text/vcard; charset=utf-8',
      filename: 'contacts.vcf',
      count: contacts.length,
    };
  }

  const data = contacts.map((c) => {
    const customer = c.customerId ? customerOf.get(c.customerId) : undefined;
    const linkedin = handle(c, 'linkedin');
    const x = handle(c, 'x');
    return [
      c.name,
      c.emails.join('; '),
      c.phones.join('; '),
      c.title ?? '',
      c.companyId ? (companyName.get(c.companyId) ?? '') : '',
      customer?.externalId ?? '',
      customer?.name ?? '',
      linkedin ? linkedinUrl(linkedin) : '',
      x ? xUrl(x) : '',
      c.tags.join('; '),
      c.birthday ?? '',
      c.location ?? '',
      (c.emailTypes ?? []).map((l) => `${l.email}=${l.type}`).join('; '),
      (c.phoneTypes ?? []).map((l) => `${l.phone}=${l.type}`).join('; '),
      (c.urls ?? []).join('\n'),
      (c.addresses ?? []).map(addressLine).join('\n'),
      c.notes ?? '',
      c.ownerId ? (emailOf.get(c.ownerId) ?? '') : '',
      c.source,
      c.createdAt,
      c.id,
    ].map(csvSafeCell);
  });
  const body = Papa.unparse({ fields: [...CONTACT_CSV_COLUMNS], data }, { newline: '\r\n' });
  return {
    body: `${body}\r\n`,
    contentType: 'text/csv; charset=utf-8',
    filename: 'contacts.csv',
    count: contacts.length,
  };
}
