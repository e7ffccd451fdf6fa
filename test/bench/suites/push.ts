// Benchmark 1: ingesting a client's outbox through the real push path, against a bulk INSERT of the
// rows it produces into the same table of the same database.

import { insertMany, type SqlValue } from '@rapport/server/store/driver';
import type { Store } from '@rapport/server/store/store';
import type { TestApp } from '@rapport/server/testing/test-app';
import type { StoreKind } from '@rapport/server/testing/test-store';
import type { MutationEnvelope } from '@rapport/shared/sync/mutations';
import { benchOutbox } from '../data/mutations.ts';
import { newWorkspace, type Workspace } from '../lib/databases.ts';
import type { Scale } from '../lib/options.ts';
import { compared, type Log, type Measurement } from '../lib/results.ts';
import { time } from '../lib/timing.ts';
import { count } from './context.ts';
import { PUSH_VIA, pushAll } from './sync-client.ts';

export const ROW_COLUMNS = [
  'team_id',
  'entity',
  'id',
  'version',
  'state',
  'data',
  'deleted_at',
  'owner_id',
  'customer_id',
  'contact_id',
  'search',
  'updated_at',
] as const;

/** A team's stored rows exactly as the database returns them (JSON as text), team id first. */
export async function storedRows(store: Store, teamId: string): Promise<SqlValue[][]> {
  const rows = await store.db.all<Record<string, SqlValue>>(
    `SELECT ${ROW_COLUMNS.join(', ')} FROM rows WHERE team_id = ?`,
    [teamId],
  );
  return rows.map((r) => ROW_COLUMNS.map((c) => r[c] ?? null));
}

/** The baseline: the same rows under another team, multi-row INSERTs of 2,500 rows, in one transaction. */
export async function bulkInsertRows(
  store: Store,
  teamId: string,
  rows: readonly SqlValue[][],
): Promise<void> {
  await store.transaction((tx) =>
    insertMany(
      tx.db,
      'rows',
      ROW_COLUMNS,
      rows.map((r) => [teamId, ...r.slice(1)]),
    ),
  );
}

export const PUSH_NOTE = (n: number) =>
  `Push: a first sync of ${count(n)} new mutations per run (new team, user and client id each run), ${PUSH_VIA}. The push path validates each mutation, ` +
  'checks duplicates by email/handle and Gmail message id, merges row state, writes rows and identities (and, for refusals and remarks, the mutation log) under the team lock. ' +
  'The baseline inserts only the resulting rows (same JSON, same table and indexes) with multi-row INSERTs in one transaction.';

/** Times first syncs of a fresh outbox and the bulk-insert baseline; returns the last pushed workspace too. */
export async function measurePush(
  kind: StoreKind,
  app: TestApp,
  scale: Scale,
  log: Log,
): Promise<{ measurement: Measurement; pushed: Workspace }> {
  const n = scale.mutations;
  let ws: Workspace | undefined;
  let outbox: MutationEnvelope[] = [];
  log(`push: ${count(n)} mutations on ${kind}, ${scale.slowRuns} run(s)`);
  const timing = await time(`push ${kind}`, () => pushAll(ws as Workspace, outbox), {
    runs: scale.slowRuns,
    // Each run is a new team and user: a first sync of the outbox, never a replay of duplicates.
    beforeEach: async () => {
      ws = await newWorkspace(app);
      outbox = benchOutbox({ count: n, userId: ws.user.id });
    },
  });
  const pushed = ws as Workspace;
  const rows = await storedRows(app.store, pushed.team.id);
  if (rows.length !== n) throw new Error(`push made ${rows.length} rows, expected ${n}`);
  let target = '';
  log(`push baseline: bulk INSERT of ${count(rows.length)} rows on ${kind}`);
  const baseline = await time(`bulk insert ${kind}`, () => bulkInsertRows(app.store, target, rows), {
    runs: scale.slowRuns,
    beforeEach: async () => {
      target = (await newWorkspace(app)).team.id;
    },
  });
  const measurement = compared({
    suite: 'push',
    store: kind,
    name: `push ${count(n)} mutations (${count(n / 2)} contact.upsert + ${count(n / 2)} interaction.add)`,
    via: PUSH_VIA,
    timing,
    items: { count: n, unit: 'mutations' },
    baseline: {
      name: `bulk INSERT of the same ${count(rows.length)} rows, one transaction`,
      timing: baseline,
    },
  });
  return { measurement, pushed };
}
