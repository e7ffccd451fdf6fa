// Times (and with --profile, profiles) the customers report's first page, all time and over a trailing
// 365 days, in-process on the report benchmark's data, beside DuckDB's GROUP BY over the same lines:
//   node --import tsx bench/profile-report.ts --store sqlite [--customers 5000 --lines 50000 --rounds 3] [--profile FILE.cpuprofile] [--compare]
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
import { CustomersQuery, customersReport } from '@rapport/server/reports/customers';
import { addDays } from '@rapport/shared/domain/dates';
import { loadCustomers, loadOrderLines } from './data/order-lines.ts';
import { benchApp, newWorkspace, withStore } from './lib/databases.ts';
import { openDuckPeer } from './lib/duckdb-peer.ts';
import { profileArgs, startCpuProfile } from './lib/profile.ts';

const values = profileArgs();

await withStore(values.store, async (store) => {
  const app = benchApp(store);
  const ws = await newWorkspace(app, { tierWindow: { kind: 'all' } });
  const hlc = createServerHlc(app.clock);
  const target = { store, teamId: ws.team.id, hlc, at: app.clock.now().toISOString() };
  const ids = await loadCustomers(target, values.customers);
  const duck = await openDuckPeer();
  const loadStart = performance.now();
  await loadOrderLines(target, ids, values.lines, (lines) => duck.append(lines));
  const loadMs = performance.now() - loadStart;
  await refreshCustomerMetrics(store, { clock: app.clock, hlc }, ws.team.id);
  process.stdout.write(`${values.store}: loaded ${values.lines} lines in ${loadMs.toFixed(0)} ms\n`);
  const newest = (await store.orderLines.newestDate(ws.team.id)) as string;
  const trailing = { from: addDays(newest, -364), to: addDays(newest, 1) };
  const stopProfile = await startCpuProfile(values.profile);
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  for (let r = 1; r <= values.rounds; r++) {
    const all = await timed(() =>
      customersReport(store, app.clock, ws.team.id, CustomersQuery.parse({ allTime: 'true' })),
    );
    const duckAll = await timed(() => duck.groupBy(null));
    const win = await timed(() =>
      customersReport(
        store,
        app.clock,
        ws.team.id,
        CustomersQuery.parse({ from: trailing.from, to: trailing.to }),
      ),
    );
    const duckWin = await timed(() => duck.groupBy(trailing));
    // The team's own window (all time here, from the stored metrics when fresh) and the rollup path.
    const team = await timed(() => customersReport(store, app.clock, ws.team.id, CustomersQuery.parse({})));
    const rollups = await timed(() =>
      customersReport(store, app.clock, ws.team.id, CustomersQuery.parse({}), { metrics: false }),
    );
    let before = '';
    if (values.compare) {
      const perCustomer = (q: Record<string, string>) =>
        timed(() => customersReport(store, app.clock, ws.team.id, CustomersQuery.parse(q), { inSql: false }));
      const allBefore = await perCustomer({ allTime: 'true' });
      const winBefore = await perCustomer({ from: trailing.from, to: trailing.to });
      before = ` (per-customer path: all time ${allBefore.toFixed(0)} ms, trailing ${winBefore.toFixed(0)} ms)`;
    }
    process.stdout.write(
      `${values.store}: all time ${all.toFixed(0)} ms vs DuckDB ${duckAll.toFixed(0)} ms; trailing ${win.toFixed(0)} ms vs DuckDB ${duckWin.toFixed(0)} ms; team window ${team.toFixed(1)} ms (rollups ${rollups.toFixed(1)} ms)${before}\n`,
    );
  }
  await stopProfile();
  duck.close();
});
