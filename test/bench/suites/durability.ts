// Kill -9 durability at bench length: the same rounds as test/faults/durability.test.ts, with longer
// streams before each kill (see test/faults/durability.ts).
import type { StoreKind } from '@rapport/server/testing/test-store';
import { runDurability } from '../../faults/durability.ts';
import type { SuiteResult } from '../lib/results.ts';
import type { SuiteContext } from './context.ts';

export interface DurabilityResult {
  store: StoreKind;
  rounds: number;
  clients: number;
  killWindowMs: { min: number; max: number };
  acknowledgedPushes: number;
  acknowledgedMutations: number;
  /** Pushes cut off by the kill, and how many of them had committed all the same. */
  inFlight: number;
  committedUnanswered: number;
  /** Acknowledged entities missing after a restart, over all rounds (must be 0). */
  missing: number;
  /** Rounds where a resuming client saw something other than exactly-once. */
  failedRounds: number;
  restartMsMedian: number;
}

const CLIENTS = 8;

export async function durabilitySuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const durability: DurabilityResult[] = [];
  for (const store of stores) {
    const rounds = await runDurability({
      store,
      rounds: scale.durabilityRounds,
      clients: CLIENTS,
      killAfterMs: scale.durabilityKillMs,
      seed: 20_261_206,
      log,
    });
    const sum = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((n, r) => n + f(r), 0);
    const restarts = rounds.map((r) => r.restartMs).sort((a, b) => a - b);
    durability.push({
      store,
      rounds: rounds.length,
      clients: CLIENTS,
      killWindowMs: scale.durabilityKillMs,
      acknowledgedPushes: sum((r) => r.acknowledgedPushes),
      acknowledgedMutations: sum((r) => r.acknowledgedMutations),
      inFlight: sum((r) => r.inFlight),
      committedUnanswered: sum((r) => r.committedUnanswered),
      missing: sum((r) => r.missing),
      failedRounds: rounds.filter((r) => r.problems.length > 0).length,
      restartMsMedian: restarts[Math.floor((restarts.length - 1) / 2)] ?? 0,
    });
  }
  return {
    measurements: [],
    durability,
    notes: [
      `Durability: ${CLIENTS} clients (two reps of one team) push 1–5 new contacts and interactions at a time at \`rapport serve\` run as a child process; SIGKILL lands at a random moment ${scale.durabilityKillMs.min / 1000}–${scale.durabilityKillMs.max / 1000} s after the first push of each round is answered; the server restarts on the same data; every entity whose push answered 200 is looked for in a full pull; each client's unanswered push is re-sent and must come back all "applied" (never committed) or all "duplicate" (committed before the kill), and its next push must apply. SQLite runs in WAL mode with synchronous=NORMAL: durable when the process dies, not across a power cut.`,
    ],
  };
}
