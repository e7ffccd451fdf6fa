import { describe, expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { migratedBefore } from '../testing/migrated-before.ts';
import { STORE_KINDS } from '../testing/test-store.ts';
import { migrations } from './migrations/index.ts';
import { runMigrations } from './migrations/run-migrations.ts';
import { type RowWrite, START_POSITION, type Store } from './store.ts';

const AT = '2026-03-01T10:00:00.000Z';
const T1 = '1767225600000:0000:client-a';
const T2 = '1767225600500:0003:client-b';

function write(entity: string, id: string, fields: Record<string, unknown>, extra: Partial<RowWrite> = {}) {
  const data = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, (v as { v: unknown }).v]));
  return {
    entity,
    id,
    state: { id, fields, sets: {}, deleted: null },
    data: { id, ...data },
    deletedAt: null,
    ownerId: null,
    customerId: null,
    contactId: null,
    search: '',
    updatedAt: AT,
    ...extra,
  } satisfies RowWrite;
}

/** Everything a reader of rows.state / rows.data sees, through each repository that reads them. */
async function readBack(store: Store, teamId: string) {
  return {
    rows: await store.rows.after(teamId, START_POSITION, 100),
    states: (await store.rows.statesAfter(teamId, START_POSITION, 100)).map((r) => ({
      ...r,
      state: JSON.parse(r.state) as unknown,
    })),
    live: await store.rowQueries.live(teamId, 'contact'),
    withState: await store.rowQueries.liveWithState(teamId, 'contact'),
    lastInteraction: [...(await store.rowQueries.lastInteractionByContact(teamId))],
  };
}

for (const kind of STORE_KINDS) {
  describe(`migration 013: synced rows' state and data kept as JSON text [${kind}]`, () => {
    const m = migratedBefore(kind, 13);

    it('keeps every stored row as every reader saw it, and then stores the text as written', async () => {
      const team = await m.store.teams.create({ id: newId(), name: 'T', settings: {}, at: AT });
      const [a, b, gone, mail] = [newId(), newId(), newId(), newId()];
      await m.store.rows.put(team.id, 1, [
        write('contact', a, {
          name: { t: T1, v: 'Zoë 王 "quoted" \\ back' },
          score: { t: T2, v: 1.5 },
          nested: { t: T1, v: { z: [1, null, { y: 'x' }], a: true } },
        }),
        write('contact', b, { name: { t: T2, v: 'Bob' }, big: { t: T1, v: 9007199254740991 } }),
      ]);
      await m.store.rows.put(team.id, 2, [
        write('contact', gone, { name: { t: T1, v: 'Gone' } }, { deletedAt: AT }),
        write(
          'interaction',
          mail,
          { at: { t: T1, v: '2026-02-03T04:05:06.000Z' }, kind: { t: T1, v: 'email' } },
          { contactId: a },
        ),
      ]);
      const before = await readBack(m.store, team.id);
      expect(before.lastInteraction).toEqual([[a, '2026-02-03T04:05:06.000Z']]);
      expect(before.rows.map((r) => r.data.id)).toEqual([a, b, gone, mail]);

      expect(await runMigrations(m.driver, migrations.slice(0, 13))).toEqual([13]);
      expect(await readBack(m.store, team.id)).toEqual(before);
      // Read in SQL from the state (Postgres: json_each now): the newest field clock per contact.
      expect(await m.store.rowQueries.latestFieldClocks(team.id, 'contact', [a, b, gone])).toEqual(
        new Map([
          [a, { deleted: false, t: T2 }],
          [b, { deleted: false, t: T2 }],
          [gone, { deleted: true, t: T1 }],
        ]),
      );
      if (kind === 'postgres') {
        const types = await m.driver.all<{ column_name: string; data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = 'rows' AND column_name IN ('state', 'data') ORDER BY column_name`,
        );
        expect(types).toEqual([
          { column_name: 'data', data_type: 'json' },
          { column_name: 'state', data_type: 'json' },
        ]);
        // lz4 where this Postgres has it (the development and CI servers do), else the default.
        const lz4 = await m.driver.get<{ n: unknown }>(
          `SELECT COUNT(*) AS n FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)`,
        );
        const methods = await m.driver.all<{ attname: string; attcompression: string }>(
          `SELECT attname, attcompression FROM pg_attribute
            WHERE attrelid = 'rows'::regclass AND attname IN ('state', 'data') ORDER BY attname`,
        );
        const method = Number(lz4?.n) === 1 ? 'l' : '';
        expect(methods).toEqual([
          { attname: 'data', attcompression: method },
          { attname: 'state', attcompression: method },
        ]);
      }

      // Written now: pull hands out each state exactly as it was written (no jsonb re-printing:
      // key order and spacing kept), and an upsert of a stored row replaces both documents.
      const fresh = write('contact', newId(), { zeta: { t: T1, v: 'last' }, alpha: { t: T2, v: [2, 1] } });
      const changed = write('contact', b, { name: { t: T2, v: 'Robert' } });
      await m.store.rows.put(team.id, 3, [fresh, changed]);
      const pulled = await m.store.rows.statesAfter(team.id, { version: 2, entity: '', id: '' }, 10);
      const byId = new Map(pulled.map((r) => [r.id, r.state]));
      expect(byId.get(fresh.id)).toBe(JSON.stringify(fresh.state));
      expect(byId.get(b)).toBe(JSON.stringify(changed.state));
      expect((await m.store.rows.get(team.id, 'contact', b))?.data).toEqual({ id: b, name: 'Robert' });
    });
  });
}
