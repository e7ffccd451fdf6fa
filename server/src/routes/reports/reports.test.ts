import { expect, it } from 'vitest';
import { read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';

forEachStore('money reports', (ctx) => {
  it('commission per rep per month matches the hand computation, rounded once per rep-month', async () => {
    const { t, lead, rep1, rep2 } = await reportFixture(ctx.store);
    const res = await read(reportRoute(t, 'commission', lead.token).$get({ query: { allTime: 'true' } }));
    expect(res.status).toBe(200);
    const [r1, r2] = [rep1.user.id, rep2.user.id].sort();
    const one = r1 === rep1.user.id ? 'Rep One' : 'Rep Two';
    const two = one === 'Rep One' ? 'Rep Two' : 'Rep One';
    const expected = [
      // rep1 Jan: 100 × 8 % + 50.01 × 5 % = 10.5005 -> 10.50; rep2 Jan: 200 × 8 % + 40 × 5 % = 18; unowned: 1000 × 2 %
      { ownerId: rep1.user.id, month: '2016-01', commission: '10.50', revenue: '150.01', lines: 2 },
      { ownerId: rep2.user.id, month: '2016-01', commission: '18.00', revenue: '240.00', lines: 2 },
      { ownerId: null, month: '2016-01', commission: '20.00', revenue: '1000.00', lines: 1 },
      // rep1 Feb: the loss line earns 0; 2 × 3.125 × 2 % = 0.125 -> 0.13 (per-line rounding would give 0.12)
      { ownerId: rep1.user.id, month: '2016-02', commission: '0.13', revenue: '16.255', lines: 3 },
    ];
    const byOwner = (a: { ownerId: string | null }, b: { ownerId: string | null }) =>
      a.ownerId === r1 ? -1 : b.ownerId === r1 ? 1 : 0;
    expect(res.body.rows.map(({ name: _n, ...r }: { name: string }) => r)).toEqual([
      ...expected.slice(0, 2).sort(byOwner),
      ...expected.slice(2),
    ]);
    expect(res.body.rows.find((r: { ownerId: string }) => r.ownerId === r1).name).toBe(one);
    expect(res.body.rows.find((r: { ownerId: string }) => r.ownerId === r2).name).toBe(two);
    expect(res.body.reps).toContainEqual({
      ownerId: rep1.user.id,
      name: 'Rep One',
      commission: '10.63',
      revenue: '166.265',
      lines: 5,
    });
    expect(res.body.rates).toEqual({ high: 800, medium: 500, low: 200 });

    // A rep sees only their own commission, and may not ask for another's.
    const own = await read(reportRoute(t, 'commission', rep1.token).$get({ query: { allTime: 'true' } }));
    expect(
      own.body.rows.map((r: { ownerId: string; commission: string }) => [r.ownerId, r.commission]),
    ).toEqual([
      [rep1.user.id, '10.50'],
      [rep1.user.id, '0.13'],
    ]);
    const other = await read(
      reportRoute(t, 'commission', rep1.token).$get({ query: { allTime: 'true', ownerId: rep2.user.id } }),
    );
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
  });

  it('profit by month and year with comparisons, by rep, and product margin tiers', async () => {
    const { t, lead, rep1, rep2 } = await reportFixture(ctx.store);
    const months = await read(reportRoute(t, 'profit', lead.token).$get({ query: { allTime: 'true' } }));
    expect(months.body.periods).toEqual([
      {
        period: '2016-01',
        revenue: '1390.01',
        profit: '170.50',
        margin: '0.1227',
        orders: 4,
        lines: 5,
        change: null,
      },
      {
        period: '2016-02',
        revenue: '16.255',
        profit: '0.00',
        margin: '0.0000',
        orders: 2,
        lines: 3,
        change: {
          revenueChange: '-1373.755',
          profitChange: '-170.50',
          revenuePct: expect.closeTo(-98.8306, 3),
          profitPct: -100,
        },
      },
    ]);
    expect(months.body.comparison).toBeNull(); // all time has no earlier period
    const years = await read(
      reportRoute(t, 'profit', lead.token).$get({ query: { allTime: 'true', by: 'year' } }),
    );
    expect(years.body.periods).toEqual([
      {
        period: '2016',
        revenue: '1406.265',
        profit: '170.50',
        margin: '0.1212',
        orders: 6,
        lines: 8,
        change: null,
      },
    ]);
    // February against the previous window of equal length (January).
    const feb = await read(
      reportRoute(t, 'profit', lead.token).$get({ query: { from: '2016-02-01', to: '2016-03-01' } }),
    );
    expect(feb.body.comparison).toMatchObject({
      from: '2016-01-01',
      to: '2016-02-01',
      base: { revenue: '1390.01' },
      change: { profitChange: '-170.50' },
    });
    expect(
      (
        await read(
          reportRoute(t, 'profit', lead.token).$get({ query: { from: '2016-03-01', to: '2016-02-01' } }),
        )
      ).status,
    ).toBe(400);

    const reps = await read(reportRoute(t, 'profit-by-rep', lead.token).$get({ query: { allTime: 'true' } }));
    expect(
      reps.body.reps.map((r: Record<string, unknown>) => [
        r.ownerId,
        r.name,
        r.revenue,
        r.profit,
        r.customers,
        r.lines,
      ]),
    ).toEqual([
      [rep2.user.id, 'Rep Two', '240.00', '98.00', 1, 2],
      [rep1.user.id, 'Rep One', '166.265', '62.50', 1, 5],
      [null, null, '1000.00', '10.00', 1, 1],
    ]);
    const mine = await read(reportRoute(t, 'profit-by-rep', rep2.token).$get({ query: { allTime: 'true' } }));
    expect(mine.body.reps.map((r: { ownerId: string }) => r.ownerId)).toEqual([rep2.user.id]);

    const products = await read(
      reportRoute(t, 'product-margins', rep1.token).$get({ query: { allTime: 'true' } }),
    );
    expect(
      products.body.products.map((p: Record<string, unknown>) => [
        p.externalId,
        p.tier,
        p.revenue,
        p.profit,
        p.margin,
      ]),
    ).toEqual([
      ['P-H', 'high', '310.005', '139.00', '0.4484'],
      ['P-M', 'medium', '90.01', '20.50', '0.2278'],
      ['P-L', 'low', '1006.25', '11.00', '0.0109'],
    ]);
    expect(products.body.tiers.high).toMatchObject({ products: 1, revenue: '310.005', lines: 3 });
  });

  it("customers report: the team's tier window by default (historical here), any window, sorting and paging", async () => {
    const { t, rep1 } = await reportFixture(ctx.store);
    const res = await read(reportRoute(t, 'customers', rep1.token).$get({ query: {} }));
    expect(res.status).toBe(200);
    // The newest line (2016-02-08) is older than the trailing 365 days, so the window ends there.
    expect(res.body.window).toMatchObject({
      source: 'team',
      asOf: '2016-02-08',
      historical: true,
      to: '2016-02-09',
    });
    // P = 170.5: Dan 98 is first (A); Carla's running 160.5 passes 90 % (C); Eve's 10 too (C).
    expect(
      res.body.items.map((r: Record<string, unknown>) => [r.customerId, r.tier, r.profit, r.orders]),
    ).toEqual([
      ['C-2', 'A', '98.00', 2],
      ['C-1', 'C', '62.50', 3],
      ['C-3', 'C', '10.00', 1],
    ]);
    const jan = await read(
      reportRoute(t, 'customers', rep1.token).$get({
        query: { from: '2016-01-01', to: '2016-02-01', sort: 'revenue', limit: '1', offset: '1' },
      }),
    );
    expect(jan.body).toMatchObject({
      total: 3,
      totals: { revenue: '1390.01', profit: '170.50', orders: 4, lines: 5, customers: 3 },
    });
    expect(jan.body.items).toEqual([expect.objectContaining({ customerId: 'C-2', revenue: '240.00' })]);
    const feb = await read(
      reportRoute(t, 'customers', rep1.token).$get({
        query: { from: '2016-02-01', to: '2016-03-01', sort: 'name', order: 'asc' },
      }),
    );
    expect(feb.body.items.map((r: Record<string, unknown>) => [r.name, r.tier])).toEqual([
      ['Carla One', 'D'], // Feb profit −1 + 0.5 + 0.5 = 0: not positive
      ['Dan Two', 'none'],
      ['Eve Three', 'none'],
    ]);
    const bad = await read(reportRoute(t, 'customers', rep1.token).$get({ query: { from: '2016-02-30' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(
      (
        await read(
          reportRoute(t, 'customers', rep1.token).$get({ query: { allTime: 'true', from: '2016-01-01' } }),
        )
      ).status,
    ).toBe(400);
  });
});
