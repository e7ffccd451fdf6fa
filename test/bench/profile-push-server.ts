// Profiles the server side of the peers benchmark's push: `rapport serve` as a child process (as in
// suites/peers.ts), a first sync of N new contacts over HTTP, 1,000 mutations per POST, `runs` times
// (new team each run). With --prof-dir the server runs under `node --cpu-prof`:
//   node --import tsx bench/profile-push-server.ts --store sqlite --contacts 2000 --runs 5 [--prof-dir /tmp/prof]
import { parseArgs } from 'node:util';
import { createTestDatabase, type StoreKind } from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';
import type { PushResponse } from '@rapport/shared/sync/protocol';
import { type Rep, seedReps } from '../faults/accounts.ts';
import { startServerProcess } from '../faults/server-process.ts';
import { pushBatches } from './data/mutations.ts';
import { reportServerFailure } from './lib/profile.ts';
import { contactDocs } from './suites/peers.ts';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    contacts: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
    'prof-dir': { type: 'string' },
  },
});
const store = values.store as StoreKind;
const n = Number(values.contacts);
const runs = Number(values.runs);

const db = await createTestDatabase(store);
const reps = (await seedReps(db.env, runs + 1, 1)).map((t) => t[0] as Rep);
const profDir = values['prof-dir'];
const server = await startServerProcess(db.env, {
  nodeArgs: profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
});

async function push(rep: Rep, count: number): Promise<number> {
  const { mutations } = contactDocs(count, rep.user.id);
  const t = performance.now();
  for (const body of pushBatches(newId(), mutations)) {
    const res = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const out = (await res.json()) as PushResponse;
    const refused = out.results.find((r) => r.status !== 'applied');
    if (res.status !== 200 || refused)
      throw new Error(`push failed: ${res.status} ${JSON.stringify(refused)}`);
  }
  return performance.now() - t;
}

try {
  await push(reps[0] as Rep, 200);
  const cpu0 = server.cpuSeconds();
  const times: number[] = [];
  for (let r = 1; r <= runs; r++) times.push(await push(reps[r] as Rep, n));
  const cpu = (server.cpuSeconds() ?? 0) - (cpu0 ?? 0);
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${store}: push ${n} contacts ×${runs}: median ${times[Math.floor(runs / 2)]?.toFixed(0)} ms wall ` +
      `(${times.map((t) => t.toFixed(0)).join(', ')}), server CPU ${((cpu * 1e6) / (n * runs)).toFixed(0)} µs/contact\n`,
  );
} catch (err) {
  reportServerFailure(err, server);
} finally {
  await server.stop();
  await db.destroy();
}
