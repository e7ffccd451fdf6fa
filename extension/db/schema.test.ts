import { ENTITIES, ENTITY_NAMES } from '@rapport/shared/entities';
import { newId } from '@rapport/shared/ids';
import { UPSERT_ENTITIES } from '@rapport/shared/sync/mutations';
import Dexie from 'dexie';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { directRows } from './effects.ts';
import { toRecord } from './records.ts';
import {
  type ContactRecord,
  ENTITY_TABLES,
  type InteractionRecord,
  type LocalRow,
  NEWEST_STORES,
  type ProductRecord,
  RapportDB,
  SCHEMA_VERSION,
  type TaskRecord,
} from './schema.ts';
import { openTestDb } from './testing.ts';

/** Dexie's own spelling of a table's schema: primary key, then indexes in declaration order. */
const storeSpec = (db: Dexie, table: string): string => {
  const { primKey, indexes } = db.table(table).schema;
  return [primKey, ...indexes].map((i) => i.src).join(', ');
};

describe('the Dexie schema, derived from the entity table', () => {
  it('types each record with the index fields its Dexie indexes name (lists for *multi-entry, else optional strings)', () => {
    expectTypeOf<ContactRecord['emails']>().toEqualTypeOf<string[]>();
    expectTypeOf<ContactRecord['words']>().toEqualTypeOf<string[]>();
    expectTypeOf<ContactRecord['birthdayKey']>().toEqualTypeOf<string | undefined>();
    // Compound index parts: [contactId+at], [contactId+sourceKey].
    expectTypeOf<InteractionRecord['at']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<InteractionRecord['sourceKey']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<keyof TaskRecord>().toEqualTypeOf<
      keyof LocalRow<unknown> | 'assigneeId' | 'contactId' | 'customerId' | 'due'
    >();
    // An entity with only the primary key has no index fields.
    expectTypeOf<keyof ProductRecord>().toEqualTypeOf<keyof LocalRow<unknown>>();
    // What records.ts stores is the declared type.
    expectTypeOf(toRecord<'contact'>).returns.toEqualTypeOf<ContactRecord>();
  });

  it('has one table per entity with exactly the indexes the table declares', async () => {
    const db = openTestDb();
    await db.open();
    for (const name of ENTITY_NAMES) {
      const { table, indexes } = ENTITIES[name].dexie;
      expect(ENTITY_TABLES[name]).toBe(table);
      expect(storeSpec(db, table), name).toBe(indexes);
    }
    expect(db.rowTables.map((t) => t.name)).toEqual(ENTITY_NAMES.map((n) => ENTITIES[n].dexie.table));
    expect(db.verno).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('is the schema shipped as version 2 (change the table: freeze this in the history, bump the version)', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(NEWEST_STORES).toEqual({
      contacts:
        'id, *emails, *linkedin, *x, *phones, *words, nameKey, customerId, companyId, followUpOn, birthdayKey',
      customers: 'id, nameKey, externalId, *domains, *emails',
      companies: 'id, nameKey, *domains',
      interactions: 'id, contactId, customerId, [contactId+at], [contactId+sourceKey]',
      opportunities: 'id, contactId, customerId',
      tickets: 'id, contactId, customerId',
      surveyResponses: 'id, contactId',
      products: 'id',
      tasks: 'id, assigneeId, contactId, customerId, due',
      customerMetrics: 'id',
      settings: 'key',
      outbox: 'id, *touches',
      syncState: 'key',
      rejected: 'mutationId',
    });
  });

  it('upgrades a version 1 database in place: its rows stay and the tasks table appears', async () => {
    const name = `rapport-v1-${newId()}`;
    const old = new Dexie(name);
    old.version(1).stores({
      contacts:
        'id, *emails, *linkedin, *x, *phones, *words, nameKey, customerId, companyId, followUpOn, birthdayKey',
      customers: 'id, nameKey, externalId, *domains, *emails',
      companies: 'id, nameKey, *domains',
      interactions: 'id, contactId, customerId, [contactId+at], [contactId+sourceKey]',
      opportunities: 'id, contactId, customerId',
      tickets: 'id, contactId, customerId',
      customerMetrics: 'id',
      products: 'id',
      surveyResponses: 'id, contactId',
      settings: 'key',
      outbox: 'id, *touches',
      syncState: 'key',
      rejected: 'mutationId',
    });
    const id = newId();
    await old
      .table('contacts')
      .put({ id, emails: ['ann@example.com'], linkedin: [], x: [], phones: [], words: [] });
    old.close();

    const db = new RapportDB({ name });
    expect((await db.contacts.where('emails').equals('ann@example.com').first())?.id).toBe(id);
    expect(await db.tasks.where('assigneeId').equals('u1').count()).toBe(0);
    expect(db.verno).toBe(2);
    db.close();
  });

  it('derives the rows an upsert touches from the table', () => {
    const id = newId();
    for (const entity of UPSERT_ENTITIES) {
      const m = { id: 1, name: `${entity}.upsert`, args: { id, patch: {} } } as Parameters<
        typeof directRows
      >[0];
      expect(directRows(m)).toEqual([{ entity, id }]);
    }
  });
});
