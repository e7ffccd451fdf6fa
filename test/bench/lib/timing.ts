import { Bench } from 'tinybench';

/** Latency of one timed operation over its runs, in milliseconds. */
export interface Timing {
  median: number;
  mean: number;
  min: number;
  max: number;
  runs: number;
}

export interface TimeOptions {
  /** Minimum runs (default 1). */
  runs?: number;
  /** Also keep running until this much time (ms) was spent (default 0: `runs` alone decides). */
  timeMs?: number;
  /** Untimed runs first, so JIT and caches are warm (default 0). */
  warmupRuns?: number;
  /** Untimed work before every run (fresh team, fresh client id, …). */
  beforeEach?: () => Promise<void> | void;
}

/**
 * Times `fn` with tinybench, sequentially (never concurrently: the two cores are shared with the
 * database server). Throws the task's error instead of reporting a partial result.
 */
export async function time(
  name: string,
  fn: () => Promise<unknown> | unknown,
  options: TimeOptions = {},
): Promise<Timing> {
  const warmupRuns = options.warmupRuns ?? 0;
  const bench = new Bench({
    name,
    iterations: options.runs ?? 1,
    time: options.timeMs ?? 0,
    warmup: warmupRuns > 0,
    warmupIterations: warmupRuns,
    warmupTime: 0,
    throws: true,
  });
  bench.add(name, fn, options.beforeEach ? { beforeEach: options.beforeEach } : {});
  const [task] = await bench.run();
  const result = task?.result;
  if (result?.state !== 'completed') {
    const reason =
      result && 'error' in result ? result.error : new Error(`benchmark "${name}" ended ${result?.state}`);
    throw reason;
  }
  const { latency } = result;
  return {
    median: latency.p50,
    mean: latency.mean,
    min: latency.min,
    max: latency.max,
    runs: latency.samplesCount,
  };
}

/** How many times slower the subject is than its baseline (medians). */
export function ratio(subject: Timing, baseline: Timing): number {
  return baseline.median > 0 ? subject.median / baseline.median : Number.POSITIVE_INFINITY;
}

/** Median, mean, min and max of raw samples (ms). */
export function timingOf(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    median,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
    runs: sorted.length,
  };
}

/**
 * Times several operations in turn, round after round (A B C, A B C, …), so a product and its peer
 * see the same machine load; one untimed warm-up round first. Returns each operation's timing.
 */
export async function interleaved<K extends string>(
  fns: Record<K, () => Promise<unknown>>,
  rounds: number,
  warmupRounds = 1,
): Promise<Record<K, Timing>> {
  const names = Object.keys(fns) as K[];
  const samples = new Map<K, number[]>(names.map((n) => [n, []]));
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    for (const name of names) {
      const start = performance.now();
      await fns[name]();
      if (round >= warmupRounds) samples.get(name)?.push(performance.now() - start);
    }
  }
  return Object.fromEntries(names.map((n) => [n, timingOf(samples.get(n) ?? [])])) as Record<K, Timing>;
}
