// Times (and, under --profile, profiles) a plain order import as `rapport import orders FILE` runs it:
// a generated Superstore CSV of --lines lines into a new team per round, wall and CPU time.
//   node --import tsx bench/profile-order-import.ts --store sqlite --lines 10000 [--rounds 3] [--profile FILE.cpuprofile]
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
      process.stdout.write(
        `${values.store}: import ${values.lines} lines: ${wall.toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms\n`,
      );
    }
    await stopProfile();
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
