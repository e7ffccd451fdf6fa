// Content-script bundle sizes (raw and gzip) of the built Chromium extension.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BundleFile, BundleSizes, SuiteResult } from '../lib/results.ts';
import type { SuiteContext } from './context.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const CONTENT_SCRIPTS_DIR = join(REPO_ROOT, 'extension', '.output', 'chrome-mv3', 'content-scripts');

/** Raw and gzip (level 9, as a server would serve it) sizes of every .js file in `dir`, by name. */
export function measureBundles(dir: string): BundleFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    });
}

function buildExtension(): string | null {
  const r = spawnSync('pnpm', ['--filter', '@rapport/extension', 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status === 0) return null;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-5).join(' ');
  return `the extension build failed (exit ${r.status}): ${output}`;
}

export async function bundleSuite(
  { log }: SuiteContext,
  { build, dir = CONTENT_SCRIPTS_DIR }: { build: boolean; dir?: string },
): Promise<SuiteResult> {
  let files = measureBundles(dir);
  let built = false;
  let note: string | undefined;
  if (files.length === 0 && build) {
    log('bundle: no content scripts built yet; running pnpm --filter @rapport/extension build');
    const failure = buildExtension();
    built = failure === null;
    if (failure) note = failure;
    files = measureBundles(dir);
  }
  if (files.length === 0 && !note)
    note = build ? 'the build produced no content scripts' : 'not built (run with the build allowed)';
  const bundles: BundleSizes = { dir: relative(REPO_ROOT, dir), built, files, ...(note ? { note } : {}) };
  return { measurements: [], notes: [], bundles };
}
