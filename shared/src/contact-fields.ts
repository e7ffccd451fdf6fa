/**
 * Contact field types and the postal-address line form, free of zod so UIs (the dashboard, the
 * side panel) can use them without bundling the schema library. The schemas are in schemas/contact.
 */
export const EMAIL_TYPES = ['work', 'home', 'other'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];
export const PHONE_TYPES = ['mobile', 'work', 'home', 'fax', 'other'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];
export const ADDRESS_TYPES = ['work', 'home', 'other'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

export interface AddressParts {
  type: AddressType;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
}

export const ADDRESS_PARTS = ['street', 'city', 'region', 'postcode', 'country'] as const;

/** An address's identity: its parts folded (the type is a property of it, not part of it). */
export function addressKey(a: Omit<AddressParts, 'type'>): string {
  return ADDRESS_PARTS.map((k) => (a[k] ?? '').trim().replace(/\s+/g, ' ').toLowerCase()).join('|');
}

/** One address as a line of text: "work | 1 Main St | Springfield | IL | 62704 | US" (CSV cells, forms). */
export function addressLine(a: AddressParts): string {
  return [a.type, ...ADDRESS_PARTS.map((k) => (a[k] ?? '').replaceAll('|', '/').replace(/\s+/g, ' '))].join(
    ' | ',
  );
}

/** Reads addressLine's form back; a line without a known type first is all street-to-country parts of an "other" address. */
export function parseAddressLine(line: string): AddressParts | null {
  const parts = line.split('|').map((p) => p.trim());
  const type = (ADDRESS_TYPES as readonly string[]).includes(parts[0]?.toLowerCase() ?? '')
    ? (parts.shift()?.toLowerCase() as AddressType)
    : 'other';
  const [street, city, region, postcode, country] = parts.map((p) => p || null);
  const address = {
    type,
    street: street ?? null,
    city: city ?? null,
    region: region ?? null,
    postcode: postcode ?? null,
    country: country ?? null,
  };
  return ADDRESS_PARTS.some((k) => address[k]) ? address : null;
}
