// Rows for query and handler tests, stored as if pulled from the server.
import { newId } from '@rapport/shared/ids';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Task } from '@rapport/shared/schemas/task';
import type { RapportDB } from '../schema.ts';
import { contactFields, putServerRow } from '../testing.ts';

const CREATED = '2026-01-01T00:00:00.000Z';

export async function addCustomer(
  db: RapportDB,
  fields: Partial<Customer> & { name: string },
): Promise<string> {
  const id = fields.id ?? newId();
  await putServerRow(db, 'customer', {
    id,
    createdAt: CREATED,
    externalId: null,
    kind: 'company',
    domains: [],
    emails: [],
    ownerId: null,
    currency: null,
    ...fields,
  });
  return id;
}

export async function addMetrics(
  db: RapportDB,
  customerId: string,
  fields: Partial<CustomerMetrics> & Pick<CustomerMetrics, 'tier'>,
): Promise<void> {
  await putServerRow(db, 'customerMetrics', {
    customerId,
    revenue: '0.00',
    profit: '0.00',
    orders: 0,
    margin: null,
    lastOrderAt: null,
    monthProfits: [],
    window: { from: '2025-03-21', to: '2026-03-21', asOf: '2026-03-20', historical: false },
    ...fields,
  });
}

export async function addContact(
  db: RapportDB,
  fields: Partial<Contact> & { name: string },
): Promise<string> {
  const id = fields.id ?? newId();
  await putServerRow(db, 'contact', { id, createdAt: CREATED, ...contactFields(fields) });
  return id;
}

export async function addInteraction(
  db: RapportDB,
  contactId: string,
  at: string,
  fields: Partial<Interaction> = {},
): Promise<string> {
  const id = fields.id ?? newId();
  await putServerRow(db, 'interaction', {
    id,
    createdAt: CREATED,
    contactId,
    customerId: null,
    kind: 'call',
    channel: 'phone',
    direction: 'out',
    at,
    subject: null,
    summary: 'Talked',
    body: null,
    sourceUrl: null,
    sourceKey: null,
    authorId: '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c01',
    supersedes: null,
    ...fields,
  });
  return id;
}

export async function addTask(
  db: RapportDB,
  fields: Partial<Task> & Pick<Task, 'title' | 'due' | 'assigneeId'>,
): Promise<string> {
  const id = fields.id ?? newId();
  await putServerRow(db, 'task', {
    id,
    createdAt: CREATED,
    contactId: null,
    customerId: null,
    note: null,
    done: false,
    doneAt: null,
    createdBy: newId(),
    ...fields,
  });
  return id;
}
