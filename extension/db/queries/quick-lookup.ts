import { isOpenTicket } from '@rapport/shared/domain/tickets';
import { normaliseEmail, normaliseName } from '@rapport/shared/identity/normalize';
import { type PhoneMatch, phoneMatch, phoneQuery, phoneRegion } from '@rapport/shared/identity/phone-match';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';
import { type PersonSummary, summarise } from './people.ts';
import { searchContacts } from './search.ts';

/*
 * The clerk's quick lookup, from the local copy only (works offline): a phone in any common format,
 * an email, a customer id or a name finds contacts and customers, including customers nobody has
 * linked a contact to yet.
 */

export interface LookupCustomer {
  customer: Customer;
  metrics: CustomerMetrics | null;
  /** Live contacts linked to the customer. */
  contacts: number;
}

export interface LookupResult {
  people: PersonSummary[];
  customers: LookupCustomer[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Contacts with a phone matching the typed number: exact E.164 matches first, then digits-suffix ones. */
async function contactsByPhone(db: RapportDB, text: string, region: string | null): Promise<Contact[]> {
  const query = phoneQuery(text, region);
  if (query === null) return [];
  // The phones index holds every live contact's phoneKey() ("+14155550100", or "2125550199" for a
  // number that never parsed): read the distinct keys once and apply the shared rule to each.
  const keys = (await db.contacts.orderBy('phones').uniqueKeys()) as string[];
  const rank = new Map<string, PhoneMatch>();
  for (const key of keys) {
    const match = phoneMatch(key, query, region);
    if (match) rank.set(key, match);
  }
  if (rank.size === 0) return [];
  const records = await db.contacts
    .where('phones')
    .anyOf([...rank.keys()])
    .toArray();
  const best = (r: (typeof records)[number]) => (r.phones.some((p) => rank.get(p) === 'exact') ? 0 : 1);
  const found = new Map<string, { contact: Contact; rank: number }>();
  for (const r of records) {
    const c = liveData(r);
    if (c && !found.has(c.id)) found.set(c.id, { contact: c, rank: best(r) });
  }
  return [...found.values()]
    .sort((a, b) => a.rank - b.rank || collator.compare(a.contact.name, b.contact.name))
    .map((f) => f.contact);
}

/** Customers by record id or order-system id (exact), email, or name prefix (diacritics and case folded). */
async function customersFor(db: RapportDB, text: string, limit: number): Promise<Customer[]> {
  const found = new Map<string, Customer>();
  const add = (records: Array<{ data: Customer | null; id: string } | undefined>) => {
    for (const r of records) {
      const c = liveData(r);
      if (c && !found.has(c.id)) found.set(c.id, c);
    }
  };
  if (UUID.test(text)) add([await db.customers.get(text.toLowerCase())]);
  add(
    await db.customers
      .where('externalId')
      .anyOf([...new Set([text, text.toUpperCase()])])
      .toArray(),
  );
  const email = normaliseEmail(text);
  if (email) add(await db.customers.where('emails').equals(email).toArray());
  const key = normaliseName(text);
  // A typed phone number is not a name ("415-555-0100" folds to "415 555 0100").
  if (key !== '' && phoneQuery(text, null) === null) {
    const byName = (
      await db.customers
        .where('nameKey')
        .startsWith(key)
        .limit(limit * 2)
        .toArray()
    )
      .map(liveData)
      .filter((c): c is Customer => c !== null)
      .sort((a, b) => collator.compare(a.name, b.name));
    for (const c of byName) if (!found.has(c.id)) found.set(c.id, c);
  }
  return [...found.values()].slice(0, limit);
}

/**
 * Contacts (phone matches first, then identities and names as the people search ranks them) and
 * customers (by id, email or name) for what a clerk typed.
 */
export async function quickLookup(
  db: RapportDB,
  query: string,
  ctx: ReadContext,
  limit = 20,
): Promise<LookupResult> {
  const text = query.trim();
  if (text === '') return { people: [], customers: [] };
  const region = phoneRegion(ctx.local.phoneCountry, ctx.team.phoneRegion);
  return db.transaction('r', db.tables, async () => {
    const [byPhone, bySearch, customers] = await Promise.all([
      contactsByPhone(db, text, region),
      searchContacts(db, text, limit, region),
      customersFor(db, text, limit),
    ]);
    const contacts = [...new Map([...byPhone, ...bySearch].map((c) => [c.id, c])).values()].slice(0, limit);
    const [people, metrics, counts] = await Promise.all([
      summarise(db, contacts, ctx),
      db.customerMetrics.bulkGet(customers.map((c) => c.id)),
      Promise.all(customers.map((c) => db.contacts.where('customerId').equals(c.id).count())),
    ]);
    return {
      people,
      customers: customers.map((customer, i) => ({
        customer,
        metrics: metrics[i]?.data ?? null,
        contacts: counts[i] ?? 0,
      })),
    };
  });
}

export interface CustomerCard {
  customer: Customer;
  metrics: CustomerMetrics | null;
  contacts: Contact[];
  /** Open and in-progress tickets of the customer or its contacts, newest first. */
  openTickets: Ticket[];
  /** The newest interactions with the customer or its contacts, newest first. */
  interactions: Interaction[];
}

/** What the lookup's customer view shows from local data; null when the customer is not (or no longer) here. */
export async function customerCard(
  db: RapportDB,
  customerId: string,
  interactionLimit = 5,
): Promise<CustomerCard | null> {
  return db.transaction('r', db.tables, async () => {
    const customer = liveData(await db.customers.get(customerId));
    if (!customer) return null;
    const contacts = (await db.contacts.where('customerId').equals(customerId).toArray())
      .map(liveData)
      .filter((c): c is Contact => c !== null)
      .sort((a, b) => collator.compare(a.name, b.name));
    const contactIds = contacts.map((c) => c.id);
    const live = <T extends { deletedAt: string | null }>(
      records: Array<{ id: string; data: T | null }>,
    ): Map<string, T> => {
      const out = new Map<string, T>();
      for (const r of records) {
        const d = liveData(r);
        if (d) out.set(r.id, d);
      }
      return out;
    };
    const [metrics, tickets, interactions] = await Promise.all([
      db.customerMetrics.get(customerId),
      Promise.all([
        db.tickets.where('customerId').equals(customerId).toArray(),
        contactIds.length ? db.tickets.where('contactId').anyOf(contactIds).toArray() : [],
      ]).then(([a, b]) => live([...a, ...b])),
      Promise.all([
        db.interactions.where('customerId').equals(customerId).toArray(),
        contactIds.length ? db.interactions.where('contactId').anyOf(contactIds).toArray() : [],
      ]).then(([a, b]) => live([...a, ...b])),
    ]);
    const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
    return {
      customer,
      metrics: metrics?.data ?? null,
      contacts,
      openTickets: [...tickets.values()]
        .filter(isOpenTicket)
        .sort((a, b) => newestFirst(a.createdAt, b.createdAt)),
      interactions: [...interactions.values()]
        .sort((a, b) => newestFirst(a.at, b.at))
        .slice(0, interactionLimit),
    };
  });
}
