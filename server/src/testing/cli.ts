import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type RunOptions, runCli } from '../cli/runner.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process and captures what it prints; logs are silent unless `env` sets a level. */
export async function captureCli(
  argv: string[],
  options: Omit<RunOptions, 'out' | 'err'>,
): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    ...options,
    env: { RAPPORT_LOG_LEVEL: 'silent', ...options.env },
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

/** A new temp dir, removed after the test file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
