// The real server as a child process (`rapport serve` through tsx's loader, one node process, no
// wrapper), on loopback and a free port. A separate process so that a load generator never shares its
// event loop, and so that SIGKILL hits the server exactly as a crash would.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestDatabaseEnv } from '@rapport/server/testing/test-store';

// RAPPORT_BENCH_SERVER_DIR runs another checkout's server (say, the main branch's) for a before/after run.
const SERVER_DIR = process.env.RAPPORT_BENCH_SERVER_DIR ?? join(import.meta.dirname, '..', '..', 'server');
const CLI_MAIN = join(SERVER_DIR, 'src', 'cli', 'main.ts');

export interface ServerProcessOptions {
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  /** Give up when the server has not printed its URL by then (default 30 s). */
  startTimeoutMs?: number;
  env?: Record<string, string>;
}

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** Everything the server wrote to stderr (JSON log lines), for failure messages. */
  stderr(): string;
  /** CPU seconds (user + system) the process has used so far; null where /proc is absent. */
  cpuSeconds(): number | null;
  /** SIGKILL: no shutdown code runs, like a crash or an OOM kill. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait (the graceful stop); SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** utime + stime from /proc/<pid>/stat (Linux), in seconds. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux build Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `rapport serve` on the database in `db` and resolves once it listens. */
export async function startServerProcess(
  db: TestDatabaseEnv,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', CLI_MAIN, 'serve'], {
    cwd: SERVER_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      RAPPORT_LOG_LEVEL: 'warn',
      RAPPORT_DATA_DIR: db.RAPPORT_DATA_DIR,
      ...(db.DATABASE_URL ? { DATABASE_URL: db.DATABASE_URL } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err = (err + d).slice(-20_000);
  });
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start in time:\n${err}`)),
      options.startTimeoutMs ?? 30_000,
    );
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      // serve prints http://localhost:<port>/ on stdout once it listens.
      const m = /http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${err}`));
    });
  }).catch(async (e: unknown) => {
    await kill();
    throw e;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stderr: () => err,
    cpuSeconds: () => cpuSeconds(child.pid as number),
    kill,
    async stop(graceMs = 10_000) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
