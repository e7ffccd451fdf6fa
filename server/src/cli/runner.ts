import { parseArgs } from 'node:util';
import { bootstrap } from '../accounts/bootstrap.ts';
import { EnvError, parseEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/log.ts';
import { openStore } from '../store/open-store.ts';
import type { Store, Team } from '../store/store.ts';
import {
  type CliArgs,
  type CliCommand,
  type CliContext,
  CliError,
  type CliIo,
  UsageError,
} from './command.ts';
import { type CommandEntry, commandEntries } from './commands/index.ts';

export interface RunOptions extends CliIo {
  env: Record<string, string | undefined>;
  clock?: Clock;
  signal?: AbortSignal;
  /** Defaults to the command table in commands/index.ts. */
  commands?: readonly CliCommand[];
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function findCommand<C extends { name: string }>(
  list: readonly C[],
  argv: string[],
): { command: C; rest: string[] } | undefined {
  let best: { command: C; rest: string[] } | undefined;
  for (const command of list) {
    const words = command.name.split(' ');
    if (
      words.every((w, i) => argv[i] === w) &&
      (!best || words.length > best.command.name.split(' ').length)
    ) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export function helpText(list: readonly CliCommand[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map(
    (c) =>
      `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  usage: rapport ${c.name} ${c.usage}`,
  );
  return `Usage: pnpm -s rapport <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nConfiguration comes from the environment (PORT, RAPPORT_DATA_DIR, DATABASE_URL, …); see server/README.md.\n`;
}

async function resolveTeam(store: Store, ref: string | undefined): Promise<Team> {
  if (ref === undefined) {
    const team = await store.teams.getDefault();
    if (!team) throw new CliError('There is no team yet');
    return team;
  }
  const byId = await store.teams.get(ref);
  if (byId) return byId;
  const byName = await store.teams.findByName(ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new CliError(`Several teams are named "${ref}"; pass the team id instead`);
  throw new CliError(`No team "${ref}" (give a team id or exact name; \`rapport team list\` shows them)`);
}

/** Runs one CLI invocation and resolves to its exit code; never calls process.exit. */
export async function runCli(argv: string[], options: RunOptions): Promise<number> {
  const entries: readonly CommandEntry[] =
    options.commands?.map((c) => ({ name: c.name, load: async () => c })) ?? commandEntries;
  const all = () => Promise.all(entries.map((e) => e.load()));
  const io: CliIo = { out: options.out, err: options.err };
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    (argv.length === 0 ? io.err : io.out)(helpText(await all()));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(entries, argv);
  if (!found) {
    io.err(`Unknown command "${argv.join(' ')}".\n\n${helpText(await all())}`);
    return EXIT.usage;
  }
  // Only the matched command's module (and what it imports) is loaded.
  const command = await found.command.load();
  const { rest } = found;
  let store: Store | undefined;
  try {
    const env = parseEnv(options.env);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options ?? {},
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (parsed.positionals.length < (command.minPositionals ?? 0)) throw new UsageError('missing arguments');
    const clock = options.clock ?? systemClock;
    const ctx: CliContext = {
      ...io,
      env,
      rawEnv: options.env,
      clock,
      log: createLogger(env.RAPPORT_LOG_LEVEL, (line) => io.err(line)),
      signal: options.signal ?? new AbortController().signal,
      async store() {
        if (!store) {
          store = await openStore(env);
          await bootstrap(store, clock, {
            email: env.RAPPORT_ADMIN_EMAIL,
            password: env.RAPPORT_ADMIN_PASSWORD,
          });
        }
        return store;
      },
      team: resolveTeam,
    };
    return (
      (await command.run(ctx, {
        positionals: parsed.positionals,
        values: parsed.values as CliArgs['values'],
      })) ?? EXIT.ok
    );
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`rapport ${command.name}: ${err.message}\nusage: rapport ${command.name} ${command.usage}\n`);
      return EXIT.usage;
    }
    if (err instanceof EnvError || err instanceof CliError || err instanceof ApiError) {
      io.err(`rapport ${command.name}: ${err.message}\n`);
      return EXIT.failed;
    }
    io.err(`rapport ${command.name} failed: ${(err as Error)?.stack ?? String(err)}\n`);
    return EXIT.failed;
  } finally {
    await store?.close();
  }
}
