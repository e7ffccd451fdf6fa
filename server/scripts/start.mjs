// `npm start`: set up a fresh checkout, build the extension and the dashboard, then run the server on
// embedded SQLite (or Postgres when DATABASE_URL is set). Ctrl+C stops it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap, extensionDir, log, pnpm, repoRoot, withBuildEnv } from './bootstrap.mjs';

bootstrap();

log('building the extension');
pnpm(['--filter', '@rapport/extension', 'build']);

const serverPkg = JSON.parse(readFileSync(join(repoRoot, 'server', 'package.json'), 'utf8'));
if (serverPkg.scripts?.['build:dashboard']) {
  log('building the dashboard');
  pnpm(['--filter', '@rapport/server', 'build:dashboard']);
}

const port = process.env.PORT ?? '8787';
process.stderr.write(
  `${[
    '',
    'Rapport is ready.',
    `  Extension: open chrome://extensions, turn on Developer mode, "Load unpacked" and pick`,
    `             ${extensionDir}`,
    `  Dashboard and API: http://localhost:${port}/  (API docs: http://localhost:${port}/api/v1/docs)`,
    '',
  ].join('\n')}\n`,
);

const server = spawn('pnpm', ['-s', 'rapport', 'serve'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: withBuildEnv(),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
