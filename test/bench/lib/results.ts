import type { StoreKind } from '@rapport/server/testing/test-store';
import type { DurabilityResult } from '../suites/durability.ts';
import type { LoadResult } from '../suites/load.ts';
import type { PeerResult } from '../suites/peers.ts';
import type { Scale, SuiteName } from './options.ts';
import { ratio, type Timing } from './timing.ts';

/** One timed operation of the product, usually beside a baseline doing the least the same result needs. */
export interface Measurement {
  suite: SuiteName;
  /** The database, or null for client-side work. */
  store: StoreKind | null;
  /** What was timed, e.g. "push 10,000 mutations". */
  name: string;
  /** How the real code was reached, e.g. "POST /api/v1/sync/push (in-process)". */
  via: string;
  timing: Timing;
  /** What one run processes, for a per-item figure. */
  items?: { count: number; unit: string };
  baseline?: { name: string; timing: Timing };
  /** subject median / baseline median: how many times the baseline's time the product needs. */
  ratio?: number;
  note?: string;
}

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  /** The build output directory, relative to the repository root. */
  dir: string;
  /** True when this run built the extension first. */
  built: boolean;
  files: BundleFile[];
  note?: string;
}

export interface BenchReport {
  scale: Scale;
  stores: StoreKind[];
  startedAt: string;
  wallSeconds: number;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGb: number };
  /** 1-minute load average when the run started and ended: above the core count, other work competed. */
  load: { start: number; end: number };
  measurements: Measurement[];
  bundles: BundleSizes | null;
  /** Concurrent clients against a server child process, per store. */
  loadRuns: LoadResult[];
  /** Kill -9 rounds, per store. */
  durability: DurabilityResult[];
  /** Rapport beside PouchDB, push and pull of the same documents over loopback HTTP. */
  peers: PeerResult[];
  /** How each benchmark was set up (data loading path, what the baseline leaves out). */
  notes: string[];
}

/** A measurement with its ratio filled in from the baseline. */
export function compared(m: Omit<Measurement, 'ratio'>): Measurement {
  return m.baseline ? { ...m, ratio: ratio(m.timing, m.baseline.timing) } : m;
}

/** What a suite hands back: its measurements and how it set them up. */
export interface SuiteResult {
  measurements: Measurement[];
  notes: string[];
  bundles?: BundleSizes;
  loadRuns?: LoadResult[];
  durability?: DurabilityResult[];
  peers?: PeerResult[];
}

/** Progress lines go to stderr so stdout holds only the table. */
export type Log = (message: string) => void;

export const stderrLog: Log = (message) => process.stderr.write(`[bench] ${message}\n`);
export const silentLog: Log = () => undefined;
