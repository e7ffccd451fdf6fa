import { createTestApp, seedTeam } from '@rapport/server/testing/test-app';
import { createTestStore, type TestStore } from '@rapport/server/testing/test-store';
import { forecastProfit } from '@rapport/shared/domain/forecast';
import { parseMoney } from '@rapport/shared/money';
import { afterAll, describe, expect, it } from 'vitest';
import { superstoreCsv } from '../generators/superstore.ts';

// Stability of the insight on the project's generated retail data (10,000 lines, the generator's
// default seed), imported through the real server into two fresh SQLite stores:
//  - segments: the same data gives the same RFM segment sizes and the same k-means clusters (k, sizes
//    and centroids identical, not merely close: the k-means is seeded);
//  - forecast: the team's profit forecast, fitted with the last 3 months held out, lands within the
//    backtest error it reports (MAE of the chosen method) on that held-out tail.

const stores: TestStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.destroy();
});

async function run() {
  const store = await createTestStore('sqlite');
  stores.push(store);
  const t = createTestApp(store.store);
  const team = await seedTeam(store.store);
  const lead = await t.member(team, 'lead');
  const imported = await t.request('POST', '/api/v1/imports/orders', {
    token: lead.token,
    body: superstoreCsv({ rows: 10_000 }).toString('utf8'),
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(200);
  const segments = await t.request('GET', '/api/v1/reports/segments?allTime=true&limit=1', {
    token: lead.token,
  });
  expect(segments.status).toBe(200);
  const forecast = await t.request('GET', '/api/v1/reports/forecast?months=36&horizon=3', {
    token: lead.token,
  });
  expect(forecast.status).toBe(200);
  return { segments: segments.body, forecast: forecast.body };
}

describe('insight stability on the generated 10k-line retail data', () => {
  it('same seed, same segments and clusters; the forecast stays within its reported backtest error', async () => {
    const a = await run();
    const b = await run();

    // Segments: sizes and profit per segment, the clusters (k, silhouette, sizes, centroids) identical.
    const shape = (r: typeof a) => ({
      segments: r.segments.segments,
      totals: r.segments.totals,
      clusters: r.segments.clusters,
    });
    expect(a.segments.clusters).not.toBeNull();
    expect(a.segments.totals.customers).toBeGreaterThan(500);
    expect(shape(b)).toEqual(shape(a));
    const sizes = a.segments.clusters.groups.map((g: { customers: number }) => g.customers);
    expect(sizes.reduce((s: number, n: number) => s + n, 0)).toBe(a.segments.totals.customers);

    // Forecast: same answer twice; then hold out the team's last 3 months of profit, fit on the rest
    // with the shared rule and compare with what happened.
    expect(b.forecast.team).toEqual(a.forecast.team);
    const history = (a.forecast.team.history as { profit: string }[]).map((m) => parseMoney(m.profit));
    expect(history.length).toBe(36);
    const H = 3;
    const fit = forecastProfit(history.slice(0, -H), H);
    const chosen = fit.backtest.find((x) => x.method === fit.method);
    expect(chosen, 'a backtest on the fitted months').toBeDefined();
    const actual = history.slice(-H);
    const mae =
      actual.reduce((s, v, j) => s + Math.abs(Number(v - (fit.forecast[j] as bigint))), 0) / actual.length;
    console.log(
      `forecast ${fit.method}: held-out MAE ${(mae / 10_000).toFixed(2)} vs reported backtest MAE ${(Number(chosen?.mae) / 10_000).toFixed(2)} (MASE ${chosen?.mase?.toFixed(3)})`,
    );
    expect(mae).toBeLessThanOrEqual(Number(chosen?.mae));
  });
});
