// Counts the database statements one push costs and times it, in-process, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-push.ts --store sqlite --mutations 2000 [--contacts]
// Statements are counted at the drivers (better-sqlite3 Statement calls, pg Client.query calls).
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { createTestStore, type StoreKind } from '@rapport/server/testing/test-store';
import { benchOutbox } from './data/mutations.ts';
import { benchApp, newWorkspace, preparePostgres } from './lib/databases.ts';
import { contactDocs } from './suites/peers.ts';
import { pushAll } from './suites/sync-client.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    mutations: { type: 'string', default: '1000' },
    // Only contact.upsert mutations (the peer benchmark's documents) instead of contacts + logged emails.
    contacts: { type: 'boolean', default: false },
  },
});
const kind = values.store as StoreKind;
const n = Number(values.mutations);

let statements = 0;
const serverRequire = createRequire(new URL('../../server/package.json', import.meta.url));
const counted = (proto: Record<string, unknown>, names: string[]) => {
  for (const name of names) {
    const original = proto[name] as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      statements += 1;
      return original.apply(this, args);
    };
  }
};
if (kind === 'sqlite') {
  const Database = serverRequire('better-sqlite3');
  const probe = new Database(':memory:');
  counted(Object.getPrototypeOf(probe.prepare('SELECT 1')), ['run', 'get', 'all', 'iterate']);
  counted(Object.getPrototypeOf(probe), ['exec']);
  probe.close();
} else {
  await preparePostgres();
  counted(serverRequire('pg').Client.prototype, ['query']);
}

const test = await createTestStore(kind);
try {
  const app = benchApp(test.store);
  const ws = await newWorkspace(app);
  const outbox = values.contacts
    ? contactDocs(n, ws.user.id).mutations
    : benchOutbox({ count: n, userId: ws.user.id });
  const before = statements;
  const t = performance.now();
  const cpu = process.cpuUsage();
  await pushAll(ws, outbox);
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  const used = statements - before;
  const requests = Math.ceil(n / 1000);
  process.stdout.write(
    `${kind}: ${n} mutations in ${requests} push(es): ${ms.toFixed(0)} ms wall, ${((user + system) / 1000).toFixed(0)} ms CPU of this process, ${used} statements ` +
      `(${(used / requests).toFixed(0)} per push, ${(used / n).toFixed(2)} per mutation)\n`,
  );
} finally {
  await test.destroy();
}
