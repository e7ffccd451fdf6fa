// Builds the server and CLI ahead of time: an ES module bundle, server/dist/cli/rapport.mjs (esbuild),
// so `pnpm -s rapport …` starts plain Node instead of compiling TypeScript on every call. npm
// packages stay external (node_modules as installed); the workspace's own TypeScript (server/src,
// shared/src) is bundled. Each module keeps its own import.meta.url, so paths such as the data and
// dashboard directories resolve exactly as from source. Rebuilt when any source file is newer.
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(serverDir, '..');
const CLI_DIR = join(serverDir, 'dist', 'cli');
export const CLI_BUNDLE = join(CLI_DIR, 'rapport.mjs');

const SOURCES = [join(serverDir, 'src'), join(repoRoot, 'shared', 'src')];
const MANIFESTS = [join(serverDir, 'package.json'), join(repoRoot, 'shared', 'package.json')];

function newestSourceMs() {
  let newest = 0;
  for (const file of MANIFESTS) newest = Math.max(newest, statSync(file).mtimeMs);
  for (const dir of SOURCES) {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|json)$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name))
        continue;
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** True when the bundle is missing or older than a source file. */
export function cliStale() {
  let built;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch {
    return true;
  }
  return built < newestSourceMs();
}

/**
 * Bundles src/cli/main.ts to dist/cli/rapport.mjs, with what is loaded on demand (the HTTP server's
 * modules) in chunks beside it; built in a temp directory, then moved into place.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  const tmp = `${CLI_DIR}.${process.pid}.tmp`;
  const pkg = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8'));
  const serverPackages = new Set(
    Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !n.startsWith('@rapport/')),
  );
  await build({
    entryPoints: [join(serverDir, 'src', 'cli', 'main.ts')],
    outdir: tmp,
    entryNames: 'rapport',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'rapport',
        setup(b) {
          // The server's own npm packages load from its node_modules at run time; the workspace's
          // sources and what only shared/ depends on (not resolvable from server/) are bundled.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.startsWith('@')
              ? args.path.split('/').slice(0, 2).join('/')
              : args.path.split('/')[0];
            const external =
              args.path.startsWith('node:') || builtinModules.includes(name) || serverPackages.has(name);
            return external ? { path: args.path, external: true } : undefined;
          });
          // Each module's import.meta.url stays the URL of its source file.
          b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            return {
              contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: args.path.endsWith('x') ? 'tsx' : 'ts',
            };
          });
        },
      },
    ],
  });
  rmSync(CLI_DIR, { recursive: true, force: true });
  try {
    renameSync(tmp, CLI_DIR);
  } catch (error) {
    // Another process moved its build into place first: use that one.
    rmSync(tmp, { recursive: true, force: true });
    if (cliStale()) throw error;
  }
  return CLI_BUNDLE;
}

/** Builds the bundle when it is stale; returns its path. */
export async function ensureCliBuilt() {
  if (cliStale()) await buildCli();
  return CLI_BUNDLE;
}
