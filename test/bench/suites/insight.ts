// Benchmark: the insight reports (RFM segments with k-means, churn risk) over the report
// benchmark's customers and order lines, against the same bare SUM … GROUP BY per customer.
import { writeWithVersion } from '@rapport/server/entities/save';
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { recomputeCustomerMetrics, refreshCustomerMetrics } from '@rapport/server/metrics/recompute';
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
      // The cost the insight fields add to the metrics recompute: every customer examined (as after a
      // window change), nothing written (the first recompute already wrote every row), with and
      // without customerInsightFields, alternated in the same run.
      const hlc = createServerHlc(app.clock);
      await refreshCustomerMetrics(store, { clock: app.clock, hlc }, ws.team.id);
      const recompute = (insight: boolean) =>
        writeWithVersion(store, ws.team.id, async (tx, version) => {
          const r = await recomputeCustomerMetrics(tx, { clock: app.clock, hlc }, ws.team.id, version, {
            windowChanged: true,
            insight,
          });
          if (r.examined !== nc || r.changed !== 0)
            throw new Error(
              `recompute examined ${r.examined} and changed ${r.changed}, expected ${nc} and 0`,
            );
          return { result: r, changed: false };
        });
      log(`insight: metrics recompute without and with insight on ${kind}`);
      const without = await time(`recompute without insight ${kind}`, () => recompute(false), slow);
      const withInsight = await time(`recompute with insight ${kind}`, () => recompute(true), slow);
      measurements.push(
        compared({
          suite: 'insight',
          store: kind,
          name: `metrics recompute with the insight fields, every customer examined (${data})`,
          via: 'recomputeCustomerMetrics(windowChanged) in writeWithVersion, nothing written',
          timing: withInsight,
          items: { count: nc, unit: 'customers' },
          baseline: {
            name: 'the same recompute without customerInsightFields (stored insight kept)',
            timing: without,
          },
        }),
      );
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
