// Tables for the load and kill -9 runs: distributions and counts, not one timed operation each.
import type { DurabilityResult } from '../suites/durability.ts';
import type { LoadResult } from '../suites/load.ts';
import { formatMs } from './render.ts';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const p50_99 = (l: { p50: number; p95: number; p99: number }) =>
  `${formatMs(l.p50)} / ${formatMs(l.p95)} / ${formatMs(l.p99)}`;

export const LOAD_HEADERS = [
  'Load',
  'Store',
  'Mutations/s',
  'Requests/s',
  'Push p50 / p95 / p99',
  'Pull p50 / p95 / p99',
  'Errors',
  'Timeouts',
  'Health p50 / p99 at rest',
  'Health p50 / p99 under load',
  'Lost',
  'Server CPU (cores, ms per request)',
];

export function loadCells(r: LoadResult): string[] {
  return [
    `${r.clients} clients, ${r.teams} teams, ${r.seconds} s, pause ≈${formatMs(r.thinkMs)}`,
    r.store,
    whole(r.mutationsPerSecond),
    whole(r.requestsPerSecond),
    p50_99(r.push),
    p50_99(r.pull),
    String(r.errors),
    String(r.timeouts),
    `${formatMs(r.healthIdle.p50)} / ${formatMs(r.healthIdle.p99)}`,
    `${formatMs(r.health.p50)} / ${formatMs(r.health.p99)}${r.healthErrors ? ` (${r.healthErrors} failed)` : ''}`,
    String(r.lost),
    r.serverCpu === null || r.serverCpuMsPerRequest === null
      ? '—'
      : `${r.serverCpu.toFixed(2)}, ${formatMs(r.serverCpuMsPerRequest)}`,
  ];
}

export const DURABILITY_HEADERS = [
  'Durability (kill -9)',
  'Store',
  'Pushes answered 200',
  'Mutations',
  'Cut off (of which committed)',
  'Missing after restart',
  'Rounds not exactly-once',
  'Restart median',
];

export function durabilityCells(r: DurabilityResult): string[] {
  return [
    `${r.rounds} rounds, ${r.clients} clients, kill at ${r.killWindowMs.min / 1000}–${r.killWindowMs.max / 1000} s`,
    r.store,
    whole(r.acknowledgedPushes),
    whole(r.acknowledgedMutations),
    `${r.inFlight} (${r.committedUnanswered})`,
    String(r.missing),
    String(r.failedRounds),
    formatMs(r.restartMsMedian),
  ];
}

/** Markdown table rows (header, alignment, body) for one of the two tables; empty when no rows. */
export function markdownTable(headers: readonly string[], rows: readonly string[][]): string[] {
  if (rows.length === 0) return [];
  const align = headers.map((_, i) => (i < 2 ? '---' : '---:'));
  const esc = (c: string) => c.replaceAll('|', '\\|');
  return [
    '',
    `| ${headers.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
}
