import { parseArgs } from 'node:util';
import type { StoreKind } from '@rapport/server/testing/test-store';
import { z } from 'zod';

/** How big each benchmark's data set is. `full` is what the README quotes; `tiny` is for the smoke test. */
export interface Scale {
  name: ScaleName;
  /** Mutations per push run (half contact.upsert, half interaction.add), pushed 1000 per request; a pull reads the rows they make. */
  mutations: number;
  /** Pull page size (the protocol's default limit is 1000). */
  pullLimit: number;
  customers: number;
  orderLines: number;
  /** Contacts stored in the extension's IndexedDB for badge lookups. */
  contacts: number;
  /** Inbox rows scanned and looked up (one sender each). */
  inboxRows: number;
  /** Timed runs of the slow (seconds-long) operations; fast ones run for a time budget instead. */
  slowRuns: number;
  /** Time budget (ms) per fast task; each still runs at least `fastRuns` times. */
  fastTimeMs: number;
  fastRuns: number;
  /** Load: concurrent sync clients, spread over `loadTeams` teams, for `loadSeconds`. */
  loadClients: number;
  loadTeams: number;
  loadSeconds: number;
  /** Load: mean pause between one client's sync rounds. */
  loadThinkMs: number;
  /** Durability: kill -9 rounds per store, each killing at a random moment in this window (ms). */
  durabilityRounds: number;
  durabilityKillMs: { min: number; max: number };
  /** Peers: contact documents pushed and pulled by Rapport and by PouchDB, per size; interleaved runs of each. */
  peerDocs: number[];
  peerRuns: number;
}

export const SCALE_NAMES = ['tiny', 'small', 'full'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export const SCALES: Record<ScaleName, Scale> = {
  tiny: {
    name: 'tiny',
    mutations: 100,
    pullLimit: 25,
    customers: 50,
    orderLines: 500,
    contacts: 300,
    inboxRows: 10,
    slowRuns: 1,
    fastTimeMs: 0,
    fastRuns: 2,
    loadClients: 10,
    loadTeams: 2,
    loadSeconds: 2,
    loadThinkMs: 100,
    durabilityRounds: 1,
    durabilityKillMs: { min: 500, max: 1000 },
    peerDocs: [100],
    peerRuns: 1,
  },
  small: {
    name: 'small',
    mutations: 2_000,
    pullLimit: 1_000,
    customers: 5_000,
    orderLines: 50_000,
    contacts: 10_000,
    inboxRows: 100,
    slowRuns: 2,
    fastTimeMs: 300,
    fastRuns: 5,
    loadClients: 200,
    loadTeams: 4,
    loadSeconds: 10,
    loadThinkMs: 1000,
    durabilityRounds: 5,
    durabilityKillMs: { min: 500, max: 3000 },
    peerDocs: [2_000],
    peerRuns: 3,
  },
  full: {
    name: 'full',
    mutations: 10_000,
    pullLimit: 1_000,
    customers: 100_000,
    orderLines: 1_000_000,
    contacts: 100_000,
    inboxRows: 100,
    slowRuns: 2,
    fastTimeMs: 1_000,
    fastRuns: 10,
    loadClients: 200,
    loadTeams: 4,
    loadSeconds: 30,
    loadThinkMs: 1000,
    durabilityRounds: 5,
    durabilityKillMs: { min: 3000, max: 15000 },
    peerDocs: [2_000, 20_000],
    peerRuns: 3,
  },
};

export const SUITE_NAMES = [
  'push',
  'pull',
  'peers',
  'report',
  'insight',
  'imports',
  'badges',
  'bundle',
  'load',
  'durability',
] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export interface BenchOptions {
  scale: Scale;
  stores: StoreKind[];
  suites: SuiteName[];
  /** Where bench.json and bench.md go. */
  outDir: string;
  /** Build the extension when its content scripts are missing. */
  build: boolean;
}

const list = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()))
    .pipe(
      z
        .array(z.enum(values, { error: `${what} must be one of ${values.join(', ')}` }))
        .min(1, { error: `name at least one ${what}` }),
    );

const argsSchema = z.object({
  scale: z.enum(SCALE_NAMES, { error: `--scale must be one of ${SCALE_NAMES.join(', ')}` }).default('full'),
  stores: list(['sqlite', 'postgres'], '--stores entry').default(['sqlite', 'postgres']),
  only: list(SUITE_NAMES, '--only entry').default([...SUITE_NAMES]),
  out: z.string().min(1).optional(),
  'no-build': z.boolean().default(false),
  help: z.boolean().default(false),
});

export const USAGE = `Usage: tsx bench/run.ts [--scale tiny|small|full] [--stores sqlite,postgres] [--only push,pull,peers,report,insight,imports,badges,bundle,load,durability] [--out DIR] [--no-build]

  --scale     data sizes (default full: 10k mutations, 10k pulled rows, 100k customers / 1M order lines,
              100k contacts); small is a quick check of the same code
  --stores    databases to run the server benchmarks on (default both; Postgres needs a local server,
              RAPPORT_TEST_PG_URL or postgres://postgres:postgres@127.0.0.1:5432/postgres)
  --only      benchmarks to run (default all); peers, load and durability run the server as a child process
              (peers: Rapport beside PouchDB + express-pouchdb, 2k docs at small scale, 2k and 20k at full);
              imports times 10k (small) and 10k + 100k (full) lines
  --out       directory for bench.json and bench.md (default test/artifacts)
  --no-build  report bundle sizes only if the extension is already built`;

/** Parses the command line; throws an Error whose message is ready to print. */
export function parseBenchArgs(argv: readonly string[], defaultOutDir: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: 'string' },
      stores: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'no-build': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n\n${USAGE}`);
  const a = parsed.data;
  if (a.help) return 'help';
  return {
    scale: SCALES[a.scale],
    stores: [...new Set(a.stores)],
    suites: SUITE_NAMES.filter((s) => a.only.includes(s)),
    outDir: a.out ?? defaultOutDir,
    build: !a['no-build'],
  };
}
