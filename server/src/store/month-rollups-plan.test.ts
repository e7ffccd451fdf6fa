import { expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { planSteps, recordingDb } from '../testing/plans.ts';
import { forEachStore } from '../testing/test-store.ts';
import { type OrderLineRecord, orderLinesRepo } from './repos/order-lines.ts';

const AT = '2026-03-01T00:00:00.000Z';

function line(customerId: string, day: string, n: number): OrderLineRecord {
  return {
    id: newId(),
    lineKey: `${customerId}-${n}`,
    customerId,
    orderId: `${customerId}-o${n}`,
    orderedAt: day,
    productId: null,
    productName: 'Binder',
    category: 'Office Supplies',
    subCategory: 'Binders',
    quantity: 1,
    revenue: 1000n,
    cost: 600n,
    profit: 400n,
    currency: 'USD',
    importId: null,
    createdAt: AT,
  };
}

/**
 * The metrics of the customers an import touched read their month rollups (the twelve-month profit
 * trend; window totals under a dated tier window) by customer id. SQLite has no statistics and chose
 * the covering (team, month, …) index instead, scanning the whole team's window once per chunk of
 * ids (≈300 ms of a 10,000-line import into a 1M-line team); summing a customer's month orders for
 * its rollup (split orders) read every month row of the team per customer. Each statement the
 * repository sends is recorded, then explained: it must search the month rollups by customer.
 */
forEachStore('order lines: month-rollup reads go by customer', (ctx) => {
  it('searches customer_month_rollups by customer id, not the whole window', async () => {
    const { store } = ctx;
    const teamId = (await store.teams.create({ id: newId(), name: 't', settings: {}, at: AT })).id;
    const customers = Array.from({ length: 400 }, (_, i) => `c-${String(i).padStart(4, '0')}`);
    const months = ['2025-04-10', '2025-07-15', '2025-10-20', '2026-01-05', '2026-02-14'];
    await store.orderLines.upsert(
      teamId,
      customers.flatMap((c, i) => months.map((day, m) => line(c, day, i * 10 + m))),
    );
    if (store.dialect === 'postgres') await store.db.exec('ANALYZE customer_month_rollups');

    // Its reads, and the split-order sums (INSERT … FROM customer_month_rollups m) of rebuilds and refreshes.
    const { db, sent } = recordingDb(
      store.db,
      (sql) => /^\s*(SELECT|INSERT)/.test(sql) && /FROM customer_month_rollups\b/.test(sql),
    );
    const repo = orderLinesRepo(db);
    const listed = customers.slice(10, 13);
    // A window of whole months (Sept 2025 – Feb 2026) and one with partial edge months.
    const months12 = await repo.customerMonths(teamId, { from: '2025-09-01', to: '2026-03-01' }, listed);
    expect(months12.map((m) => `${m.customerId} ${m.month} ${m.profit}`).sort()).toEqual(
      listed.flatMap((c) => [`${c} 2025-10 400`, `${c} 2026-01 400`, `${c} 2026-02 400`]),
    );
    const totals = await repo.customerTotalsOf(teamId, { from: '2025-07-01', to: '2026-02-10' }, listed);
    expect([...totals.entries()].map(([id, t]) => `${id} ${t.profit} ${t.lines}`).sort()).toEqual(
      listed.map((c) => `${c} 1200 3`),
    );

    // The rollups summed again from the lines: a whole team's, and a few customers' (a line deleted).
    await repo.rebuildRollups(teamId);
    expect(await repo.deleteByKeys(teamId, [`${listed[0]}-100`])).toBe(1);
    const rebuilt = await repo.customerTotalsOf(teamId, { from: null, to: null }, listed);
    expect([...rebuilt.entries()].map(([id, t]) => `${id} ${t.profit} ${t.lines}`).sort()).toEqual([
      `${listed[0]} 1600 4`,
      `${listed[1]} 2000 5`,
      `${listed[2]} 2000 5`,
    ]);

    expect(sent.filter((s) => /^\s*INSERT INTO customer_rollups/.test(s.sql))).toHaveLength(2);
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const statement of sent) {
      const plan = (await planSteps(store.db, statement)).join('\n');
      expect(plan).not.toMatch(/customer_month_rollups_month_sums|Seq Scan on customer_month_rollups/);
      if (store.dialect === 'sqlite') expect(plan).toMatch(/customer_id=\?/);
    }
  });
});
