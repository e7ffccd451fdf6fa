// The built extension under test (the runner builds it before this package's tests run), copied to a
// temp dir with the local server's origin pre-granted: Chromium's host-permission prompt, which
// sign-in raises for the server URL, is browser UI that headless automation cannot click.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const EXTENSION_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'extension',
  '.output',
  'chrome-mv3',
);

export interface PreparedExtension {
  dir: string;
  remove(): void;
}

/** A copy of the build whose manifest also grants http://127.0.0.1/* (what the user's "Allow" would). */
export function builtExtension(): PreparedExtension {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    throw new Error(
      `The built extension is missing (${EXTENSION_DIR}). Build it: cd extension && pnpm exec wxt build`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'rapport-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
