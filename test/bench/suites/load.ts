// Load from outside: the server as a child process on loopback, N simulated extensions spread over a
// few teams, each pushing 1–5 new mutations then pulling what changed, in a loop for a bounded time,
// while a worker thread probes /api/v1/health every 50 ms. Reports throughput, push and pull
// percentiles, errors and timeouts, and health latency at rest and under load; then checks that every
// acknowledged push can be pulled back.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { StoreKind } from '@rapport/server/testing/test-store';
import { createTestDatabase } from '@rapport/server/testing/test-store';
import { seedReps } from '../../faults/accounts.ts';
import { startServerProcess } from '../../faults/server-process.ts';
import { type Batch, LoadSyncClient } from '../../faults/sync-client.ts';
import { createRng } from '../../sim/prng.ts';
import { startHealthProber } from '../lib/health-prober.ts';
import { type Latency, latency } from '../lib/latency.ts';
import type { Scale } from '../lib/options.ts';
import type { Log, SuiteResult } from '../lib/results.ts';
import type { SuiteContext } from './context.ts';

export interface LoadShape {
  clients: number;
  teams: number;
  seconds: number;
  /** Mean pause between a client's sync rounds (uniform 0…2×), as an extension between user actions. */
  thinkMs: number;
}

export interface LoadResult extends LoadShape {
  store: StoreKind;
  pushes: number;
  mutations: number;
  requests: number;
  mutationsPerSecond: number;
  requestsPerSecond: number;
  push: Latency;
  pull: Latency;
  /** Requests answered with a status other than 200, or refused/reset. */
  errors: number;
  /** Requests with no answer within REQUEST_TIMEOUT_MS. */
  timeouts: number;
  /** Health before the load started, then during it. */
  healthIdle: Latency;
  health: Latency;
  healthErrors: number;
  /** Acknowledged entities that could not be pulled back afterwards (must be 0). */
  lost: number;
  /** One message of each kind of failure (at most 5), for the log. */
  sampleErrors: string[];
  /** The load generator's own event-loop delay p99 (ms): high means its timings include its own queueing. */
  generatorLagP99: number;
  /** CPU the server process used during the run, in cores (1 = one core busy throughout); null off Linux. */
  serverCpu: number | null;
  /** Server CPU time per request answered or timed out: the cost of a request, whatever the machine's load. */
  serverCpuMsPerRequest: number | null;
}

const REQUEST_TIMEOUT_MS = 10_000;

