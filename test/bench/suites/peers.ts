// Rapport beside PouchDB on the same footing: each server in its own child process on loopback, each
// client in this process over real HTTP, the same contact documents, 1,000 documents per request.
// Push: a first sync of N new contacts (Rapport: contact.upsert mutations through POST /sync/push;
// PouchDB: one-shot replication from an in-memory database to express-pouchdb). Pull: a new device
// reads them all (Rapport: GET /sync/pull pages; PouchDB: replication into an empty in-memory
// database). Runs are interleaved (Rapport push, PouchDB push, Rapport pull, PouchDB pull) so both
// see the same machine load; medians of the runs are compared.
import { loadavg } from 'node:os';
import { insertMany, type SqlValue } from '@rapport/server/store/driver';
import { openStore } from '@rapport/server/store/open-store';
import type { Store } from '@rapport/server/store/store';
import { seedTeam } from '@rapport/server/testing/test-app';
import { createTestDatabase, type StoreKind } from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import type { MutationEnvelope } from '@rapport/shared/sync/mutations';
import type { PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import { type Rep, seedReps } from '../../faults/accounts.ts';
import { startServerProcess } from '../../faults/server-process.ts';
import { generateContacts } from '../../generators/contacts.ts';
import { contactFrom, pushBatches } from '../data/mutations.ts';
import { emptyLocal, localWith, replicate, startPouchServer } from '../lib/pouchdb-peer.ts';
import type { Log, SuiteResult } from '../lib/results.ts';
import { count, type SuiteContext } from './context.ts';
import { ROW_COLUMNS } from './push.ts';

/** Documents per request on both sides (Rapport's push maximum and pull default; PouchDB's batch_size). */
export const PEER_BATCH = 1_000;

/** One row of the peer table: Rapport's median beside PouchDB's for the same documents. */
export interface PeerResult {
  path: 'push' | 'pull';
  store: StoreKind;
  docs: number;
  runs: number;
  rapportMs: number;
  peerMs: number;
  peer: string;
  /** Rapport docs/s ÷ the peer's docs/s (above 1: Rapport is faster). */
  speedup: number;
  /**
   * Push only: the median time of storing just what Rapport's push of these documents stored (its rows,
   * identities and mutation-log rows, read back as the push left them) under a new team, with multi-row
   * INSERTs in one transaction, in the bench process: no HTTP, no validation, no merge. The floor of
   * the push while it keeps the same durable rows.
   */
  floorMs?: number;
  /** 1-minute load average after the row's last run. */
  load: number;
}

const T0 = Date.parse('2026-01-01T00:00:00.000Z');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** N contacts as a capture card makes them, as Rapport mutations and as PouchDB documents. */
export function contactDocs(n: number, ownerId: string) {
  const mutations: MutationEnvelope[] = [];
  const docs: Record<string, unknown>[] = [];
  let i = 0;
  for (const person of generateContacts(n, { seed: 11 })) {
    const id = newId();
    const contact = contactFrom(person, ownerId);
    const t = formatHlc({ wall: T0 + i, counter: 0, node: 'bench-client' });
    mutations.push({
      id: i + 1,
      name: 'contact.upsert',
      args: { id, patch: patchFromChanges('contact', null, contact, t) },
    });
    docs.push({ _id: id, ...contact });
    i += 1;
  }
  return { mutations, docs };
}

async function http<T>(url: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A first sync of these mutations through POST /sync/push, 1,000 per request; throws on any refusal. */
export async function rapportPush(
  url: string,
  rep: Rep,
  mutations: readonly MutationEnvelope[],
): Promise<void> {
  for (const body of pushBatches(newId(), mutations)) {
    const res = await http<PushResponse>(`${url}/api/v1/sync/push`, rep.token, body);
    const refused = res.results.find((r) => r.status !== 'applied');
    if (refused)
      throw new Error(`push: mutation ${refused.id} was ${refused.status}: ${refused.reason ?? ''}`);
  }
}

async function rapportPull(url: string, rep: Rep, expected: number): Promise<void> {
  const clientId = newId();
  let cookie: string | undefined;
  let rows = 0;
  for (;;) {
    const q = new URLSearchParams({ clientId, limit: String(PEER_BATCH), ...(cookie ? { cookie } : {}) });
    const page = await http<PullResponse>(`${url}/api/v1/sync/pull?${q}`, rep.token);
    rows += page.rows.length;
    cookie = page.cookie;
    if (!page.hasMore) break;
  }
  if (rows !== expected) throw new Error(`pull returned ${rows} rows, expected ${expected}`);
}

const IDENTITY_COLUMNS = ['team_id', 'entity', 'kind', 'value', 'id'] as const;
const LOG_COLUMNS = [
  'team_id',
  'client_id',
  'mutation_id',
  'name',
  'status',
  'reason',
  'reason_code',
  'at',
] as const;

/** What a push stored for one team, per table, as the database returns it; team id (and client id) first. */
interface StoredWrites {
  rows: SqlValue[][];
  identities: SqlValue[][];
  log: SqlValue[][];
}

async function storedWrites(store: Store, teamId: string): Promise<StoredWrites> {
  const read = async (table: string, columns: readonly string[]) =>
    (
      await store.db.all<Record<string, SqlValue>>(
        `SELECT ${columns.join(', ')} FROM ${table} WHERE team_id = ?`,
        [teamId],
      )
    ).map((r) => columns.map((c) => r[c] ?? null));
  return {
    rows: await read('rows', ROW_COLUMNS),
    identities: await read('identities', IDENTITY_COLUMNS),
    log: await read('mutation_log', LOG_COLUMNS),
  };
}

/**
 * The floor: the same rows, identities and mutation-log rows under a new team (and a new client of
 * it), multi-row INSERTs in one transaction. Only the transaction is timed.
 */
async function floorInsert(store: Store, userId: string, writes: StoredWrites): Promise<number> {
  const team = await seedTeam(store, 'Floor');
  const clientId = newId();
  await store.syncClients.create({ clientId, teamId: team.id, userId, at: new Date(T0).toISOString() });
  const retag = (rows: SqlValue[][], tail: number) => rows.map((r) => [team.id, ...r.slice(tail)]);
  const rows = retag(writes.rows, 1);
  const identities = retag(writes.identities, 1);
  const log = writes.log.map((r) => [team.id, clientId, ...r.slice(2)]);
  const t = performance.now();
  await store.transaction(async (tx) => {
    await insertMany(tx.db, 'rows', ROW_COLUMNS, rows);
    await insertMany(tx.db, 'identities', IDENTITY_COLUMNS, identities);
    if (log.length > 0) await insertMany(tx.db, 'mutation_log', LOG_COLUMNS, log);
  });
  return performance.now() - t;
}

const timed = async (fn: () => Promise<void>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

/** Push and pull of each document count on one database, `runs` interleaved runs each. */
async function peersOn(
  store: StoreKind,
  sizes: readonly number[],
  runs: number,
  log: Log,
): Promise<PeerResult[]> {
  const db = await createTestDatabase(store);
  const teams = sizes.length * runs + 1;
  const reps = (await seedReps(db.env, teams, 1)).map((t) => t[0] as Rep);
  const server = await startServerProcess(db.env);
  const pouch = await startPouchServer();
  // The bench process's own connection to the same database, for the floor.
  const direct = await openStore(db.env);
  const out: PeerResult[] = [];
  try {
    // One small untimed round on each side first, so neither pays for its JIT warm-up in a timed run.
    const warm = contactDocs(200, (reps[0] as Rep).user.id);
    await rapportPush(server.url, reps[0] as Rep, warm.mutations);
    await rapportPull(server.url, reps[0] as Rep, 200);
    await replicate(await localWith(warm.docs), `${pouch.url}/warmup`, PEER_BATCH, 200);
    await replicate(`${pouch.url}/warmup`, emptyLocal(), PEER_BATCH, 200);
    let team = 1;
    for (const n of sizes) {
      const times = {
        rapportPush: [] as number[],
        peerPush: [] as number[],
        rapportPull: [] as number[],
        peerPull: [] as number[],
        floor: [] as number[],
      };
      for (let r = 0; r < runs; r++) {
        const rep = reps[team++] as Rep;
        const { mutations, docs } = contactDocs(n, rep.user.id);
        const local = await localWith(docs);
        const remote = `${pouch.url}/contacts-${n}-${r}`;
        log(`peers: ${store}, ${count(n)} docs, run ${r + 1} of ${runs}`);
        times.rapportPush.push(await timed(() => rapportPush(server.url, rep, mutations)));
        const writes = await storedWrites(direct, rep.user.teamId);
        if (writes.rows.length !== n)
          throw new Error(`push stored ${writes.rows.length} rows, expected ${n}`);
        times.floor.push(await floorInsert(direct, rep.user.id, writes));
        times.peerPush.push(await timed(() => replicate(local, remote, PEER_BATCH, n)));
        times.rapportPull.push(await timed(() => rapportPull(server.url, rep, n)));
        times.peerPull.push(await timed(() => replicate(remote, emptyLocal(), PEER_BATCH, n)));
        await local.destroy();
      }
      const row = (
        path: 'push' | 'pull',
        rapport: number[],
        peer: number[],
        floor?: number[],
      ): PeerResult => {
        const rapportMs = median(rapport);
        const peerMs = median(peer);
        return {
          ...(floor ? { floorMs: median(floor) } : {}),
          path,
          store,
          docs: n,
          runs,
          rapportMs,
          peerMs,
          peer: 'PouchDB 9 → express-pouchdb 4.2 (memory adapter)',
          speedup: peerMs / rapportMs,
          load: loadavg()[0] ?? 0,
        };
      };
      out.push(
        row('push', times.rapportPush, times.peerPush, times.floor),
        row('pull', times.rapportPull, times.peerPull),
      );
    }
  } finally {
    await direct.close();
    await pouch.stop();
    await server.stop();
    await db.destroy();
  }
  return out;
}

export const PEERS_NOTE = (sizes: readonly number[], runs: number) =>
  `Peers: Rapport against PouchDB on the same footing, ${sizes.map(count).join(' and ')} contact documents, medians of ${runs} interleaved runs. ` +
  'Each server is a child process on loopback (`rapport serve` on the named database; express-pouchdb 4.2 over in-memory PouchDB 9), ' +
  `each client runs in the bench process over HTTP with ${count(PEER_BATCH)} documents per request. Push: a first sync of new contacts ` +
  '(contact.upsert mutations through POST /api/v1/sync/push, as the extension sends them; PouchDB: one-shot replication from an in-memory database). ' +
  'Pull: a new device reads them all (GET /api/v1/sync/pull pages, parsed; PouchDB: replication into an empty in-memory database). ' +
  'Speed-up = PouchDB median ÷ Rapport median (above 1: Rapport is faster). ' +
  'Floor (push only): after each Rapport push, what it stored — its rows, identities and mutation-log rows, read back as the push left them — is inserted again under a new team ' +
  'by the bench process (multi-row INSERTs, one transaction; no HTTP, no validation, no merge); floor speed-up = PouchDB median ÷ floor median, ' +
  'the most the push could reach while storing the same durable rows.';

export async function peersSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const peers: PeerResult[] = [];
  for (const store of stores) peers.push(...(await peersOn(store, scale.peerDocs, scale.peerRuns, log)));
  return { measurements: [], notes: [PEERS_NOTE(scale.peerDocs, scale.peerRuns)], peers };
}
