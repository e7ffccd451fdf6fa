// Installs and starts what the test suite needs beyond Node: Chromium (end-to-end), a local Postgres
// server (the store contract suite runs on both databases) and CJK fonts (zh-CN screenshots).
// Uses Debian's packages via apt-get when running as root; otherwise says what is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const log = (m) => process.stderr.write(`[rapport] ${m}\n`);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', ...opts });

export const chromiumPath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

function postgresVersions() {
  if (!existsSync('/usr/lib/postgresql')) return [];
  return readdirSync('/usr/lib/postgresql').filter((v) =>
    existsSync(`/usr/lib/postgresql/${v}/bin/postgres`),
  );
}

function missingPackages() {
  const missing = [];
  if (!['/usr/lib/chromium/chromium', '/usr/bin/chromium'].some((p) => existsSync(p)))
    missing.push('chromium');
  if (postgresVersions().length === 0) missing.push('postgresql');
  if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
  return missing;
}

function installPackages(pkgs) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error(
      `missing system packages: ${pkgs.join(' ')}. Install them with: sudo apt-get install -y ${pkgs.join(' ')}`,
    );
  }
  log(`apt-get install ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
}

/** Starts the local cluster if needed and returns an admin URL tests create their databases from. */
function startPostgres() {
  if (process.env.RAPPORT_TEST_PG_URL) return process.env.RAPPORT_TEST_PG_URL;
  const version = postgresVersions().sort((a, b) => Number(b) - Number(a))[0];
  const clusters = spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).stdout ?? '';
  if (!clusters.includes(`${version} main`)) run('pg_createcluster', [version, 'main']);
  if (!/\bonline\b/.test(spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).stdout ?? '')) {
    log(`starting Postgres ${version}`);
    run('pg_ctlcluster', [version, 'main', 'start']);
  }
  const port = (spawnSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .find((l) => l.startsWith(`${version} main`))
    ?.split(/\s+/)[2];
  run('su', ['postgres', '-c', `psql -q -p ${port} -c "ALTER USER postgres PASSWORD 'postgres'"`]);
  return `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

export function setupSystem() {
  const missing = missingPackages();
  if (missing.length > 0) installPackages(missing);
  const pgUrl = startPostgres();
  const chromium = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
  return { RAPPORT_TEST_PG_URL: pgUrl, RAPPORT_CHROMIUM: chromium };
}
