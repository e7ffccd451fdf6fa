// Kill -9 durability: clients stream pushes at a server child process, which is SIGKILLed at a random
// moment; after a restart on the same data every push that had answered 200 must be there, and each
// client resumes: its unanswered push, re-sent unchanged, is applied exactly once (all "applied" if it
// never committed, all "duplicate" if it did), and its next push follows on. Shared by the CI test
// (short rounds) and `pnpm bench` (long rounds).
import { createTestDatabase, type StoreKind } from '@rapport/server/testing/test-store';
import { createRng } from '../sim/prng.ts';
import { type Rep, seedReps } from './accounts.ts';
import { startServerProcess } from './server-process.ts';
import { type Batch, type Created, LoadSyncClient } from './sync-client.ts';

export interface DurabilityOptions {
  store: StoreKind;
  rounds: number;
  /** Concurrent clients (spread over two reps of one team, so they contend for the team lock). */
  clients: number;
  /** The kill lands uniformly at random in [min, max] ms after the first push of the round is answered. */
  killAfterMs: { min: number; max: number };
  seed: number;
  log?: (message: string) => void;
}

export interface RoundResult {
  round: number;
  killAtMs: number;
  /** Pushes (and their mutations) answered 200 before the kill. */
  acknowledgedPushes: number;
  acknowledgedMutations: number;
  /** Pushes sent but unanswered when the server died. */
  inFlight: number;
  /** Of those, how many the server had committed (found as duplicates when re-sent). */
  committedUnanswered: number;
  /** Acknowledged entities absent after the restart: must be 0. */
  missing: number;
  restartMs: number;
  /** Broken promises, each one sentence; empty when the round held. */
  problems: string[];
}

interface StreamingClient {
  client: LoadSyncClient;
  /** The push that was sent and never answered: unknown outcome, re-sent after the restart. */
  unanswered: Batch | null;
  pushes: number;
  mutations: number;
}

const PUSH_TIMEOUT_MS = 30_000;

/** Pushes 1–5 mutations at a time until the server stops answering (or `deadline`). */
async function stream(
  url: string,
  s: StreamingClient,
  rng: () => number,
  deadline: number,
  firstAnswer: () => void,
): Promise<void> {
  while (Date.now() < deadline) {
    const batch = s.client.nextBatch(1 + Math.floor(rng() * 5));
    const res = await s.client.push(url, batch, PUSH_TIMEOUT_MS);
    if (!res.ok) {
      s.unanswered = batch;
      return;
    }
    s.client.acknowledged.push(...batch.created);
    s.pushes += 1;
    s.mutations += batch.mutations.length;
    firstAnswer();
  }
}

function missingFrom(rows: Map<string, unknown>, created: readonly Created[]): Created[] {
  return created.filter((c) => !rows.has(`${c.entity}:${c.id}`));
}

