import type { ParseArgsConfig } from 'node:util';
import type { Env } from '../env.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import { generatePassword } from '../lib/passwords.ts';
import type { Store, Team } from '../store/store.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  /** Machine-readable output only (JSON). */
  out(text: string): void;
  /** Messages for people. */
  err(text: string): void;
}

export interface CliContext extends CliIo {
  env: Env;
  /** The raw environment, for command-specific variables such as RAPPORT_PASSWORD. */
  rawEnv: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM (long-running commands such as serve stop on it). */
  signal: AbortSignal;
  /** Opens the configured store (migrated, default team ensured); closed by the runner afterwards. */
  store(): Promise<Store>;
  /** The team named by --team (id or exact name), else the default team. */
  team(store: Store, ref: string | undefined): Promise<Team>;
}

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * One CLI command. `name` is its words ("user add"); the runner matches the longest name that
 * prefixes argv and passes the rest to node:util parseArgs with `options`.
 */
export interface CliCommand {
  name: string;
  summary: string;
  /** Argument synopsis after the name, e.g. "<email> --role admin|lead|rep [--name N]". */
  usage: string;
  options?: OptionSpec;
  /** Positional arguments required (checked before run). */
  minPositionals?: number;
  run(ctx: CliContext, args: CliArgs): Promise<number | undefined>;
}

/** A mistake in how the command was called: exit code 2 with usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A refused operation with a message for the user: exit code 1, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Writes a JSON document on stdout. */
export function printJson(ctx: CliIo, value: unknown): void {
  ctx.out(`${JSON.stringify(value, null, 2)}\n`);
}

export const TEAM_OPTION: OptionSpec = { team: { type: 'string', short: 't' } };

/** A zod-like schema's answer for one argument; a usage error `what: message` otherwise. */
export function parseArg<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

/**
 * The password of --password (or RAPPORT_PASSWORD), checked by `schema`; a generated one when neither is
 * given, which the command prints once (`generated`).
 */
export function passwordArg<T extends string>(
  ctx: CliContext,
  values: CliArgs['values'],
  schema: Parameters<typeof parseArg<T>>[0],
): { password: string; generated: boolean } {
  const given = (values.password as string | undefined) ?? ctx.rawEnv.RAPPORT_PASSWORD;
  if (given === undefined || given === '') return { password: generatePassword(), generated: true };
  return { password: parseArg(schema, given, 'password'), generated: false };
}
