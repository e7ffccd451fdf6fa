// What a push allocates per contact, garbage included: an in-process push of N new contacts (the
// peers benchmark's documents, 1,000 per request) under V8's sampling heap profiler, which here
// also keeps the samples of objects GC has already collected. Prints the total and the top
// allocating functions; --out writes the .heapprofile (Chrome DevTools opens it).
//   node --import tsx bench/profile-push-alloc.ts --contacts 4000 [--out /tmp/push.heapprofile]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { createTestStore } from '@rapport/server/testing/test-store';
import { benchApp, newWorkspace } from './lib/databases.ts';
import { contactDocs } from './suites/peers.ts';
import { pushAll } from './suites/sync-client.ts';

const { values } = parseArgs({
  options: { contacts: { type: 'string', default: '4000' }, out: { type: 'string' } },
});
const n = Number(values.contacts);

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const test = await createTestStore('sqlite');
try {
  const app = benchApp(test.store);
  // One untimed push first, so module loading and JIT warm-up are not counted.
  const warm = await newWorkspace(app);
  await pushAll(warm, contactDocs(1_000, warm.user.id).mutations);
  const ws = await newWorkspace(app);
  const outbox = contactDocs(n, ws.user.id).mutations;
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await pushAll(ws, outbox);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  if (values.out) writeFileSync(values.out, JSON.stringify(profile));
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (node: ProfileNode) => {
    const f = node.callFrame;
    const where = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(server|shared|node_modules)\//, '$1/')}`;
    bytes.set(where, (bytes.get(where) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head as ProfileNode);
  const kb = (b: number) => (b / n / 1024).toFixed(2);
  process.stdout.write(
    `${n} contacts: ${(total / 2 ** 20).toFixed(0)} MiB allocated, ${kb(total)} KiB per contact\n`,
  );
  for (const [where, b] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 20))
    process.stdout.write(`  ${kb(b).padStart(6)} KiB  ${where}\n`);
} finally {
  await test.destroy();
}
