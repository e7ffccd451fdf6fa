export interface BackoffOptions {
  /** First retry delay (before jitter). */
  baseMs: number;
  /** Longest delay (before jitter). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 15 * 60_000 };

/**
 * Delay before retry number `failures` (1 = first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so many clients that failed together do not retry together,
 * yet no retry comes sooner than half the step. `random` is in [0, 1).
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(step / 2 + (random() * step) / 2);
}
