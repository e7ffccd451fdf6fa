import { describe, expect, it } from 'vitest';
import type { PeerResult } from '../suites/peers.ts';
import { SCALES } from './options.ts';
import type { BenchReport, Measurement } from './results.ts';
import { targetChecks } from './targets.ts';
import type { Timing } from './timing.ts';

const timing = (median: number): Timing => ({ median, mean: median, runs: 3, min: median, max: median });

function measured(name: string, suite: Measurement['suite'], ms: number, baseline: string, baseMs: number) {
  return {
    suite,
    store: 'sqlite',
    name,
    via: 'test',
    timing: timing(ms),
    baseline: { name: baseline, timing: timing(baseMs) },
    ratio: ms / baseMs,
  } satisfies Measurement;
}

function peer(
  path: 'push' | 'pull',
  store: PeerResult['store'],
  rapportMs: number,
  peerMs: number,
): PeerResult {
  return {
    path,
    store,
    docs: 2_000,
    runs: 3,
    rapportMs,
    peerMs,
    peer: 'PouchDB',
    speedup: peerMs / rapportMs,
    load: 1,
  };
}

function report(measurements: Measurement[], peers: PeerResult[]): BenchReport {
  return {
    scale: SCALES.small,
    stores: ['sqlite', 'postgres'],
    startedAt: '2026-12-07T10:00:00.000Z',
    wallSeconds: 1,
    machine: { node: '20', platform: 'linux-x64', cpus: 2, cpuModel: 'cpu', memoryGb: 24 },
    load: { start: 1, end: 1 },
    measurements,
    bundles: null,
    loadRuns: [],
    durability: [],
    peers,
    notes: [],
  };
}

describe('issue #10 targets', () => {
  it('wants push 3× PouchDB on SQLite but 2× on Postgres, pull 3× on both; the bound itself counts as met', () => {
    const checks = targetChecks(
      report(
        [],
        [
          peer('push', 'sqlite', 300, 900), // exactly 3×
          peer('push', 'postgres', 300, 599), // 1.997×
          peer('pull', 'postgres', 100, 250), // 2.5×
          peer('pull', 'sqlite', 100, 450), // 4.5×
        ],
      ),
    );
    expect(checks.map((c) => [c.path, c.store, c.bound, c.met])).toEqual([
      ['push 2,000 contacts', 'sqlite', '≥ 3×', true],
      ['push 2,000 contacts', 'postgres', '≥ 2×', false],
      ['pull 2,000 contacts', 'postgres', '≥ 3×', false],
      ['pull 2,000 contacts', 'sqlite', '≥ 3×', true],
    ]);
    expect(checks[1]?.ratio).toBeCloseTo(1.997, 3);
  });

  it('bounds the import, report and CLI rows by their time ratio, and ignores rows without a target', () => {
    const duck = 'DuckDB (in-process, in memory) SELECT …';
    const checks = targetChecks(
      report(
        [
          measured('import 10,000-line Superstore CSV', 'imports', 754, 'papaparse + INSERT', 239),
          measured('import 10,000-line Superstore CSV', 'imports', 600, 'papaparse + INSERT', 200),
          measured('customers report, all time, first page (100 by profit)', 'report', 89, duck, 1459),
          measured('customers report, all sorted by name, first page (100)', 'report', 5, duck, 25),
          // The older comparison against a SQL GROUP BY is not the target's peer.
          measured('customers report, first page (100 by profit)', 'report', 6, 'SUM(revenue) …', 25),
          measured(
            'customers report, trailing 365 days (2017-01-01 – 2017-12-31), first page',
            'report',
            33,
            duck,
            20,
          ),
          measured(
            "customers report, the team's tier window (trailing 365 days, …), first page",
            'report',
            5,
            duck,
            20,
          ),
          measured(
            'import 5,000 more lines into 50,000: lines + rollups + metrics and tiers',
            'report',
            661,
            'bare',
            126,
          ),
          measured('metrics recompute, nothing changed', 'report', 17, 'SUM … GROUP BY', 10),
          measured(
            'CLI answering `pnpm -s rapport team list`',
            'report',
            316,
            '`pnpm -s exec node -e 0`',
            79,
          ),
        ],
        [],
      ),
    );
    expect(checks.map((c) => [c.path.slice(0, 40), c.peer, c.bound, c.met])).toEqual([
      ['import 10,000-line Superstore CSV', 'papaparse + INSERT', '≤ 3×', false], // 3.15×
      ['import 10,000-line Superstore CSV', 'papaparse + INSERT', '≤ 3×', true], // exactly 3×
      ['customers report, all time, first page (', 'DuckDB', '≤ 1×', true],
      ['customers report, trailing 365 days (201', 'DuckDB', '≤ 1×', false], // 1.65×
      ["customers report, the team's tier window", 'DuckDB', '≤ 1×', true],
      ['import 5,000 more lines into 50,000: lin', 'bare INSERT', '≤ 3×', false], // 5.25×
      ['CLI answering `pnpm -s rapport team list', '`node -e 0`', '≤ 4×', true], // exactly 4×
    ]);
    expect(checks[0]).toMatchObject({ rapportMs: 754, peerMs: 239, ratio: 754 / 239 });
  });
});
