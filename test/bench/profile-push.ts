// Counts the database statements one push costs and times it, in-process, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-push.ts --store sqlite --mutations 2000 [--contacts]
// Statements are counted at the drivers (better-sqlite3 Statement calls, pg Client.query calls).
import { parseArgs } from 'node:util';
import { countDriverStatements } from '@rapport/server/testing/driver-statements';
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

if (kind === 'postgres') await preparePostgres();
const statements = countDriverStatements(kind);

const test = await createTestStore(kind);
try {
  const app = benchApp(test.store);
  const ws = await newWorkspace(app);
  const outbox = values.contacts
    ? contactDocs(n, ws.user.id).mutations
    : benchOutbox({ count: n, userId: ws.user.id });
  const before = statements.count();
  const t = performance.now();
  const cpu = process.cpuUsage();
  await pushAll(ws, outbox);
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  const used = statements.count() - before;
  const requests = Math.ceil(n / 1000);
  process.stdout.write(
    `${kind}: ${n} mutations in ${requests} push(es): ${ms.toFixed(0)} ms wall, ${((user + system) / 1000).toFixed(0)} ms CPU of this process, ${used} statements ` +
      `(${(used / requests).toFixed(0)} per push, ${(used / n).toFixed(2)} per mutation)\n`,
  );
} finally {
  await test.destroy();
}
