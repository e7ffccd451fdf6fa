import { expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';
import { reportsRouter } from './reports.index.ts';

/** The tier-mix route of the typed client (routes with a path parameter give it an index signature: name the key). */
const tierMixOf = (t: TestApp, token?: string) => {
  const route = routeClient(t, '/reports', reportsRouter, token).api.v1.reports['tier-mix'];
  return route as NonNullable<typeof route>;
};

forEachStore('tier-mix report', (ctx) => {
  it('sums customers, revenue and profit per tier over the window, as hand-computed', async () => {
    const { t, lead, rep1 } = await reportFixture(ctx.store);
    const res = await tierMixOf(t, rep1.token).$get({ query: {} });
    expect(res.status).toBe(200);
    // Team window (historical, to 2016-02-09), P = 170.5: Dan 98 A; Carla 62.5 and Eve 10 C.
    // Revenue: Dan 200 + 40 = 240; Carla 100 + 10.005 + 50.01 + 3.125 + 3.125 = 166.265; Eve 1000.
    expect(await res.json()).toMatchObject({
      window: { source: 'team', to: '2016-02-09' },
      customers: 3,
      losing: 0,
      revenue: '1406.265',
      profit: '170.50',
      tiers: [
        { tier: 'A', customers: 1, revenue: '240.00', profit: '98.00' },
        { tier: 'B', customers: 0, revenue: '0.00', profit: '0.00' },
        { tier: 'C', customers: 2, revenue: '1166.265', profit: '72.50' },
        { tier: 'D', customers: 0, revenue: '0.00', profit: '0.00' },
        { tier: 'none', customers: 0, revenue: '0.00', profit: '0.00' },
      ],
    });
    const february = { from: '2016-02-01', to: '2016-03-01' };
    // February: Carla's −1 + 0.5 + 0.5 = 0 is D (not positive) but not losing; the others have no lines.
    const feb = await (await tierMixOf(t, lead.token).$get({ query: february })).json();
    expect(feb.losing).toBe(0);
    expect(feb.tiers.map((s) => [s.tier, s.customers])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
      ['D', 1],
      ['none', 2],
    ]);
    // The same tiers as the customers report over the same window.
    const { reports } = routeClient(t, '/reports', reportsRouter, lead.token).api.v1;
    const customers = reports.customers as NonNullable<typeof reports.customers>;
    const report = await (await customers.$get({ query: february })).json();
    expect(report.items.filter((r) => r.tier === 'D')).toHaveLength(1);
  });

  it('refuses bad windows with a JSON 400 and needs a session', async () => {
    const { t, lead } = await reportFixture(ctx.store);
    // Bad on purpose: `allTime: 'maybe'` fails typecheck as it should, so the list is typed loosely.
    const bad: Record<string, string>[] = [
      { from: '2016-02-30' },
      { allTime: 'true', from: '2016-01-01' },
      { allTime: 'maybe' },
      { from: '2016-03-01', to: '2016-01-01' },
    ];
    for (const query of bad) {
      const res = await tierMixOf(t, lead.token).$get({ query });
      expect([query, res.status, Object.keys(await res.json())]).toEqual([query, 400, ['error']]);
    }
    expect((await tierMixOf(t).$get({ query: {} })).status).toBe(401);
  });
});
