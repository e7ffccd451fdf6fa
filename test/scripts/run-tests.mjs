// `npm test`: prepare a fresh machine (pnpm, dependencies, Chromium, Postgres, fonts), then run every
// check: lint, typecheck, extension builds (Chromium and Firefox), and each package's vitest suite.
// Ends with one "N passed, N failed" line summed over all suites.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, log, pnpm, repoRoot } from '../../server/scripts/bootstrap.mjs';
import { setupSystem } from './setup-system.mjs';

const started = Date.now();
bootstrap();
const env = { ...process.env, ...setupSystem() };
log(`Postgres for tests: ${env.RAPPORT_TEST_PG_URL}; Chromium: ${env.RAPPORT_CHROMIUM}`);

const failures = [];
function step(name, args) {
  log(`── ${name}`);
  const t = Date.now();
  const code = pnpm(args, { env, allowFailure: true });
  log(
    `── ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failures.push(name);
}

step('lint', ['exec', 'biome', 'ci', '.']);
step('typecheck', ['typecheck']);
step('extension build (chrome-mv3)', ['--filter', '@rapport/extension', 'build']);
step('extension build (firefox-mv2, must compile)', ['--filter', '@rapport/extension', 'build:firefox']);

const resultsDir = join(repoRoot, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
// The cross-package suites (sync simulations, end-to-end in Chromium) run last, on the built extension.
for (const pkg of ['shared', 'server', 'extension', 'test']) {
  const out = join(resultsDir, `${pkg}.json`);
  step(`tests: ${pkg}`, [
    '--filter',
    `@rapport/${pkg}`,
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  try {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) failures.push(`tests: ${pkg} ran no test`);
  } catch {
    failures.push(`tests: ${pkg} wrote no results`);
  }
}

log(`finished in ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (failures.length > 0) log(`failed steps: ${failures.join('; ')}`);
if (skipped > 0) failures.push(`${skipped} skipped tests`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
