import { describe, expect, it } from 'vitest';
import {
  DELETABLE_ENTITIES,
  type DuplicateKey,
  ENTITIES,
  ENTITY_NAMES,
  type EntityFacts,
  MERGE_REFERENCE_FIELDS,
  MERGED_ENTITY_NAMES,
  OWNED_ENTITIES,
  UPSERT_ENTITIES,
} from './entities.ts';
import { Contact } from './schemas/contact.ts';
import { Company, Customer } from './schemas/customer.ts';
import { SurveyResponse } from './schemas/feedback.ts';
import { Interaction } from './schemas/interaction.ts';
import { Product } from './schemas/order.ts';
import { Opportunity, Ticket } from './schemas/pipeline.ts';
import { Task } from './schemas/task.ts';
import { type EntitySchemas, entityDefs, entityNameSchema } from './sync/entities.ts';
import { mutationArgs, UPSERT_MUTATION } from './sync/mutations.ts';

const facts = (n: (typeof ENTITY_NAMES)[number]): EntityFacts => ENTITIES[n];

describe('the entity table', () => {
  it('lists the ten replicated entities once each', () => {
    expect(ENTITY_NAMES).toEqual([
      'contact',
      'customer',
      'company',
      'interaction',
      'opportunity',
      'ticket',
      'surveyResponse',
      'product',
      'task',
      'customerMetrics',
    ]);
    expect(entityNameSchema.options).toEqual(ENTITY_NAMES);
  });

  it('gives every entity a schema and a merge definition built from its merge facts', () => {
    expect(Object.keys(entityDefs)).toEqual(ENTITY_NAMES);
    for (const name of ENTITY_NAMES) {
      const def = entityDefs[name];
      const { merge } = facts(name);
      expect(def.name).toBe(name);
      expect(def.idKey, name).toBe(merge.idKey ?? 'id');
      expect(Object.keys(def.sets).sort(), name).toEqual(Object.keys(merge.sets ?? {}).sort());
      for (const nested of merge.nested ?? [])
        expect(
          Object.keys(def.fields).some((f) => f.startsWith(`${nested}.`)),
          `${name}.${nested}`,
        ).toBe(true);
      for (const f of merge.keepOnErase ?? [])
        expect(def.fields[f] ?? def.sets[f], `${name}.${f}`).toBeDefined();
      for (const f of merge.absentWhenEmpty ?? [])
        expect(def.absentWhenEmpty.has(f), `${name}.${f}`).toBe(true);
    }
    // The set keys: a contact's phones are keyed by phoneKey, handles by network:id, tags case-folded.
    expect(entityDefs.contact.sets.phones?.key('+1 (415) 555-0100')).toBe('+14155550100');
    expect(entityDefs.contact.sets.handles?.key({ network: 'x', id: 'seanm' })).toBe('x:seanm');
    expect(entityDefs.contact.sets.tags?.key('VIP')).toBe('vip');
    expect(entityDefs.contact.sets.emailTypes?.key({ email: 'a@b.com', type: 'work' })).toBe('a@b.com');
    expect(entityDefs.ticket.sets.history).toBeDefined();
    expect(entityDefs.company.fields.name).toBeDefined();
  });

  it('names only real fields as owner, search fields and duplicate keys', () => {
    for (const name of ENTITY_NAMES) {
      const def = entityDefs[name];
      const { owner, search, duplicateKeys } = facts(name);
      const has = (f: string) => def.fields[f] !== undefined || def.sets[f] !== undefined;
      if (owner) expect(has(owner), `${name}.${owner}`).toBe(true);
      for (const f of search) expect(has(f), `${name} search ${f}`).toBe(true);
      for (const k of duplicateKeys as readonly DuplicateKey[])
        expect(has(k.field), `${name} key ${k.field}`).toBe(true);
    }
  });

  it('merges duplicate contacts and customers in sync, re-pointing the rows that name them', () => {
    expect(MERGED_ENTITY_NAMES).toEqual(['contact', 'customer']);
    expect(MERGE_REFERENCE_FIELDS).toEqual({ contact: 'contactId', customer: 'customerId' });
    for (const name of MERGED_ENTITY_NAMES) {
      // A merge needs a unique key to find the older row, and rows that refer to it by the reference field.
      expect((facts(name).duplicateKeys as readonly DuplicateKey[]).some((k) => k.unique)).toBe(true);
      const referrers = ENTITY_NAMES.filter((n) => entityDefs[n].fields[MERGE_REFERENCE_FIELDS[name]]);
      expect(referrers.length, name).toBeGreaterThan(0);
    }
  });

  it('gives every entity sync mutations, a Dexie table and (except the computed metrics) a REST path', () => {
    const paths = new Set<string>();
    const tables = new Set<string>();
    for (const name of ENTITY_NAMES) {
      const { rest, sync, dexie } = facts(name);
      if (name === 'customerMetrics') expect(rest).toBeNull();
      else {
        expect(rest, name).not.toBeNull();
        expect(paths.has(rest!.path)).toBe(false);
        paths.add(rest!.path);
        // Written by clients with an upsert or an add mutation; products come from imports and REST only.
        expect(sync.upsert || sync.add !== null, name).toBe(name !== 'product');
        expect(sync.delete, name).toBe(true);
      }
      if (sync.upsert) expect(mutationArgs).toHaveProperty([`${name}.upsert`]);
      if (sync.add) {
        const args = mutationArgs[sync.add.mutation as keyof typeof mutationArgs];
        expect(args, sync.add.mutation).toBeDefined();
        expect(Object.keys((args as unknown as { shape: object }).shape)).toContain(sync.add.arg);
      }
      expect(dexie.indexes.split(', ')[0], name).toBe('id');
      expect(tables.has(dexie.table)).toBe(false);
      tables.add(dexie.table);
    }
    expect(UPSERT_ENTITIES).toEqual(['contact', 'customer', 'company', 'opportunity', 'ticket', 'task']);
    expect(Object.keys(mutationArgs).filter((m) => m.endsWith('.upsert'))).toEqual(
      UPSERT_ENTITIES.map((e) => `${e}.upsert`),
    );
    expect(UPSERT_MUTATION.task).toBe('task.upsert');
    expect(OWNED_ENTITIES).toEqual(['contact', 'customer', 'opportunity', 'ticket']);
    expect(mutationArgs['entity.delete'].shape.entity.options).toEqual(DELETABLE_ENTITIES);
    expect(DELETABLE_ENTITIES).not.toContain('customerMetrics');
    expect(DELETABLE_ENTITIES).toHaveLength(ENTITY_NAMES.length - 1);
  });

  it('refuses, at typecheck, a table entity without a zod schema', () => {
    const withoutMetrics = {
      contact: Contact,
      customer: Customer,
      company: Company,
      interaction: Interaction,
      opportunity: Opportunity,
      ticket: Ticket,
      surveyResponse: SurveyResponse,
      product: Product,
      task: Task,
    };
    // @ts-expect-error customerMetrics is in the table, so a schema map without it does not typecheck.
    const schemas: EntitySchemas = withoutMetrics;
    expect(Object.keys(schemas)).toHaveLength(ENTITY_NAMES.length - 1);
  });
});
