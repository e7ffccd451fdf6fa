import { normaliseEmail, normaliseName, normalisePhone } from '@rapport/shared/identity/normalize';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import { phoneKey } from '@rapport/shared/schemas/primitives';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/**
 * Contacts whose name words, email, phone or LinkedIn/X handle start with the query, best first:
 * exact identity matches, then names, alphabetically.
 */
export async function searchContacts(
  db: RapportDB,
  query: string,
  limit: number,
  phoneCountry: string | null = null,
): Promise<Contact[]> {
  const text = query.trim().toLowerCase().replace(/^@/, '');
  if (text === '') return [];
  const words = normaliseName(text).split(' ').filter(Boolean);
  const email = normaliseEmail(text);
  const phone = normalisePhone(text, phoneCountry ?? undefined);
  const digits = text.replace(/[^\d+]/g, '');
  const found = new Map<string, { contact: Contact; rank: number }>();
  const add = (records: Array<{ data: Contact | null; id: string }>, rank: number) => {
    for (const r of records) {
      const c = liveData(r);
      const seen = found.get(r.id);
      if (c && (!seen || seen.rank > rank)) found.set(r.id, { contact: c, rank });
    }
  };
  const scan = Math.max(limit * 4, 50);
  await db.transaction('r', db.contacts, async () => {
    if (email) add(await db.contacts.where('emails').equals(email).toArray(), 0);
    if (phone) add(await db.contacts.where('phones').equals(phoneKey(phone)).toArray(), 0);
    add(await db.contacts.where('emails').startsWith(text).limit(scan).toArray(), 1);
    add(await db.contacts.where('linkedin').startsWith(text).limit(scan).toArray(), 1);
    add(await db.contacts.where('x').startsWith(text).limit(scan).toArray(), 1);
    if (digits.replace('+', '').length >= 4)
      add(
        await db.contacts
          .where('phones')
          .startsWith(digits.startsWith('+') ? digits : `+${digits}`)
          .limit(scan)
          .toArray(),
        1,
      );
    const [first, ...rest] = words;
    if (first !== undefined) {
      // Every query word must start some word of the name ("mil se" finds "Sean Miller").
      const candidates = await db.contacts
        .where('words')
        .startsWith(first)
        .limit(scan * 4)
        .toArray();
      add(
        candidates.filter((r) => rest.every((w) => r.words.some((x) => x.startsWith(w)))),
        2,
      );
    }
  });
  return [...found.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        collator.compare(a.contact.name, b.contact.name) ||
        (a.contact.id < b.contact.id ? -1 : 1),
    )
    .slice(0, limit)
    .map((f) => f.contact);
}

/** Customers whose name starts with the query or whose external id equals it (for linking). */
export async function searchCustomers(db: RapportDB, query: string, limit: number): Promise<Customer[]> {
  const key = normaliseName(query);
  if (key === '') return [];
  const records = await db.customers
    .where('nameKey')
    .startsWith(key)
    .limit(limit * 2)
    .toArray();
  const byExternal = await db.customers.where('externalId').equals(query.trim()).toArray();
  const found = new Map<string, Customer>();
  for (const r of [...byExternal, ...records]) {
    const c = liveData(r);
    if (c) found.set(c.id, c);
  }
  return [...found.values()].slice(0, limit);
}
