// Times (and, under --profile, profiles) a plain order import as `rapport import orders FILE` runs it:
// a generated Superstore CSV of --lines lines into a new team per round, wall and CPU time. With
// --compare, each round also runs the bench's bare peer (papaparse + one-transaction INSERT of the
// same lines) and prints both ratios: CPU time varies less than wall time on a busy box.
//   node --import tsx bench/profile-order-import.ts --store sqlite --lines 10000 [--rounds 3] [--compare] [--profile FILE.cpuprofile]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { OrderImportOptions } from '@rapport/server/imports/order-columns';
import { importOrders } from '@rapport/server/imports/orders';
import { fileSource } from '@rapport/server/imports/source';
import { superstoreCsv } from '../generators/superstore.ts';
import { benchApp, newWorkspace, withStore } from './lib/databases.ts';
import { profileArgs, startCpuProfile } from './lib/profile.ts';
import { bareImport } from './suites/imports.ts';

const values = profileArgs();
const dir = mkdtempSync(join(tmpdir(), 'rapport-import-'));
const path = join(dir, 'orders.csv');
writeFileSync(path, superstoreCsv({ rows: values.lines, seed: 7 }));
try {
  await withStore(values.store, async (store) => {
    const app = benchApp(store);
    const deps = { store, clock: app.clock, hlc: createServerHlc(app.clock) };
    const options = OrderImportOptions.parse({});
    const stopProfile = await startCpuProfile(values.profile);
    for (let r = 1; r <= values.rounds; r++) {
      const ws = await newWorkspace(app);
      const t = performance.now();
      const cpu = process.cpuUsage();
      const summary = await importOrders(deps, ws.team.id, fileSource(path), options);
      const wall = performance.now() - t;
      const used = process.cpuUsage(cpu);
      if (summary.lines.new !== values.lines) throw new Error(`imported ${summary.lines.new} lines`);
      const cpuMs = (used.user + used.system) / 1000;
      let peer = '';
      if (values.compare) {
        const other = await newWorkspace(app);
        const t2 = performance.now();
        const cpu2 = process.cpuUsage();
        const inserted = await bareImport(store, other.team.id, path);
        const peerWall = performance.now() - t2;
        const used2 = process.cpuUsage(cpu2);
        const peerCpu = (used2.user + used2.system) / 1000;
        if (inserted !== values.lines) throw new Error(`bare import inserted ${inserted} lines`);
        peer = `; bare ${peerWall.toFixed(0)} ms, CPU ${peerCpu.toFixed(0)} ms; ratio ${(wall / peerWall).toFixed(2)}× wall, ${(cpuMs / peerCpu).toFixed(2)}× CPU`;
      }
      process.stdout.write(
        `${values.store}: import ${values.lines} lines: ${wall.toFixed(0)} ms, CPU ${cpuMs.toFixed(0)} ms${peer}\n`,
      );
    }
    await stopProfile();
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
