// Profiles the server side of the peers benchmark's pull: `rapport serve` as a child process (as in
// suites/peers.ts), N contacts pushed once, then a new device pulls them all over HTTP, 1,000 rows
// per page, parsed as the client does, `runs` times (a new client id each run). Prints wall time per
// pull and the server's CPU per row. With --prof-dir the server runs under `node --cpu-prof`; with
// --keep the database is left for EXPLAIN (its URL is printed):
//   node --import tsx bench/profile-pull-server.ts --store postgres --contacts 20000 --runs 5 [--prof-dir /tmp/prof]
import { parseArgs } from 'node:util';
import { createTestDatabase, type StoreKind } from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';
import type { PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import { type Rep, seedReps } from '../faults/accounts.ts';
import { startServerProcess } from '../faults/server-process.ts';
import { pushBatches } from './data/mutations.ts';
import { reportServerFailure } from './lib/profile.ts';
import { contactDocs, PEER_BATCH } from './suites/peers.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    contacts: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    'prof-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const store = values.store as StoreKind;
const n = Number(values.contacts);
const runs = Number(values.runs);

const db = await createTestDatabase(store);
const rep = (await seedReps(db.env, 1, 1))[0]?.[0] as Rep;
const profDir = values['prof-dir'];
// The push runs on a server of its own, so the profile and the CPU figure hold the pulls only.
const pusher = await startServerProcess(db.env);

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${pusher.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function pull(): Promise<{ ms: number; bytes: number }> {
  const clientId = newId();
  let cookie: string | undefined;
  let rows = 0;
  let bytes = 0;
  const t = performance.now();
  for (;;) {
    const q = new URLSearchParams({ clientId, limit: String(PEER_BATCH), ...(cookie ? { cookie } : {}) });
    const res = await fetch(`${server.url}/api/v1/sync/pull?${q}`, {
      headers: { authorization: `Bearer ${rep.token}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${text.slice(0, 300)}`);
    bytes += text.length;
    const page = JSON.parse(text) as PullResponse;
    rows += page.rows.length;
    cookie = page.cookie;
    if (!page.hasMore) break;
  }
  if (rows !== n) throw new Error(`pull returned ${rows} rows, expected ${n}`);
  return { ms: performance.now() - t, bytes };
}

try {
  const { mutations } = contactDocs(n, rep.user.id);
  for (const body of pushBatches(newId(), mutations)) {
    const out = await call<PushResponse>('/api/v1/sync/push', body);
    if (out.results.some((r) => r.status !== 'applied')) throw new Error('push refused a mutation');
  }
} finally {
  await pusher.stop();
}
const server = await startServerProcess(db.env, {
  nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
});

try {
  await pull();
  const cpu0 = server.cpuSeconds();
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const one = await pull();
    times.push(one.ms);
    bytes = one.bytes;
  }
  const cpu = (server.cpuSeconds() ?? 0) - (cpu0 ?? 0);
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${store}: pull ${n} contacts ×${runs}: median ${times[Math.floor(runs / 2)]?.toFixed(0)} ms wall ` +
      `(${times.map((t) => t.toFixed(0)).join(', ')}), server CPU ${((cpu * 1e6) / (n * runs)).toFixed(1)} µs/row, ` +
      `${(bytes / 1e6).toFixed(2)} MB per pull\n`,
  );
  if (values.keep) process.stdout.write(`kept: ${db.env.DATABASE_URL ?? db.env.RAPPORT_DATA_DIR}\n`);
} catch (err) {
  reportServerFailure(err, server);
} finally {
  await server.stop();
  if (!values.keep) await db.destroy();
}
