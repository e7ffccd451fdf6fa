import { execFile } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { forEachStore } from '../testing/test-store.ts';

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL('../../scripts/rapport.mjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/cli/rapport.mjs', import.meta.url));

/** The real CLI as `pnpm -s rapport` runs it: a Node process on the prebuilt bundle. */
async function rapport(argv: string[], env: Record<string, string | undefined>) {
  return run(process.execPath, [ENTRY, ...argv], {
    env: { ...process.env, RAPPORT_LOG_LEVEL: 'silent', ...env },
    timeout: 120_000,
  });
}

forEachStore('built CLI', (ctx) => {
  it('answers from the prebuilt bundle, and rebuilds it when a source file is newer', async () => {
    const first = await rapport(['team', 'add', 'Bundled'], ctx.env);
    expect(JSON.parse(first.stdout)).toMatchObject({ name: 'Bundled' });
    // An old bundle is rebuilt before the command runs.
    utimesSync(BUNDLE, new Date(0), new Date(0));
    const listed = await rapport(['team', 'list'], ctx.env);
    const names = (JSON.parse(listed.stdout) as { name: string }[]).map((t) => t.name);
    expect(names).toContain('Bundled');
    const { mtimeMs } = await import('node:fs').then((fs) => fs.statSync(BUNDLE));
    expect(mtimeMs).toBeGreaterThan(Date.now() - 600_000);
  }, 180_000);
});
