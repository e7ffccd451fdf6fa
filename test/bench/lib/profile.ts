// What the profile scripts (bench/profile-*.ts) share: their options, and a CPU profile of just the
// timed rounds (not the loading before them).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { StoreKind } from '@rapport/server/testing/test-store';

export interface ProfileArgs {
  store: StoreKind;
  customers: number;
  lines: number;
  rounds: number;
  /** Where the .cpuprofile goes; none: no profiling. */
  profile: string | undefined;
  /** profile-report: also time the per-customer path (every customer's row built) in the same rounds. */
  compare: boolean;
}

/** --store (sqlite), --customers (5000), --lines (50000), --rounds (3), --profile FILE, --compare. */
export function profileArgs(): ProfileArgs {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', default: 'sqlite' },
      customers: { type: 'string', default: '5000' },
      lines: { type: 'string', default: '50000' },
      rounds: { type: 'string', default: '3' },
      profile: { type: 'string' },
      compare: { type: 'boolean', default: false },
    },
  });
  return {
    store: values.store as StoreKind,
    customers: Number(values.customers),
    lines: Number(values.lines),
    rounds: Number(values.rounds),
    profile: values.profile,
    compare: values.compare,
  };
}

/** Starts the CPU profiler when `file` is given; the returned function stops it and writes the profile. */
export async function startCpuProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  };
}

/** A profile run against a server child process failed: the error, then the server's last stderr (why). */
export function reportServerFailure(err: unknown, server: { stderr(): string }): void {
  process.stderr.write(
    `${String(err)}\nserver stderr (last 3,000 characters):\n${server.stderr().slice(-3000)}\n`,
  );
  process.exitCode = 1;
}
