// Prepares a fresh checkout with nothing but Node 20 and npm: pnpm, then the workspace's dependencies.
// Plain Node (no dependencies) because it runs before anything is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PNPM_VERSION = '12.21.0';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function log(message) {
  process.stderr.write(`[rapport] ${message}\n`);
}

function pnpmVersion() {
  const r = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: false });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function ensurePnpm() {
  const found = pnpmVersion();
  if (found === PNPM_VERSION) return;
  log(`installing pnpm ${PNPM_VERSION} (found: ${found ?? 'none'})`);
  // Pinned here rather than in package.json "packageManager" (see the README's toolchain notes).
  execFileSync('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (pnpmVersion() !== PNPM_VERSION)
    throw new Error(`pnpm ${PNPM_VERSION} is not on PATH after npm install -g`);
}

export function withBuildEnv(env = process.env) {
  const out = { ...env };
  // better-sqlite3 compiles against Node's headers; pnpm does not read npm's nodedir setting, so pass it on.
  if (!out.npm_config_nodedir && existsSync('/usr/include/node/node.h')) out.npm_config_nodedir = '/usr';
  return out;
}

export function pnpm(args, options = {}) {
  const r = spawnSync('pnpm', args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: withBuildEnv(options.env),
    ...options,
  });
  if (r.status !== 0) {
    if (options.allowFailure) return r.status ?? 1;
    throw new Error(`pnpm ${args.join(' ')} failed with exit code ${r.status}`);
  }
  return 0;
}

export function installDependencies() {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
}

export function bootstrap() {
  ensurePnpm();
  installDependencies();
}

export const extensionDir = join(repoRoot, 'extension', '.output', 'chrome-mv3');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bootstrap();
}
