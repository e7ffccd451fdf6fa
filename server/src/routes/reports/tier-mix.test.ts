import { expect, it } from 'vitest';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';

forEachStore('tier-mix report', (ctx) => {
  it('sums customers, revenue and profit per tier over the window, as hand-computed', async () => {
    const { t, lead, rep1 } = await reportFixture(ctx.store);
    const res = await t.request('GET', '/api/v1/reports/tier-mix', { token: rep1.token });
    expect(res.status).toBe(200);
    // Team window (historical, to 2016-02-09), P = 170.5: Dan 98 A; Carla 62.5 and Eve 10 C.
    // Revenue: Dan 200 + 40 = 240; Carla 100 + 10.005 + 50.01 + 3.125 + 3.125 = 166.265; Eve 1000.
    expect(res.body).toMatchObject({
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
    // February: Carla's −1 + 0.5 + 0.5 = 0 is D (not positive) but not losing; the others have no lines.
    const feb = await t.request('GET', '/api/v1/reports/tier-mix?from=2016-02-01&to=2016-03-01', {
      token: lead.token,
    });
    expect(feb.body.losing).toBe(0);
    expect(feb.body.tiers.map((s: { tier: string; customers: number }) => [s.tier, s.customers])).toEqual([
      ['A', 0],
      ['B', 0],
      ['C', 0],
      ['D', 1],
      ['none', 2],
    ]);
    // The same tiers as the customers report over the same window.
    const report = await t.request('GET', '/api/v1/reports/customers?from=2016-02-01&to=2016-03-01', {
      token: lead.token,
    });
    expect(report.body.items.filter((r: { tier: string }) => r.tier === 'D')).toHaveLength(1);
  });

  it('refuses bad windows with a JSON 400 and needs a session', async () => {
    const { t, lead } = await reportFixture(ctx.store);
    for (const q of [
      'from=2016-02-30',
      'allTime=true&from=2016-01-01',
      'allTime=maybe',
      'from=2016-03-01&to=2016-01-01',
    ]) {
      const res = await t.request('GET', `/api/v1/reports/tier-mix?${q}`, { token: lead.token });
      expect([q, res.status, Object.keys(res.body)]).toEqual([q, 400, ['error']]);
    }
    expect((await t.request('GET', '/api/v1/reports/tier-mix')).status).toBe(401);
  });
});
