// Benchmark 3: customer metrics and the customers report over many customers and order lines, against
// a raw SUM … GROUP BY over the same order_lines table.
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
import { CustomersQuery, type CustomersReport, customersReport } from '@rapport/server/reports/customers';
import type { Store } from '@rapport/server/store/store';
import { loadCustomers, loadOrderLines } from '../data/order-lines.ts';
import {
  benchApp,
  expectStatus,
  hasRouter,
  newWorkspace,
  type Workspace,
  withStore,
} from '../lib/databases.ts';
import { compared, type Measurement, type SuiteResult } from '../lib/results.ts';
import { type Timing, time } from '../lib/timing.ts';
import { count, type SuiteContext } from './context.ts';

/** The baseline every report figure is compared with: revenue and profit per customer, straight from SQL. */
export const SUM_BY_CUSTOMER =
  'SELECT customer_id, SUM(revenue) AS revenue, SUM(profit) AS profit FROM order_lines WHERE team_id = ? GROUP BY customer_id';

/** GET /api/v1/reports/customers when the router is mounted, else the report function its handler calls. */
export function customersReportCaller(ws: Workspace): {
  via: string;
  get: (query: Record<string, string>) => Promise<CustomersReport>;
} {
  if (hasRouter('/reports')) {
    return {
      via: 'GET /api/v1/reports/customers (in-process app.request)',
      get: async (query) => {
        const res = await ws.app.request<CustomersReport>(
          'GET',
          `/api/v1/reports/customers?${new URLSearchParams(query)}`,
          { token: ws.token },
        );
        expectStatus(res, 200, 'customers report');
        return res.body;
      },
    };
  }
  return {
    via: 'customersReport() from server/src/reports/customers.ts (its route was not mounted yet)',
    get: (query) => customersReport(ws.app.store, ws.app.clock, ws.team.id, CustomersQuery.parse(query)),
  };
}

async function sumByCustomer(store: Store, teamId: string, customers: number): Promise<void> {
  const rows = await store.db.all(SUM_BY_CUSTOMER, [teamId]);
  if (rows.length !== customers)
    throw new Error(`GROUP BY returned ${rows.length} customers, expected ${customers}`);
}

export async function reportSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const measurements: Measurement[] = [];
  const { customers: nc, orderLines: nl } = scale;
  const data = `${count(nc)} customers / ${count(nl)} lines`;
  let via = '';
  for (const kind of stores) {
    await withStore(kind, async (store) => {
      const app = benchApp(store);
      // All-time tier window: the metrics, the report and the baseline all cover every line.
      const ws = await newWorkspace(app, { tierWindow: { kind: 'all' } });
      const hlc = createServerHlc(app.clock);
      const target = { store, teamId: ws.team.id, hlc, at: app.clock.now().toISOString() };
      log(`report: loading ${data} on ${kind}`);
      let t = performance.now();
      const ids = await loadCustomers(target, nc);
      const customersMs = performance.now() - t;
      t = performance.now();
      await loadOrderLines(target, ids, nl);
      const linesMs = performance.now() - t;
      log(
        `report: loaded customers in ${(customersMs / 1000).toFixed(1)} s, lines in ${(linesMs / 1000).toFixed(1)} s`,
      );
      const once = (ms: number): Timing => ({ median: ms, mean: ms, min: ms, max: ms, runs: 1 });
      measurements.push(
        {
          suite: 'report',
          store: kind,
          name: `load ${count(nc)} customers (rows.put)`,
          via: 'store.rows.put() in writeWithVersion, 5,000 per transaction',
          timing: once(customersMs),
          items: { count: nc, unit: 'customers' },
        },
        {
          suite: 'report',
          store: kind,
          name: `load ${count(nl)} order lines (${kind === 'sqlite' ? 'orderLines.upsert' : 'INSERT … unnest'})`,
          via: `${kind === 'sqlite' ? 'store.orderLines.upsert()' : 'INSERT … SELECT FROM unnest(column arrays)'}, 20,000 per transaction`,
          timing: once(linesMs),
          items: { count: nl, unit: 'lines' },
        },
      );

      // Seconds-long calls need no warm-up run; the baseline, the shortest, gets one.
      const slow = { runs: scale.slowRuns };
      log(`report: baseline SUM … GROUP BY on ${kind}`);
      const baseline = {
        name: `SUM(revenue), SUM(profit) GROUP BY customer over ${count(nl)} lines`,
        timing: await time(`group by ${kind}`, () => sumByCustomer(store, ws.team.id, nc), {
          ...slow,
          warmupRuns: 1,
        }),
      };

      const deps = { clock: app.clock, hlc };
      log(`report: first metrics recompute on ${kind}`);
      let changed = 0;
      const first = await time(`recompute ${kind}`, async () => {
        changed = (await refreshCustomerMetrics(store, deps, ws.team.id)).changed;
      });
      if (changed !== nc) throw new Error(`the first recompute changed ${changed} customers, expected ${nc}`);
      log(`report: unchanged metrics recompute on ${kind}`);
      const again = await time(
        `recompute again ${kind}`,
        async () => {
          changed = (await refreshCustomerMetrics(store, deps, ws.team.id)).changed;
        },
        // One run: it takes tens of seconds at full scale (the daily timer runs it once a day).
        { runs: 1 },
      );
      if (changed !== 0) throw new Error(`a recompute without new lines changed ${changed} customers`);

      const report = customersReportCaller(ws);
      via = report.via;
      log(`report: customers report on ${kind}`);
      const firstPage = await time(
        `report first page ${kind}`,
        async () => {
          const r = await report.get({ sort: 'profit', order: 'desc', limit: '100' });
          if (r.total !== nc || r.items.length !== Math.min(100, nc))
            throw new Error(`report listed ${r.total} customers, expected ${nc}`);
        },
        slow,
      );
      const fullSort = await time(
        `report full ${kind}`,
        async () => {
          const r = await report.get({ sort: 'name', order: 'asc', limit: String(nc) });
          if (r.items.length !== nc)
            throw new Error(`full report returned ${r.items.length} rows, expected ${nc}`);
        },
        slow,
      );
      measurements.push(
        compared({
          suite: 'report',
          store: kind,
          name: `metrics recompute, first (${data}, all changed)`,
          via: 'refreshCustomerMetrics()',
          timing: first,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: 'metrics recompute, nothing changed',
          via: 'refreshCustomerMetrics()',
          timing: again,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: 'customers report, first page (100 by profit)',
          via,
          timing: firstPage,
          baseline,
        }),
        compared({
          suite: 'report',
          store: kind,
          name: `customers report, all ${count(nc)} sorted by name`,
          via,
          timing: fullSort,
          items: { count: nc, unit: 'customers' },
          baseline,
        }),
      );
    });
  }
  return {
    measurements,
    notes: [
      `Report: ${data}, bulk-loaded (not imported): customers as materialised sync rows via rows.put() (saveRows minus the identities table), ` +
        "lines via orderLines.upsert() on SQLite and INSERT … SELECT FROM unnest(…) on Postgres, where the repository's 1,000-row upserts took 173 s for 1M lines " +
        "(the generator's products, dates and exact amounts; whole orders dealt round-robin to the customers). " +
        "The team's tier window is all time, so metrics, report and baseline cover every line. " +
        'The first recompute writes a metrics row for every customer; the second finds nothing changed. ' +
        `The report was reached through ${via || 'the customers report'}; it also counts distinct orders, ranks tiers and formats exact money. ` +
        `Baseline: \`${SUM_BY_CUSTOMER}\`.`,
    ],
  };
}
