// Proves the benchmark code works end to end at tiny scale (both databases, every suite). It asserts
// what the benchmarks produce, never how fast: speed is reported as ratios by `pnpm bench`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs, SCALES, SUITE_NAMES } from './lib/options.ts';
import { formatMs, formatRatio, textTable } from './lib/render.ts';
import { type BenchReport, silentLog } from './lib/results.ts';
import { targetChecks } from './lib/targets.ts';
import { runBench, writeArtifacts } from './run.ts';
import { measureBundles } from './suites/bundle.ts';

const out = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pnpm bench at tiny scale', () => {
  let report: BenchReport;
  beforeAll(async () => {
    report = await runBench(
      {
        scale: SCALES.tiny,
        stores: ['sqlite', 'postgres'],
        suites: [...SUITE_NAMES],
        outDir: out,
        build: false,
      },
      silentLog,
    );
  }, 180_000);

  it('times push, pull, the report and the insight reports on both databases, and the badge path client-side', () => {
    const where = (suite: string) =>
      report.measurements.filter((m) => m.suite === suite).map((m) => m.store ?? 'client');
    expect(where('push')).toEqual(['sqlite', 'postgres']);
    expect(where('pull')).toEqual(['sqlite', 'postgres']);
    // load customers, load lines, report vs DuckDB (all time, trailing 365 days, the team's tier
    // window, sorted by name, a search), import vs bare insert, two recomputes, two report calls —
    // per database; then the CLI start once
    expect(where('report')).toEqual([...Array(12).fill('sqlite'), ...Array(12).fill('postgres'), 'sqlite']);
    // the recompute with insight against without, segments with and without clusters, churn — per database
    expect(where('insight')).toEqual([...Array(4).fill('sqlite'), ...Array(4).fill('postgres')]);
    expect(where('badges')).toEqual(['client', 'client', 'client']);
    // the import of a 500-line generated file beside papaparse + one-transaction insert — per database
    expect(where('imports')).toEqual(['sqlite', 'postgres']);
    expect(report.measurements.find((m) => m.suite === 'imports')).toMatchObject({
      name: 'import 500-line Superstore CSV',
      timing: { runs: 3 },
      baseline: { timing: { runs: 3 } },
    });
    expect(report.measurements.find((m) => m.suite === 'push')?.name).toBe(
      'push 100 mutations (50 contact.upsert + 50 interaction.add)',
    );
    expect(report.measurements.find((m) => m.suite === 'pull')?.name).toBe(
      'pull 100 rows, limit 25 (4 pages)',
    );
  });

  it('puts every compared measurement beside its baseline as the ratio of the medians', () => {
    const compared = report.measurements.filter((m) => m.baseline);
    // 21: the report suite compares 10 measurements per database and the CLI start; 8: the insight
    // suite compares 4 measurements per database
    expect(compared.length).toBe(2 + 2 + 21 + 8 + 2 + 2);
    for (const m of compared) {
      expect(m.timing.median).toBeGreaterThan(0);
      expect(m.timing.runs).toBeGreaterThanOrEqual(1);
      expect(m.ratio).toBe(m.timing.median / (m.baseline?.timing.median ?? Number.NaN));
    }
    expect(report.measurements.filter((m) => !m.baseline).map((m) => m.name)).toEqual([
      'load 50 customers (rows.put)',
      'load 500 order lines (orderLines.upsert)',
      'load 50 customers (rows.put)',
      'load 500 order lines (INSERT … unnest)',
      'store 300 contacts (+30 customers, +60 interactions) in IndexedDB',
    ]);
  });

  it('loads a server child process with concurrent clients on both databases and loses nothing', () => {
    expect(report.loadRuns.map((r) => r.store)).toEqual(['sqlite', 'postgres']);
    for (const r of report.loadRuns) {
      expect(r.clients).toBe(SCALES.tiny.loadClients);
      expect(r.pushes).toBeGreaterThan(0);
      expect(r.mutations).toBeGreaterThanOrEqual(r.pushes);
      expect(r.push.count + r.pull.count).toBe(r.requests);
      expect(r.health.count).toBeGreaterThan(0);
      expect(r.lost).toBe(0);
    }
  });

  it('kills the server mid-stream on both databases and finds every acknowledged push after the restart', () => {
    expect(report.durability.map((r) => r.store)).toEqual(['sqlite', 'postgres']);
    for (const r of report.durability) {
      expect(r.rounds).toBe(SCALES.tiny.durabilityRounds);
      expect(r.acknowledgedPushes).toBeGreaterThan(0);
      expect(r.missing).toBe(0);
      expect(r.failedRounds).toBe(0);
    }
  });

  it('pushes and pulls the same contacts through Rapport and PouchDB on both databases, side by side', () => {
    expect(report.peers.map((p) => `${p.path} ${p.store} ${p.docs}`)).toEqual([
      'push sqlite 100',
      'pull sqlite 100',
      'push postgres 100',
      'pull postgres 100',
    ]);
    for (const p of report.peers) {
      expect(p.rapportMs).toBeGreaterThan(0);
      expect(p.peerMs).toBeGreaterThan(0);
      expect(p.speedup).toBe(p.peerMs / p.rapportMs);
      // The floor (storing only what the push stored) is measured beside every push, never beside a pull.
      if (p.path === 'push') expect(p.floorMs).toBeGreaterThan(0);
      else expect(p.floorMs).toBeUndefined();
    }
  });

  it('checks every issue #10 target it measured: PouchDB, the bare inserts, DuckDB and the CLI start', () => {
    // A renamed benchmark row would silently drop its target: every one is expected here by name.
    const checks = targetChecks(report);
    expect(checks.map((c) => `${c.store} ${c.path.split(/[:(]/)[0]?.trim()} ${c.bound}`)).toEqual([
      'sqlite push 100 contacts ≥ 3×',
      'sqlite pull 100 contacts ≥ 3×',
      'postgres push 100 contacts ≥ 2×',
      'postgres pull 100 contacts ≥ 3×',
      'sqlite customers report, all time, first page ≤ 1×',
      'sqlite customers report, trailing 365 days ≤ 1×',
      "sqlite customers report, the team's tier window ≤ 1×",
      'sqlite import 50 more lines into 500 ≤ 3×',
      'postgres customers report, all time, first page ≤ 1×',
      'postgres customers report, trailing 365 days ≤ 1×',
      "postgres customers report, the team's tier window ≤ 1×",
      'postgres import 50 more lines into 500 ≤ 3×',
      'sqlite CLI answering `pnpm -s rapport team list` ≤ 4×',
      'sqlite import 500-line Superstore CSV ≤ 3×',
      'postgres import 500-line Superstore CSV ≤ 3×',
    ]);
  });

  it('says which scale and databases ran, and how each benchmark was set up', () => {
    expect(report.scale.name).toBe('tiny');
    expect(report.stores).toEqual(['sqlite', 'postgres']);
    expect(report.notes.map((n) => n.split(':')[0])).toEqual([
      'Push',
      'Pull',
      'Peers',
      'Report',
      'Insight',
      'Imports',
      'Badges',
      'Load',
      'Durability',
    ]);
    expect(report.bundles?.dir).toBe('extension/.output/chrome-mv3/content-scripts');
  });

  it('writes bench.json (the whole report) and bench.md (a markdown table with a row per measurement)', () => {
    const files = writeArtifacts(report, out);
    expect(JSON.parse(readFileSync(files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    const md = readFileSync(files.md, 'utf8');
    // Table body rows: not the header rows, not the | --- | separators.
    const rows = md
      .split('\n')
      .filter((l) => /^\| (?!Benchmark |File |Load |Durability |Path |Target |-)/.test(l));
    expect(rows.length).toBe(
      report.measurements.length +
        (report.bundles?.files.length ?? 0) +
        report.loadRuns.length +
        report.durability.length +
        report.peers.length +
        targetChecks(report).length,
    );
    expect(md).toContain('| 10 clients, 2 teams, 2 s, pause ≈100 ms | sqlite |');
    expect(md).toContain('| push 100 contacts | postgres | 100 |');
    expect(md).toContain('| Speed-up | Floor median | Floor docs/s | Floor speed-up | Runs | Load avg |');
    // A push row carries its floor (a time, docs/s and PouchDB ÷ floor); a pull row leaves them empty.
    expect(md).toMatch(
      /\| push 100 contacts \| sqlite \|.* \| [\d.]+× \| [\d.]+ m?s \| [\d,]+ \| [\d.]+× \| 1 \|/,
    );
    expect(md).toMatch(/\| pull 100 contacts \| sqlite \|.* \| [\d.]+× \| {2}\| {2}\| {2}\| 1 \|/);
    expect(md).toContain('| 1 rounds, 8 clients, kill at 0.5–1 s | postgres |');
    expect(md).toContain('| push 100 mutations (50 contact.upsert + 50 interaction.add) | sqlite |');
    const table = textTable(report).split('\n');
    expect(table[0]).toMatch(
      /^Benchmark\s+Store\s+Median\s+Runs\s+Throughput\s+Baseline\s+Baseline median\s+Ratio$/,
    );
  });
});

describe('bundle sizes', () => {
  it('reads raw and gzip sizes of the .js files only, by name', () => {
    const dir = join(out, 'content-scripts');
    mkdirSync(dir);
    writeFileSync(join(dir, 'gmail.js'), 'a'.repeat(10_000));
    writeFileSync(join(dir, 'x.js'), 'console.log(1);\n');
    writeFileSync(join(dir, 'gmail.css'), 'body{}');
    const files = measureBundles(dir);
    expect(files.map((f) => [f.file, f.bytes])).toEqual([
      ['gmail.js', 10_000],
      ['x.js', 16],
    ]);
    // 10,000 identical bytes compress to a few dozen; a 16-byte file grows by gzip's ~20-byte frame.
    expect(files[0]?.gzipBytes).toBeLessThan(100);
    expect(files[1]?.gzipBytes).toBeGreaterThan(16);
    expect(measureBundles(join(out, 'missing'))).toEqual([]);
  });
});

describe('command line', () => {
  it('defaults to the full scale on both databases, every suite, test/artifacts', () => {
    const o = parseBenchArgs([], '/artifacts');
    expect(o).toEqual({
      scale: SCALES.full,
      stores: ['sqlite', 'postgres'],
      suites: [...SUITE_NAMES],
      outDir: '/artifacts',
      build: true,
    });
  });

  it('takes a scale, databases and suites', () => {
    const o = parseBenchArgs(
      ['--scale', 'small', '--stores', 'sqlite', '--only', 'report,push', '--no-build'],
      '/a',
    );
    expect(o).toMatchObject({
      scale: { name: 'small', mutations: 2_000 },
      stores: ['sqlite'],
      suites: ['push', 'report'],
      build: false,
    });
  });

  it('refuses unknown values with the usage', () => {
    expect(() => parseBenchArgs(['--scale', 'huge'], '/a')).toThrow(
      /--scale must be one of tiny, small, full[\s\S]*Usage:/,
    );
    expect(() => parseBenchArgs(['--only', 'push,speed'], '/a')).toThrow(
      /--only entry must be one of push, pull, peers, report, insight, imports, badges, bundle, load, durability/,
    );
  });
});

describe('formatting', () => {
  it('prints times and ratios readably', () => {
    expect([formatMs(0.421), formatMs(4.56), formatMs(123.4), formatMs(4560)]).toEqual([
      '0.42 ms',
      '4.6 ms',
      '123 ms',
      '4.56 s',
    ]);
    expect([
      formatRatio(undefined),
      formatRatio(1.234),
      formatRatio(31.44),
      formatRatio(Number.POSITIVE_INFINITY),
    ]).toEqual(['', '1.23×', '31.4×', '∞']);
  });
});