export function loadShape(scale: Scale): LoadShape {
  return {
    clients: scale.loadClients,
    teams: scale.loadTeams,
    seconds: scale.loadSeconds,
    thinkMs: scale.loadThinkMs,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runLoad(
  store: StoreKind,
  shape: LoadShape,
  log: Log,
  server: { nodeArgs?: string[] } = {},
): Promise<LoadResult> {
  const db = await createTestDatabase(store);
  try {
    const perTeam = Math.ceil(shape.clients / shape.teams);
    const reps = (await seedReps(db.env, shape.teams, perTeam)).flat().slice(0, shape.clients);
    const proc = await startServerProcess(db.env, { nodeArgs: server.nodeArgs ?? [] });
    try {
      const idleProbe = startHealthProber(proc.url);
      await sleep(Math.min(2000, shape.seconds * 200));
      const healthIdle = await idleProbe.stop();

      const rng = createRng(42);
      const clients = reps.map((rep, i) => new LoadSyncClient(rep, `load${i + 1}`));
      const pushMs: number[] = [];
      const pullMs: number[] = [];
      let pushes = 0;
      let mutations = 0;
      let errors = 0;
      let timeouts = 0;
      const sampleErrors: string[] = [];
      const failed = (error: string) => {
        if (error === 'timeout') timeouts++;
        else errors++;
        // One example of each kind (timeout, ECONNRESET, push 500: …), for the log.
        const kind = error.slice(0, 40);
        if (sampleErrors.length < 5 && !sampleErrors.some((e) => e.startsWith(kind)))
          sampleErrors.push(error);
      };

      log(`load [${store}]: ${shape.clients} clients over ${shape.teams} teams for ${shape.seconds} s`);
      const probe = startHealthProber(proc.url);
      const lag = monitorEventLoopDelay({ resolution: 20 });
      lag.enable();
      const cpuBefore = proc.cpuSeconds();
      const started = performance.now();
      const deadline = started + shape.seconds * 1000;
      const loop = async (client: LoadSyncClient, index: number) => {
        // Staggered start: 200 extensions do not all wake in the same millisecond.
        await sleep((index / shape.clients) * Math.min(1000, shape.thinkMs * 2));
        let cookie: string | undefined;
        let unanswered: Batch | null = null;
        while (performance.now() < deadline) {
          // As the extension's outbox does: a push without an answer is re-sent unchanged.
          const batch: Batch = unanswered ?? client.nextBatch(1 + rng.int(5));
          const pushed = await client.push(proc.url, batch, REQUEST_TIMEOUT_MS);
          pushMs.push(pushed.ms);
          if (pushed.ok) {
            pushes++;
            mutations += batch.mutations.length;
            client.acknowledged.push(...batch.created);
            unanswered = null;
          } else {
            failed(pushed.status === null ? pushed.error : `push ${pushed.status}: ${pushed.error}`);
            unanswered = batch;
          }
          for (let page = 0; page < 50 && performance.now() < deadline; page++) {
            const pulled = await client.pullHead(proc.url, cookie, 1000, REQUEST_TIMEOUT_MS);
            pullMs.push(pulled.ms);
            if (!pulled.ok) {
              failed(pulled.status === null ? pulled.error : `pull ${pulled.status}: ${pulled.error}`);
              break;
            }
            cookie = pulled.body.cookie;
            if (!pulled.body.hasMore) break;
          }
          if (shape.thinkMs > 0) await sleep(rng.next() * 2 * shape.thinkMs);
        }
      };
      await Promise.all(clients.map(loop));
      const elapsed = (performance.now() - started) / 1000;
      const cpuAfter = proc.cpuSeconds();
      const serverCpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / elapsed;
      const health = await probe.stop();
      lag.disable();

      // Nothing acknowledged was lost: one client per team pulls the whole team back.
      let lost = 0;
      for (let t = 0; t < shape.teams; t++) {
        const team = clients.filter((_, i) => Math.floor(i / perTeam) === t);
        const first = team[0];
        if (!first) continue;
        const { rows } = await first.pullEverything(proc.url);
        for (const c of team) lost += c.acknowledged.filter((e) => !rows.has(`${e.entity}:${e.id}`)).length;
      }
      const requests = pushMs.length + pullMs.length;
      const result: LoadResult = {
        ...shape,
        store,
        pushes,
        mutations,
        requests,
        mutationsPerSecond: mutations / elapsed,
        requestsPerSecond: requests / elapsed,
        push: latency(pushMs),
        pull: latency(pullMs),
        errors,
        timeouts,
        healthIdle: latency(healthIdle.samples),
        health: latency(health.samples),
        healthErrors: health.errors + healthIdle.errors,
        lost,
        sampleErrors,
        generatorLagP99: lag.percentile(99) / 1e6,
        serverCpu,
        serverCpuMsPerRequest:
          serverCpu === null || requests === 0 ? null : (serverCpu * elapsed * 1000) / requests,
      };
      log(
        `load [${store}]: ${Math.round(result.mutationsPerSecond)} mutations/s, push p99 ${Math.round(result.push.p99)} ms, ` +
          `pull p99 ${Math.round(result.pull.p99)} ms, ${errors} errors, ${timeouts} timeouts, health p99 ${Math.round(result.health.p99)} ms, ` +
          `generator loop delay p99 ${Math.round(result.generatorLagP99)} ms, server CPU ${result.serverCpu?.toFixed(2) ?? '?'} cores` +
          (sampleErrors.length ? ` (${sampleErrors.join('; ')})` : ''),
      );
      return result;
    } finally {
      if (process.env.RAPPORT_BENCH_SERVER_LOG) process.stderr.write(proc.stderr());
      await proc.stop();
    }
  } finally {
    await db.destroy();
  }
}

export async function loadSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const shape = loadShape(scale);
  const loadRuns: LoadResult[] = [];
  // RAPPORT_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server child (open in Chrome DevTools).
  const profDir = process.env.RAPPORT_BENCH_CPU_PROF;
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  for (const store of stores) loadRuns.push(await runLoad(store, shape, log, { nodeArgs }));
  return {
    measurements: [],
    loadRuns,
    notes: [
      `Load: \`rapport serve\` as a child process on 127.0.0.1 (its own event loop and database; Postgres with the server's default pool); ${shape.clients} clients, one rep each, over ${shape.teams} teams, run for ${shape.seconds} s from one Node process over HTTP (fetch, ${REQUEST_TIMEOUT_MS / 1000} s timeout). Each round a client pushes 1–5 new mutations (contact.upsert, interaction.add; an unanswered push is re-sent), pulls every page since its cookie, then pauses 0–${2 * shape.thinkMs} ms. A worker thread probes GET /api/v1/health every 50 ms, first ${Math.min(2, shape.seconds / 5)} s at rest, then throughout. Afterwards every acknowledged entity is pulled back ("lost" must be 0). The generator reads only each pull's cookie and hasMore (parsing every client's rows would take CPU from the server it measures); server CPU is the child's user + system time over the run.`,
    ],
  };
}
