import { churnAsOf } from '@rapport/shared/domain/churn';
import { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { expect, it } from 'vitest';
import { csvOf, importCsv, importDeps, LINE_KEY_COLUMNS, newTeam } from '../imports/test-kit.ts';
import { forEachStore } from '../testing/test-store.ts';

const HEADER = [...LINE_KEY_COLUMNS, 'Product ID', 'Category', 'Sales', 'Profit'];

forEachStore('customer metrics: insight fields', (ctx) => {
  it('carries the churn inputs and the top category, and the card scores them against a day', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2016-01-01', 'A-1', 'Ann', 'P-1', 'Furniture', '100', '10'],
        ['2', 'O-2', '2016-01-11', 'A-1', 'Ann', 'P-1', 'Furniture', '200', '20'],
        ['3', 'O-3', '2016-01-31', 'A-1', 'Ann', 'P-2', 'Technology', '100', '10'],
        ['4', 'O-4', '2016-01-05', 'B-1', 'Bob', 'P-3', 'Office Supplies', '50', '-5'],
      ]),
    );
    const customers = await ctx.store.rowQueries.live<{ id: string; externalId: string }>(
      team.id,
      'customer',
    );
    const metrics = new Map<string, CustomerMetrics>();
    for (const c of customers) {
      const row = await ctx.store.rows.get(team.id, 'customerMetrics', c.id);
      metrics.set(c.externalId, CustomerMetrics.parse(row?.data));
    }
    const ann = metrics.get('A-1')!;
    const bob = metrics.get('B-1')!;
    // Ann: gaps 10 and 20 days, median 15. Bob has one order day: the team's median (15).
    expect(ann.churn).toEqual({
      lastOrderAt: '2016-01-31',
      interval: 15,
      satisfaction: null,
      openComplaints: 0,
    });
    expect(bob.churn).toEqual({
      lastOrderAt: '2016-01-05',
      interval: 15,
      satisfaction: null,
      openComplaints: 0,
    });
    // Ann spent 300 of 400 on Furniture.
    expect(ann.buysMostly).toEqual({ category: 'Furniture', share: 0.75 });
    expect(bob.buysMostly).toEqual({ category: 'Office Supplies', share: 1 });
    expect([ann.tier, bob.tier]).toEqual(['A', 'D']);

    // On 2016-03-01 (leap year): Ann 30 days = 2 × 15 → lateness 40 × (2 − 1) / 2 = 20, tier A 0,
    // unknown satisfaction 10, no complaints: 30, late (30 > 22.5).
    expect(churnAsOf(ann.churn!, ann.tier, '2016-03-01')).toMatchObject({ score: 30, late: true });
    // Bob 56 days ≥ 3 × 15 → 40, tier D 15, satisfaction 10: 65.
    expect(churnAsOf(bob.churn!, bob.tier, '2016-03-01')).toMatchObject({ score: 65, late: true });
    // Ann on her last order day: 0 + 0 + 10 + 0.
    expect(churnAsOf(ann.churn!, ann.tier, '2016-01-31')).toMatchObject({ score: 10, late: false });
  });
});
