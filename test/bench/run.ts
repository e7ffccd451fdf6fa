// `pnpm bench`: Rapport's benchmarks, each beside a baseline in the same run (ratios, never timed
// assertions). Prints a table on stdout (progress on stderr) and writes bench.json and bench.md
// (the README snippet) to test/artifacts. `--help` lists the options; see bench/README.md.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreKind } from '@rapport/server/testing/test-store';
import { preparePostgres } from './lib/databases.ts';
import { type BenchOptions, parseBenchArgs, type SuiteName, USAGE } from './lib/options.ts';
import { markdown, textTable } from './lib/render.ts';
import { type BenchReport, type Log, type SuiteResult, stderrLog } from './lib/results.ts';
import { badgesSuite } from './suites/badges.ts';
import { badgesChromiumSuite } from './suites/badges-chromium.ts';
import { bundleSuite } from './suites/bundle.ts';
import type { SuiteContext } from './suites/context.ts';
import { durabilitySuite } from './suites/durability.ts';
import { importsSuite } from './suites/imports.ts';
import { insightSuite } from './suites/insight.ts';
import { loadSuite } from './suites/load.ts';
import { peersSuite } from './suites/peers.ts';
import { reportSuite } from './suites/report.ts';
import { syncSuite } from './suites/sync.ts';

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', 'artifacts');

type Runner = (ctx: SuiteContext, options: BenchOptions) => Promise<SuiteResult>;

/** Push and pull run together (the pull reads what the push wrote), so they are one runner. */
const sync: Runner = (ctx, options) =>
  syncSuite(ctx, { push: options.suites.includes('push'), pull: options.suites.includes('pull') });

const RUNNERS: { name: string; runs: (suites: readonly SuiteName[]) => boolean; run: Runner }[] = [
  { name: 'push/pull', runs: (s) => s.includes('push') || s.includes('pull'), run: sync },
  { name: 'peers', runs: (s) => s.includes('peers'), run: peersSuite },
  { name: 'report', runs: (s) => s.includes('report'), run: reportSuite },
  { name: 'insight', runs: (s) => s.includes('insight'), run: insightSuite },
  { name: 'imports', runs: (s) => s.includes('imports'), run: importsSuite },
  { name: 'badges', runs: (s) => s.includes('badges'), run: badgesSuite },
  // Skips itself at tiny scale (the smoke test).
  { name: 'badges (Chromium)', runs: (s) => s.includes('badges'), run: badgesChromiumSuite },
  {
    name: 'bundle',
    runs: (s) => s.includes('bundle'),
    run: (ctx, options) => bundleSuite(ctx, { build: options.build }),
  },
  { name: 'load', runs: (s) => s.includes('load'), run: loadSuite },
  { name: 'durability', runs: (s) => s.includes('durability'), run: durabilitySuite },
];

/** Runs the chosen suites in order and collects one report. */
export async function runBench(options: BenchOptions, log: Log = stderrLog): Promise<BenchReport> {
  const started = new Date();
  const stores: StoreKind[] = options.stores;
  if (stores.includes('postgres')) await preparePostgres();
  const ctx: SuiteContext = { scale: options.scale, stores, log };
  const report: BenchReport = {
    scale: options.scale,
    stores,
    startedAt: started.toISOString(),
    wallSeconds: 0,
    machine: {
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
      memoryGb: Math.round(totalmem() / 2 ** 30),
    },
    load: { start: loadavg()[0] ?? 0, end: 0 },
    measurements: [],
    bundles: null,
    loadRuns: [],
    durability: [],
    peers: [],
    notes: [],
  };
  for (const { name, runs, run } of RUNNERS) {
    if (!runs(options.suites)) continue;
    const t = performance.now();
    const result = await run(ctx, options);
    report.measurements.push(...result.measurements);
    report.notes.push(...result.notes);
    if (result.bundles) report.bundles = result.bundles;
    report.loadRuns.push(...(result.loadRuns ?? []));
    report.durability.push(...(result.durability ?? []));
    report.peers.push(...(result.peers ?? []));
    log(
      `${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s (free memory ${Math.round(freemem() / 2 ** 20)} MiB)`,
    );
  }
  report.wallSeconds = (Date.now() - started.getTime()) / 1000;
  report.load.end = loadavg()[0] ?? 0;
  return report;
}

/** Writes bench.json and bench.md; returns their paths. */
export function writeArtifacts(report: BenchReport, outDir: string): { json: string; md: string } {
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, 'bench.json');
  const md = join(outDir, 'bench.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, markdown(report));
  return { json, md };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(argv, ARTIFACTS_DIR);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await runBench(options);
  const files = writeArtifacts(report, options.outDir);
  process.stdout.write(`${textTable(report)}\n\nWrote ${files.json} and ${files.md}\n`);
  return 0;
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(
        `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
