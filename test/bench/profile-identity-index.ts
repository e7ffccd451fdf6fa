// What the (team_id, kind, value) index of `identities` cost each identity write, measured by
// toggling it on one database (issue #10, push eighth round; migration 016 dropped it). Each rep
// claims 2 values (email, phone) for each of N contacts of a new team through identities.applyChanges
// (the push's write), then releases half of them, with and without the index in alternation:
//   node --import tsx bench/profile-identity-index.ts --store sqlite --contacts 2000 --reps 10
import { parseArgs } from 'node:util';
import type { IdentityHolder } from '@rapport/server/store/repos/identities';
import { createTestStore, type StoreKind } from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    contacts: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '10' },
  },
});
const n = Number(values.contacts);
const reps = Number(values.reps);
const test = await createTestStore(values.store as StoreKind);
const { store } = test;

const holders = (n: number): IdentityHolder[] =>
  Array.from({ length: n }, (_, i) => {
    const id = newId();
    return [
      { entity: 'contact', kind: 'email', value: `p${i}.${id}@example.com`, id },
      { entity: 'contact', kind: 'phone', value: `+1555${String(i).padStart(7, '0')}`, id },
    ];
  }).flat();
const team = async () =>
  (await store.teams.create({ id: newId(), name: 'T', settings: {}, at: '2026-03-01T00:00:00.000Z' })).id;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const times = {
  with: { add: [] as number[], remove: [] as number[] },
  without: { add: [] as number[], remove: [] as number[] },
};
try {
  // Other teams' values first, as a shared database holds.
  for (let t = 0; t < 4; t++)
    await store.identities.applyChanges(await team(), { remove: [], add: holders(n) });
  for (let r = 0; r < reps * 2; r++) {
    const side = r % 2 === 0 ? 'with' : 'without';
    if (side === 'with')
      await store.db.exec('CREATE INDEX identities_value ON identities (team_id, kind, value)');
    else await store.db.exec('DROP INDEX identities_value');
    const teamId = await team();
    const add = holders(n);
    let t = performance.now();
    await store.transaction((tx) => tx.identities.applyChanges(teamId, { remove: [], add }));
    times[side].add.push(performance.now() - t);
    t = performance.now();
    await store.transaction((tx) =>
      tx.identities.applyChanges(teamId, { remove: add.filter((_, i) => i % 2 === 0), add: [] }),
    );
    times[side].remove.push(performance.now() - t);
  }
  const us = (ms: number, rows: number) => `${((ms * 1000) / rows).toFixed(1)} µs/value`;
  for (const side of ['with', 'without'] as const)
    process.stdout.write(
      `${values.store} ${side} identities_value: claim ${2 * n} values median ${median(times[side].add).toFixed(1)} ms ` +
        `(${us(median(times[side].add), 2 * n)}), release ${n} median ${median(times[side].remove).toFixed(1)} ms ` +
        `(${us(median(times[side].remove), n)}); claims ${times[side].add.map((x) => x.toFixed(0)).join(', ')} ms\n`,
    );
} finally {
  await test.destroy();
}