export async function runDurability(options: DurabilityOptions): Promise<RoundResult[]> {
  const log = options.log ?? (() => undefined);
  const rng = createRng(options.seed);
  const db = await createTestDatabase(options.store);
  const results: RoundResult[] = [];
  try {
    const reps = (await seedReps(db.env, 1, 2)).flat();
    const clients = Array.from(
      { length: options.clients },
      (_, i) => new LoadSyncClient(reps[i % reps.length] as Rep, `c${i + 1}`),
    );
    let server = await startServerProcess(db.env);
    try {
      for (let round = 1; round <= options.rounds; round++) {
        const { min, max } = options.killAfterMs;
        const killAtMs = Math.round(min + rng.next() * (max - min));
        const streaming: StreamingClient[] = clients.map((client) => ({
          client,
          unanswered: null,
          pushes: 0,
          mutations: 0,
        }));
        const before = new Map(clients.map((c) => [c, c.acknowledged.length]));
        // Generous deadline: the kill ends every stream long before it.
        const deadline = Date.now() + killAtMs + 60_000;
        // The clock starts at the first answered push, so a slow restart on a busy machine still
        // leaves the kill mid-stream.
        let answered!: () => void;
        const flowing = new Promise<void>((resolve) => {
          answered = resolve;
        });
        const running = streaming.map((s) => stream(server.url, s, () => rng.next(), deadline, answered));
        await Promise.race([flowing, Promise.all(running)]);
        await new Promise((r) => setTimeout(r, killAtMs));
        await server.kill();
        await Promise.all(running);

        const restarted = performance.now();
        server = await startServerProcess(db.env);
        const restartMs = performance.now() - restarted;
        const problems: string[] = [];

        // Every entity whose push answered 200 — this round and all before — is there.
        const first = clients[0] as LoadSyncClient;
        const { rows } = await first.pullEverything(server.url);
        const acknowledged = clients.flatMap((c) => c.acknowledged);
        const missing = missingFrom(rows, acknowledged);
        if (missing.length > 0)
          problems.push(
            `${missing.length} acknowledged entities missing after the restart, e.g. ${missing[0]?.entity} ${missing[0]?.id}`,
          );

        // Each client resumes: the unanswered push is applied exactly once, then the next one follows.
        let committedUnanswered = 0;
        for (const s of streaming) {
          const probe = await s.client.pull(server.url, undefined, 1, PUSH_TIMEOUT_MS);
          if (!probe.ok) throw new Error(`pull after the restart failed: ${probe.status} ${probe.error}`);
          const { lastMutationId } = probe.body;
          const pending = s.unanswered;
          const ackedLast = s.client.lastId - (pending?.mutations.length ?? 0);
          if (pending) {
            const lastPending = (pending.mutations.at(-1) as { id: number }).id;
            const committed = lastMutationId >= lastPending;
            if (!committed && lastMutationId !== ackedLast)
              problems.push(
                `${s.client.clientId}: server lastMutationId ${lastMutationId}, expected ${ackedLast} or ${lastPending}`,
              );
            if (committed) committedUnanswered += 1;
            const res = await s.client.push(server.url, pending, PUSH_TIMEOUT_MS);
            if (!res.ok) problems.push(`re-sent push answered ${res.status}: ${res.error}`);
            else {
              const want = committed ? 'duplicate' : 'applied';
              const other = res.body.results.filter((r) => r.status !== want);
              if (other.length > 0)
                problems.push(
                  `re-sent push: mutation ${other[0]?.id} was ${other[0]?.status}, expected ${want} (committed before the kill: ${committed})`,
                );
              if (res.body.lastMutationId !== lastPending)
                problems.push(
                  `re-sent push answered lastMutationId ${res.body.lastMutationId}, expected ${lastPending}`,
                );
              s.client.acknowledged.push(...pending.created);
            }
          } else if (lastMutationId !== ackedLast)
            problems.push(
              `${s.client.clientId}: server lastMutationId ${lastMutationId}, expected ${ackedLast}`,
            );
          const next = s.client.nextBatch(2);
          const res = await s.client.push(server.url, next, PUSH_TIMEOUT_MS);
          if (!res.ok || res.body.results.some((r) => r.status !== 'applied'))
            problems.push(`the push after resuming was not applied: ${JSON.stringify(res).slice(0, 300)}`);
          else s.client.acknowledged.push(...next.created);
        }

        // Nothing lost, nothing invented: the team holds exactly what the clients created.
        const after = await first.pullEverything(server.url);
        const all = clients.flatMap((c) => c.acknowledged);
        const lost = missingFrom(after.rows, all);
        if (lost.length > 0) problems.push(`${lost.length} entities missing after resuming`);
        if (after.rows.size !== all.length)
          problems.push(`the team holds ${after.rows.size} rows; the clients created ${all.length}`);

        const result: RoundResult = {
          round,
          killAtMs,
          acknowledgedPushes: streaming.reduce((n, s) => n + s.pushes, 0),
          acknowledgedMutations: streaming.reduce((n, s) => n + s.mutations, 0),
          inFlight: streaming.filter((s) => s.unanswered).length,
          committedUnanswered,
          missing: missing.length,
          restartMs,
          problems,
        };
        results.push(result);
        const newAcks = clients.reduce((n, c) => n + c.acknowledged.length - (before.get(c) ?? 0), 0);
        log(
          `durability [${options.store}] round ${round}: killed at ${killAtMs} ms, ${result.acknowledgedPushes} pushes answered 200, ` +
            `${result.inFlight} in flight (${committedUnanswered} had committed), ${missing.length} missing, ${newAcks} entities this round` +
            (problems.length ? `; PROBLEMS: ${problems.join(' | ')}` : ''),
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await db.destroy();
  }
  return results;
}
