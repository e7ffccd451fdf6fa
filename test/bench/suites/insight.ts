// Benchmark: the insight reports (RFM segments with k-means, churn risk) over the report
// benchmark's customers and order lines, against the same bare SUM … GROUP BY per customer.
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { loadCustomers, loadOrderLines } from '../data/order-lines.ts';
import { benchApp, expectStatus, newWorkspace, withStore } from '../lib/databases.ts';
import { compared, type Measurement, type SuiteResult } from '../lib/results.ts';
import { time } from '../lib/timing.ts';
import { count, type SuiteContext } from './context.ts';
import { SUM_BY_CUSTOMER } from './report.ts';

interface Page {
  total: number;
  items: unknown[];
}

export async function insightSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const measurements: Measurement[] = [];
  const { customers: nc, orderLines: nl } = scale;
  const data = `${count(nc)} customers / ${count(nl)} lines`;
  for (const kind of stores) {
    await withStore(kind, async (store) => {
      const app = benchApp(store);
      const ws = await newWorkspace(app, { tierWindow: { kind: 'all' } });
      const target = {
        store,
        teamId: ws.team.id,
        hlc: createServerHlc(app.clock),
        at: app.clock.now().toISOString(),
      };
      log(`insight: loading ${data} on ${kind}`);
      await loadOrderLines(target, await loadCustomers(target, nc), nl);
      const slow = { runs: scale.slowRuns };
      const baseline = {
        name: `SUM(revenue), SUM(profit) GROUP BY customer over ${count(nl)} lines`,
        timing: await time(`insight group by ${kind}`, () => store.db.all(SUM_BY_CUSTOMER, [ws.team.id]), {
          ...slow,
          warmupRuns: 1,
        }),
      };
      const get = async (path: string, expected: number) => {
        const res = await app.request<Page>('GET', `/api/v1/reports/${path}`, { token: ws.token });
        expectStatus(res, 200, path);
        if (res.body.total !== expected)
          throw new Error(`${path} listed ${res.body.total}, expected ${expected}`);
      };
      const cases = [
        ['segments, RFM + transitions + k-means (k 2–6 by silhouette), first page', 'segments?limit=100'],
        ['segments, RFM + transitions without clusters, first page', 'segments?limit=100&clusters=false'],
        ['churn, intervals + scores, follow-up order, first page', 'churn?limit=100'],
      ] as const;
      for (const [name, path] of cases) {
        log(`insight: ${path} on ${kind}`);
        const timing = await time(`insight ${path} ${kind}`, () => get(path, nc), slow);
        measurements.push(
          compared({
            suite: 'insight',
            store: kind,
            name: `${name} (${data})`,
            via: `GET /api/v1/reports/${path} (in-process app.request)`,
            timing,
            items: { count: nc, unit: 'customers' },
            baseline,
          }),
        );
      }
    });
  }
  return {
    measurements,
    notes: [
      `Insight: the report benchmark's data (${data}, bulk-loaded; all-time tier window). Segments: per-customer SQL totals, ` +
        'team quintiles, segment sizes and profit shares, k-means++ (seed 42) for k = 2…6 on z-scored recency, orders, profit ' +
        'and margin, fitted on at most 10,000 evenly spaced customers, the silhouette on a 1,500-point sample. Churn: distinct (customer, order day) rows from SQL, median ' +
        'gaps, tiers, CSAT and open tickets, the follow-up order. ' +
        `Baseline: \`${SUM_BY_CUSTOMER}\`.`,
    ],
  };
}
