import type { EmailType, PhoneType, PostalAddress } from '@rapport/shared/schemas/contact';

/** A contact as files carry it (CSV row or vCard), before validation. */
export interface ContactDraft {
  /** 1-based: the CSV row as a spreadsheet numbers it, or the vCard's position in the file. */
  row: number;
  name: string | null;
  emails: string[];
  phones: string[];
  title: string | null;
  company: string | null;
  linkedin: string | null;
  x: string | null;
  tags: string[];
  /** 'YYYY-MM-DD' or 'MM-DD' (year unknown). */
  birthday: string | null;
  location: string | null;
  /** The order system's id of the customer this person buys for. */
  customerExternalId: string | null;
  /** A team member's email (CSV "Owner"). */
  owner: string | null;
  /** Types of some of `emails` / `phones`, as the file wrote the values. */
  emailTypes: { email: string; type: EmailType }[];
  phoneTypes: { phone: string; type: PhoneType }[];
  /** Web addresses other than LinkedIn/X profiles. */
  urls: string[];
  notes: string | null;
  addresses: PostalAddress[];
}

export function emptyDraft(row: number): ContactDraft {
  return {
    row,
    name: null,
    emails: [],
    phones: [],
    title: null,
    company: null,
    linkedin: null,
    x: null,
    tags: [],
    birthday: null,
    location: null,
    customerExternalId: null,
    owner: null,
    emailTypes: [],
    phoneTypes: [],
    urls: [],
    notes: null,
    addresses: [],
  };
}

/** An address-book type label ("* Work", "CELL", "Business Fax", "iPhone") as a phone type, or null. */
export function phoneTypeOf(labels: readonly string[]): PhoneType | null {
  const l = labels.join(' ').toLowerCase();
  if (/fax/.test(l)) return 'fax';
  if (/mobile|cell|iphone/.test(l)) return 'mobile';
  if (/work|business|office/.test(l)) return 'work';
  if (/home|personal/.test(l)) return 'home';
  if (/other/.test(l)) return 'other';
  return null;
}

/** An address-book type label as an email type (also the address type), or null. */
export function emailTypeOf(labels: readonly string[]): EmailType | null {
  const l = labels.join(' ').toLowerCase();
  if (/work|business|office/.test(l)) return 'work';
  if (/home|personal/.test(l)) return 'home';
  if (/other/.test(l)) return 'other';
  return null;
}

/** "www.acme.com" as files often write it -> "https://www.acme.com"; other values unchanged. */
export function webAddress(raw: string): string {
  const v = raw.trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
}
