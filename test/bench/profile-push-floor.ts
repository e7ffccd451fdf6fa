// How low could the push floor (suites/peers.ts: inserting again just what a push stored) go if the
// push stored less? Pushes --contacts new contacts through `rapport serve` (as the peers bench does),
// reads back the contact rows and identities it stored, then inserts them again into scratch copies
// of `rows` and `identities` under variants of what is stored, --rounds interleaved rounds each, one
// transaction per insert (only the transaction is timed):
//   current        the same columns and indexes as `rows` and `identities`
//   partial-index  owner/customer/contact indexes only over rows that have one (contacts have none)
//   compact-state  each field's clock written once per row when all fields share it
//   no-data        the materialised `data` column empty (derived from the state on read instead)
//   all-three      the three above together
//   rows-bare      the rows alone, primary key only: no other index, no identities
//   node --import tsx bench/profile-push-floor.ts --store postgres --contacts 20000 [--rounds 3]
import { parseArgs } from 'node:util';
import { insertMany, type SqlValue } from '@rapport/server/store/driver';
import { openStore } from '@rapport/server/store/open-store';
import { createTestDatabase, type StoreKind } from '@rapport/server/testing/test-store';
import { type Rep, seedReps } from '../faults/accounts.ts';
import { startServerProcess } from '../faults/server-process.ts';
import { contactDocs, rapportPush } from './suites/peers.ts';
import { ROW_COLUMNS } from './suites/push.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    contacts: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
  },
});
const kind = values.store as StoreKind;
const n = Number(values.contacts);
const rounds = Number(values.rounds);
const IDENTITY_COLUMNS = ['team_id', 'entity', 'kind', 'value', 'id'];
const state = ROW_COLUMNS.indexOf('state');
const data = ROW_COLUMNS.indexOf('data');

/** A state whose fields all carry the row's first clock, with that clock written once at the top. */
function compact(text: string): string {
  const clock = /"t":"([^"]+)"/.exec(text)?.[1];
  if (clock === undefined) return text;
  return text.split(`,"t":"${clock}"`).join('').replace('{"id"', `{"t":"${clock}","id"`);
}

const FULL = [
  '(team_id, version, entity, id)',
  '(team_id, entity, owner_id)',
  '(team_id, entity, customer_id)',
  '(team_id, entity, contact_id)',
];
const PARTIAL = [
  '(team_id, version, entity, id)',
  '(team_id, entity, owner_id) WHERE owner_id IS NOT NULL',
  '(team_id, entity, customer_id) WHERE customer_id IS NOT NULL',
  '(team_id, entity, contact_id) WHERE contact_id IS NOT NULL',
];
const same = (r: SqlValue[]) => r;
const withState = (r: SqlValue[]) => r.map((v, i) => (i === state ? compact(String(v)) : v));
const withoutData = (r: SqlValue[]) => r.map((v, i) => (i === data ? '{}' : v));
const VARIANTS: {
  name: string;
  indexes: string[];
  row: (r: SqlValue[]) => SqlValue[];
  identities: boolean;
}[] = [
  { name: 'current', indexes: FULL, row: same, identities: true },
  { name: 'partial-index', indexes: PARTIAL, row: same, identities: true },
  { name: 'compact-state', indexes: FULL, row: withState, identities: true },
  { name: 'no-data', indexes: FULL, row: withoutData, identities: true },
  { name: 'all-three', indexes: PARTIAL, row: (r) => withoutData(withState(r)), identities: true },
  { name: 'rows-bare', indexes: [], row: same, identities: false },
];

const db = await createTestDatabase(kind);
const rep = ((await seedReps(db.env, 1, 1))[0] as Rep[])[0] as Rep;
const server = await startServerProcess(db.env);
const store = await openStore(db.env);
try {
  await rapportPush(server.url, rep, contactDocs(n, rep.user.id).mutations);
  const read = async (sql: string, columns: readonly string[]) =>
    (await store.db.all<Record<string, SqlValue>>(sql, [rep.user.teamId])).map((r) =>
      columns.map((c) => r[c] ?? null),
    );
  const rows = await read(
    `SELECT ${ROW_COLUMNS.join(', ')} FROM rows WHERE team_id = ? AND entity = 'contact'`,
    ROW_COLUMNS,
  );
  const identities = await read(
    `SELECT ${IDENTITY_COLUMNS.join(', ')} FROM identities WHERE team_id = ?`,
    IDENTITY_COLUMNS,
  );
  const sample = String(rows[0]?.[state]);
  process.stdout.write(
    `${kind}: ${rows.length} contact rows, ${identities.length} identities; a state of ${sample.length} chars is ${compact(sample).length} compacted\n`,
  );
  const times = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const v of VARIANTS) {
      await store.db.exec(
        'DROP TABLE IF EXISTS floor_rows; DROP TABLE IF EXISTS floor_identities; ' +
          'CREATE TABLE floor_rows AS SELECT * FROM rows WHERE 1 = 0; ' +
          'CREATE TABLE floor_identities AS SELECT * FROM identities WHERE 1 = 0; ' +
          'CREATE UNIQUE INDEX floor_rows_key ON floor_rows (team_id, entity, id); ' +
          'CREATE UNIQUE INDEX floor_identities_key ON floor_identities (team_id, entity, kind, value); ' +
          'CREATE INDEX floor_identities_row ON floor_identities (team_id, entity, id)',
      );
      if (kind === 'postgres')
        await store.db.exec(
          'ALTER TABLE floor_rows ALTER COLUMN state SET COMPRESSION lz4, ALTER COLUMN data SET COMPRESSION lz4',
        );
      for (const [i, columns] of v.indexes.entries())
        await store.db.exec(`CREATE INDEX floor_rows_${i} ON floor_rows ${columns}`);
      const written = rows.map(v.row);
      const t = performance.now();
      await store.transaction(async (tx) => {
        await insertMany(tx.db, 'floor_rows', ROW_COLUMNS, written);
        if (v.identities) await insertMany(tx.db, 'floor_identities', IDENTITY_COLUMNS, identities);
      });
      const list = times.get(v.name) ?? [];
      list.push(performance.now() - t);
      times.set(v.name, list);
    }
  }
  for (const [name, list] of times)
    process.stdout.write(`${name.padEnd(14)} ${list.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}\n`);
  await store.db.exec('DROP TABLE IF EXISTS floor_rows; DROP TABLE IF EXISTS floor_identities');
} finally {
  await store.close();
  await server.stop();
  await db.destroy();
}
