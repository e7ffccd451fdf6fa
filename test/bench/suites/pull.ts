// Benchmark 2: a new device's first pull of a team's rows, page by page through the protocol, against
// one raw SELECT of the same rows and columns.
import { randomUUID } from 'node:crypto';
import type { StoreKind } from '@rapport/server/testing/test-store';
import type { Workspace } from '../lib/databases.ts';
import type { Scale } from '../lib/options.ts';
import { compared, type Log, type Measurement } from '../lib/results.ts';
import { time } from '../lib/timing.ts';
import { count } from './context.ts';
import { PULL_VIA, pullAll } from './sync-client.ts';

export const PULL_SQL =
  'SELECT entity, id, version, state FROM rows WHERE team_id = ? ORDER BY version, entity, id';

export const PULL_NOTE = (n: number, limit: number) =>
  `Pull: the ${count(n)} rows (contacts and interactions) a ${count(n)}-mutation push made, pulled from the start by a new client ` +
  `with limit ${count(limit)} per page, ${PULL_VIA}, responses parsed as the client would. ` +
  `The baseline is one \`${PULL_SQL}\` without JSON parsing or HTTP.`;

/** Times a full paged pull of `ws`'s `rows` rows and the one-SELECT baseline. */
export async function measurePull(
  kind: StoreKind,
  ws: Workspace,
  rows: number,
  scale: Scale,
  log: Log,
): Promise<Measurement> {
  const limit = scale.pullLimit;
  const pages = Math.ceil(rows / limit);
  const runs = { runs: scale.fastRuns, timeMs: scale.fastTimeMs, warmupRuns: 1 };
  log(`pull: ${count(rows)} rows in pages of ${count(limit)} on ${kind}`);
  const timing = await time(
    `pull ${kind}`,
    async () => {
      const got = await pullAll(ws, limit, randomUUID());
      if (got.rows !== rows) throw new Error(`pull returned ${got.rows} rows, expected ${rows}`);
    },
    runs,
  );
  const baseline = await time(
    `select ${kind}`,
    async () => {
      const found = await ws.app.store.db.all(PULL_SQL, [ws.team.id]);
      if (found.length !== rows) throw new Error(`SELECT returned ${found.length} rows, expected ${rows}`);
    },
    runs,
  );
  return compared({
    suite: 'pull',
    store: kind,
    name: `pull ${count(rows)} rows, limit ${count(limit)} (${pages} page${pages === 1 ? '' : 's'})`,
    via: PULL_VIA,
    timing,
    items: { count: rows, unit: 'rows' },
    baseline: {
      name: 'one SELECT of the same rows (entity, id, version, state) in pull order',
      timing: baseline,
    },
  });
}
