// Issue #10's speed targets in one place: which rows of a bench report each applies to, its bound,
// and whether this run met it. `pnpm bench` prints the result after its tables (bench.md too), so
// "does it meet the target" is read off one run instead of worked out by hand.
import type { StoreKind } from '@rapport/server/testing/test-store';
import type { PeerResult } from '../suites/peers.ts';
import type { BenchReport, Measurement } from './results.ts';

/** One target checked against one measured row. */
export interface TargetCheck {
  /** What was measured, e.g. "push 2,000 contacts". */
  path: string;
  store: StoreKind;
  /** Rapport's median time. */
  rapportMs: number;
  /** The peer or baseline, and its median time. */
  peer: string;
  peerMs: number;
  /** Speed-up over the peer (`higher` targets) or time ÷ the baseline's time (`lower` targets). */
  ratio: number;
  /** "≥ 3×" or "≤ 1×". */
  bound: string;
  met: boolean;
}

interface MeasurementTarget {
  /** Picks the report's rows this target applies to. */
  matches(m: Measurement): boolean;
  /** Largest allowed time ratio to the baseline. */
  max: number;
  /** The baseline, shortly (the measurement names it in full). */
  peer: string;
}

const duckDb = (m: Measurement) => m.baseline?.name.startsWith('DuckDB') === true;

/** Time ratios: Rapport's median ÷ the baseline's, at most `max`. */
const MEASUREMENT_TARGETS: readonly MeasurementTarget[] = [
  // "imports ≤ 3× a bare papaparse + one-transaction insert of the same rows"
  {
    matches: (m) => m.suite === 'imports' && /^import [\d,]+-line Superstore CSV$/.test(m.name),
    max: 3,
    peer: 'papaparse + INSERT',
  },
  // "customers report … ≤ 1× DuckDB's GROUP BY over the same lines (all time and trailing 365 days)"
  {
    matches: (m) => duckDb(m) && m.name.startsWith('customers report, all time, first page'),
    max: 1,
    peer: 'DuckDB',
  },
  {
    matches: (m) => duckDb(m) && m.name.startsWith('customers report, trailing 365 days'),
    max: 1,
    peer: 'DuckDB',
  },
  {
    matches: (m) => duckDb(m) && m.name.startsWith("customers report, the team's tier window"),
    max: 1,
    peer: 'DuckDB',
  },
  // "importing 10k more lines into a team that has 1M takes ≤ 3× the bare insert of those 10k"
  {
    matches: (m) => m.suite === 'report' && /^import [\d,]+ more lines into/.test(m.name),
    max: 3,
    peer: 'bare INSERT',
  },
  // "a trivial command answers within 4× a bare `pnpm -s exec node -e 0`"
  { matches: (m) => m.name.startsWith('CLI answering'), max: 4, peer: '`node -e 0`' },
];

/** Speed-up over PouchDB, at least this much: push ≥ 3× on SQLite and ≥ 2× on Postgres, pull ≥ 3×. */
export function peerMinimum(p: Pick<PeerResult, 'path' | 'store'>): number {
  return p.path === 'push' && p.store === 'postgres' ? 2 : 3;
}

/** Every target row of this report, in report order: the peers first, then the timed measurements. */
export function targetChecks(report: BenchReport): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const p of report.peers) {
    const min = peerMinimum(p);
    out.push({
      path: `${p.path} ${p.docs.toLocaleString('en-US')} contacts`,
      store: p.store,
      rapportMs: p.rapportMs,
      peer: 'PouchDB',
      peerMs: p.peerMs,
      ratio: p.speedup,
      bound: `≥ ${min}×`,
      met: p.speedup >= min,
    });
  }
  for (const m of report.measurements) {
    const target = MEASUREMENT_TARGETS.find((t) => t.matches(m));
    if (!target || !m.baseline || m.ratio === undefined || m.store === null) continue;
    out.push({
      path: m.name,
      store: m.store,
      rapportMs: m.timing.median,
      peer: target.peer,
      peerMs: m.baseline.timing.median,
      ratio: m.ratio,
      bound: `≤ ${target.max}×`,
      met: m.ratio <= target.max,
    });
  }
  return out;
}
