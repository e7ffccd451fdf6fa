// Times (and, under node --cpu-prof, profiles) the write step of an import into a large team: new lines
// for existing customers, the rollups, and the metrics with tiers re-ranked, in one transaction —
// against the bare INSERT of the same lines. In-process, the report benchmark's data:
//   node --import tsx bench/profile-import.ts --store sqlite --customers 5000 --lines 50000 [--profile FILE.cpuprofile]
// With --profile, only the import rounds are profiled (not the loading).
import { writeWithVersion } from '@rapport/server/entities/save';
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { recomputeCustomerMetrics, refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
import { insertMany } from '@rapport/server/store/driver';
import {
  ORDER_LINE_COLUMNS,
  type OrderLineRecord,
  orderLineValues,
} from '@rapport/server/store/repos/order-lines';
import { newId } from '@rapport/shared/ids';
import { loadCustomers, loadOrderLines, orderLineBatches } from './data/order-lines.ts';
import { benchApp, newWorkspace, withStore } from './lib/databases.ts';
import { profileArgs, startCpuProfile } from './lib/profile.ts';

const values = profileArgs();
const nc = values.customers;
const nl = values.lines;
const more = Math.min(10_000, Math.round(nl / 10));

await withStore(values.store, async (store) => {
  const app = benchApp(store);
  const ws = await newWorkspace(app, { tierWindow: { kind: 'all' } });
  const bare = await newWorkspace(app, {});
  const hlc = createServerHlc(app.clock);
  const target = { store, teamId: ws.team.id, hlc, at: app.clock.now().toISOString() };
  const ids = await loadCustomers(target, nc);
  await loadOrderLines(target, ids, nl, async () => {});
  const deps = { clock: app.clock, hlc };
  await refreshCustomerMetrics(store, deps, ws.team.id);
  const batch = (seed: number, prefix: string): OrderLineRecord[] => {
    const [lines] = orderLineBatches(ids, more, app.clock.now().toISOString(), {
      seed,
      keyPrefix: prefix,
      batch: more,
    });
    return lines as OrderLineRecord[];
  };
  const stopProfile = await startCpuProfile(values.profile);
  for (let r = 1; r <= values.rounds; r++) {
    const lines = batch(100 + r, `N${r}-`);
    let t = performance.now();
    const cpu = process.cpuUsage();
    let examined = 0;
    let changed = 0;
    await writeWithVersion(store, ws.team.id, async (tx, version) => {
      await tx.orderLines.upsert(ws.team.id, lines);
      const result = await recomputeCustomerMetrics(tx, deps, ws.team.id, version);
      examined = result.examined;
      changed = result.changed;
      return { result: undefined, changed: true };
    });
    const rapport = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const rapportCpu = (used.user + used.system) / 1000;
    const rows = batch(200 + r, `B${r}-`).map((l) => orderLineValues(bare.team.id, { ...l, id: newId() }));
    t = performance.now();
    const bareCpu0 = process.cpuUsage();
    await store.transaction((tx) => insertMany(tx.db, 'order_lines', ORDER_LINE_COLUMNS, rows));
    const baseline = performance.now() - t;
    const bareUsed = process.cpuUsage(bareCpu0);
    const bareCpu = (bareUsed.user + bareUsed.system) / 1000;
    process.stdout.write(
      `${values.store}: import ${more} lines into ${nl}: ${rapport.toFixed(0)} ms (examined ${examined}, changed ${changed}); bare insert ${baseline.toFixed(0)} ms; ${(rapport / baseline).toFixed(2)}×; CPU ${rapportCpu.toFixed(0)} ms vs ${bareCpu.toFixed(0)} ms (${(rapportCpu / bareCpu).toFixed(2)}×)\n`,
    );
  }
  await stopProfile();
});
