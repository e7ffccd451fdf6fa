// Times (and with --profile, profiles) the customers report's first page, all time and over a trailing
// 365 days, in-process on the report benchmark's data, beside DuckDB's GROUP BY over the same lines:
//   node --import tsx bench/profile-report.ts --store sqlite [--customers 5000 --lines 50000 --rounds 3] [--profile FILE.cpuprofile] [--compare]
// It also times the team's window sorted by name and a search; RAPPORT_EXPLAIN=1 prints the plans
// (EXPLAIN ANALYZE on Postgres, EXPLAIN QUERY PLAN on SQLite) of the directory's page statements and
// of the explicit trailing window's first page.
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
import { CustomersQuery, customersReport } from '@rapport/server/reports/customers';
import type { Db } from '@rapport/server/store/driver';
import { customerDirectoryRepo } from '@rapport/server/store/repos/customer-directory';
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
    const byName = await timed(() =>
      customersReport(store, app.clock, ws.team.id, CustomersQuery.parse({ sort: 'name', order: 'asc' })),
    );
    const search = await timed(() =>
      customersReport(store, app.clock, ws.team.id, CustomersQuery.parse({ search: 'Wood' })),
    );
    process.stdout.write(
      `${values.store}: by name ${byName.toFixed(1)} ms; search ${search.toFixed(1)} ms\n`,
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
  if (process.env.RAPPORT_EXPLAIN === '1') {
    // The directory's page statements (by name; a search), explained as they run.
    const db = store.db;
    const explaining: Db = {
      dialect: db.dialect,
      inTransaction: db.inTransaction,
      get: async (sql, params) => (await explaining.all(sql, params))[0] as never,
      run: (sql, params) => db.run(sql, params),
      exec: (sql) => db.exec(sql),
      async all(sql, params) {
        if (sql.includes('FROM customer_directory d') || sql.includes('WITH t AS MATERIALIZED')) {
          const how = db.dialect === 'postgres' ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN';
          const plan = await db.all<Record<string, unknown>>(`${how} ${sql}`, params);
          process.stdout.write(`${sql}\n${plan.map((r) => Object.values(r).join(' ')).join('\n')}\n\n`);
        }
        return db.all(sql, params);
      },
    };
    const repo = customerDirectoryRepo(explaining);
    const base = {
      fromMetrics: true,
      window: { from: null, to: null },
      thresholds: { a: 70, b: 90 },
      order: 'asc' as const,
      limit: 100,
      offset: 0,
    };
    await repo.page(ws.team.id, { ...base, sort: 'name' });
    await repo.page(ws.team.id, { ...base, sort: 'profit', search: 'Wood' });
    // The explicit trailing window's first page (the window's sums, its cut and prefix).
    await repo.page(ws.team.id, {
      ...base,
      fromMetrics: false,
      window: trailing,
      sort: 'profit',
      order: 'desc',
    });
  }
  duck.close();
});
