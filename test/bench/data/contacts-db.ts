// The extension's IndexedDB (Dexie on fake-indexeddb) holding a large synced address book: contacts
// from the synthetic set, every tenth one linked to a customer with metrics and every fifth with a
// logged email, stored as the sync client stores pulled rows (toRecord of a server row state).
import { newId } from '@rapport/shared/ids';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { toRecord } from '../../../extension/db/records.ts';
import type {
  ContactRecord,
  CustomerRecord,
  InteractionRecord,
  MetricsRecord,
} from '../../../extension/db/schema.ts';
import { RapportDB } from '../../../extension/db/schema.ts';
import { generateContacts } from '../../generators/contacts.ts';
import { contactFrom } from './mutations.ts';

const T0 = Date.parse('2025-06-01T00:00:00.000Z');
const BATCH = 5_000;
const TIERS = ['A', 'B', 'C', 'D'] as const;

export interface StoredPerson {
  contactId: string;
  name: string;
  email: string;
}

export interface AddressBook {
  db: RapportDB;
  /** Every stored contact that has an email, in generation order. */
  withEmail: StoredPerson[];
  close(): Promise<void>;
}

let opened = 0;

function metrics(customerId: string, i: number): CustomerMetrics {
  return {
    customerId,
    revenue: `${1000 + (i % 9000)}.25`,
    profit: `${(i % 7) * 100 - 150}.5`,
    orders: 1 + (i % 12),
    margin: null,
    tier: TIERS[i % 4] as CustomerMetrics['tier'],
    lastOrderAt: '2025-05-20',
    months: [],
    window: { from: '2024-05-21', to: '2025-05-21', asOf: '2025-05-20', historical: false },
  };
}

/** Fills a fresh database with `n` contacts (plus n/10 customers with metrics and n/5 interactions). */
export async function openAddressBook(n: number, ownerId: string = newId()): Promise<AddressBook> {
  const db = new RapportDB({ name: `rapport-bench-${++opened}-${process.pid}`, indexedDB, IDBKeyRange });
  await db.open();
  const withEmail: StoredPerson[] = [];
  let contacts: ContactRecord[] = [];
  let customers: CustomerRecord[] = [];
  let metricRows: MetricsRecord[] = [];
  let interactions: InteractionRecord[] = [];
  const flush = async () => {
    await db.transaction('rw', [db.contacts, db.customers, db.customerMetrics, db.interactions], async () => {
      await db.contacts.bulkPut(contacts);
      await db.customers.bulkPut(customers);
      await db.customerMetrics.bulkPut(metricRows);
      await db.interactions.bulkPut(interactions);
    });
    contacts = [];
    customers = [];
    metricRows = [];
    interactions = [];
  };
  let i = 0;
  for (const person of generateContacts(n, { seed: 5 })) {
    const t = formatHlc({ wall: T0 + i, counter: 0, node: 'server' });
    const contactId = newId();
    let customerId: string | null = null;
    if (i % 10 === 0) {
      customerId = newId();
      const customer = {
        id: customerId,
        externalId: `RC-${i}`,
        name: person.name,
        kind: 'person' as const,
        emails: person.emails,
        ownerId,
      };
      customers.push(toRecord('customer', stateFromEntity('customer', customer, t)));
      metricRows.push(
        toRecord('customerMetrics', stateFromEntity('customerMetrics', metrics(customerId, i), t)),
      );
    }
    contacts.push(
      toRecord(
        'contact',
        stateFromEntity('contact', { id: contactId, ...contactFrom(person, ownerId), customerId }, t),
      ),
    );
    if (i % 5 === 0) {
      const at = new Date(T0 - (i % 200) * 86_400_000).toISOString();
      const interaction = {
        id: newId(),
        contactId,
        customerId,
        kind: 'email' as const,
        channel: 'email' as const,
        direction: 'in' as const,
        at,
        subject: 'Re: quote',
        summary: null,
        body: null,
        sourceUrl: null,
        sourceKey: `18c${i.toString(16).padStart(13, '0')}`,
        authorId: ownerId,
        supersedes: null,
      };
      interactions.push(toRecord('interaction', stateFromEntity('interaction', interaction, t)));
    }
    const email = person.emails[0];
    if (email) withEmail.push({ contactId, name: person.name, email });
    i += 1;
    if (contacts.length >= BATCH) await flush();
  }
  await flush();
  return {
    db,
    withEmail,
    close: async () => {
      db.close();
      await db.delete();
    },
  };
}

/** `k` stored people spread evenly over the address book (so lookups hit old and new rows alike). */
export function spreadPick(people: readonly StoredPerson[], k: number): StoredPerson[] {
  if (people.length < k)
    throw new Error(`need ${k} people with an email, the address book has ${people.length}`);
  const step = people.length / k;
  return Array.from({ length: k }, (_, j) => people[Math.floor(j * step)] as StoredPerson);
}
