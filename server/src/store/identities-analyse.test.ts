import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import { ANALYSE_AFTER } from './driver.ts';
import type { IdentityHolder } from './repos/identities.ts';

describe('Postgres: the first large write analyses a table never analysed', () => {
  let test: TestStore;
  beforeAll(async () => {
    test = await createTestStore('postgres');
    // Autovacuum would analyse it on its own schedule; keep it out so only the store can.
    await test.store.db.exec('ALTER TABLE identities SET (autovacuum_enabled = false)');
    await test.store.db.exec('ALTER TABLE rows SET (autovacuum_enabled = false)');
  }, 30_000);
  afterAll(async () => {
    await test?.destroy();
  });

  const tuples = async (table = 'identities') =>
    Number(
      (
        await test.store.db.get<{ n: unknown }>(
          'SELECT reltuples AS n FROM pg_class WHERE oid = CAST(? AS regclass)',
          [table],
        )
      )?.n,
    );
  const emails = (n: number, from: number): IdentityHolder[] =>
    Array.from({ length: n }, (_, i) => ({
      entity: 'contact',
      kind: 'email',
      value: `p${from + i}@example.com`,
      id: newId(),
    }));

  it('analyses once a write adds ANALYSE_AFTER rows, and the lookups still answer the same', async () => {
    const team = await test.store.teams.create({
      id: newId(),
      name: 'T',
      settings: {},
      at: '2026-03-01T00:00:00.000Z',
    });
    const small = emails(ANALYSE_AFTER - 1, 0);
    await test.store.identities.applyChanges(team.id, { remove: [], add: small });
    expect(await tuples()).toBe(-1);

    const large = emails(ANALYSE_AFTER, ANALYSE_AFTER);
    await test.store.identities.applyChanges(team.id, { remove: [], add: large });
    expect(await tuples()).toBe(2 * ANALYSE_AFTER - 1);

    const asked = [small[5]!, large[7]!, large[ANALYSE_AFTER - 1]!];
    const found = await test.store.identities.lookup(
      team.id,
      [...asked, { kind: 'email', value: 'nobody@example.com' }],
      'contact',
    );
    expect(found).toEqual(asked.sort((a, b) => (a.value < b.value ? -1 : 1)));
    // With statistics the values asked are searched in the index, not filtered from the team's rows.
    const plan = await test.store.db.all<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT entity, kind, value, id FROM identities WHERE team_id = '${team.id}' AND entity = 'contact'
        AND kind = 'email' AND value IN (${asked.map((a) => `'${a.value}'`).join(', ')})`,
    );
    expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(/Index Cond: .*value = ANY/);
  });

  it('analyses rows once a put writes ANALYSE_AFTER of them', async () => {
    const team = await test.store.teams.create({
      id: newId(),
      name: 'R',
      settings: {},
      at: '2026-03-01T00:00:00.000Z',
    });
    const contact = (i: number) => ({
      entity: 'contact',
      id: newId(),
      state: { fields: { name: { t: 't', v: `c${i}` } } },
      data: { name: `c${i}` },
      deletedAt: null,
      ownerId: null,
      customerId: null,
      contactId: null,
      search: `c${i}`,
      updatedAt: '2026-03-01T00:00:00.000Z',
    });
    await test.store.rows.put(
      team.id,
      1,
      Array.from({ length: ANALYSE_AFTER - 1 }, (_, i) => contact(i)),
    );
    expect(await tuples('rows')).toBe(-1);
    await test.store.rows.put(
      team.id,
      2,
      Array.from({ length: ANALYSE_AFTER }, (_, i) => contact(ANALYSE_AFTER + i)),
    );
    expect(await tuples('rows')).toBe(2 * ANALYSE_AFTER - 1);
  });
});
