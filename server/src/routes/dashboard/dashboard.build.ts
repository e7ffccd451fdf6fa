import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DASHBOARD_DIR } from './dashboard.files.ts';

const CONFIG = fileURLToPath(new URL('../../../dashboard/vite.config.ts', import.meta.url));

export type DashboardBuild = 'present' | 'built' | 'failed';

/**
 * Makes sure the dashboard is built before the server starts, so `/` never answers "dashboard not
 * built" on a fresh checkout: when `dir` has no index.html, Vite builds it there (a few seconds).
 * Vite is a dev dependency; when it is missing or the build fails, the server still starts and `/`
 * explains how to build.
 */
export async function ensureDashboardBuilt(
  dir: string = DEFAULT_DASHBOARD_DIR,
  say: (message: string) => void = () => {},
): Promise<DashboardBuild> {
  if (existsSync(join(dir, 'index.html'))) return 'present';
  say('The dashboard has not been built yet: building it now (a few seconds)…\n');
  try {
    const { build } = await import('vite');
    await build({
      configFile: CONFIG,
      logLevel: 'warn',
      build: { outDir: dir, emptyOutDir: true },
    });
  } catch (err) {
    say(`Could not build the dashboard (${(err as Error).message}); the API still runs.\n`);
    return 'failed';
  }
  return existsSync(join(dir, 'index.html')) ? 'built' : 'failed';
}
