import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('report windows are bounded', (ctx) => {
  it('dates outside 1900–2200 and windows over 100 years are a 400, on every windowed report', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'lead');
    const reports = [
      'customers',
      'profit',
      'profit-by-rep',
      'product-margins',
      'commission',
      'funnel',
      'satisfaction',
      'coefficient',
      'service',
    ];
    // Raw: bad and extreme windows on purpose, one list over nine report routes.
    for (const report of reports) {
      for (const query of ['from=0001-01-01', 'to=9999-12-31', 'from=0001-01-01&to=2026-01-01']) {
        const res = await t.request('GET', `/api/v1/reports/${report}?${query}`, { token });
        expect([report, query, res.status, res.body.error?.code]).toEqual([
          report,
          query,
          400,
          'validation_failed',
        ]);
      }
      const huge = await t.request('GET', `/api/v1/reports/${report}?from=1900-01-01&to=2200-01-01`, {
        token,
      });
      expect([report, huge.status, huge.body.error?.message]).toEqual([
        report,
        400,
        'the window from 1900-01-01 to 2200-01-01 is longer than 36525 days (100 years)',
      ]);
      const century = await t.request('GET', `/api/v1/reports/${report}?from=1926-01-01&to=2026-01-01`, {
        token,
      });
      expect([report, century.status]).toEqual([report, 200]);
    }
    const compare = await read(
      reportRoute(t, 'profit', token).$get({ query: { compareFrom: '1900-01-01', compareTo: '2200-01-01' } }),
    );
    expect(compare.status).toBe(400);
    expect(compare.body.error.message).toMatch(/^compare period: the window from 1900-01-01/);
  });
});
