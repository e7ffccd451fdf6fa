import { expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { forEachStore } from '../testing/test-store.ts';
import { big, int } from './driver.ts';
import { rebuildRollupsSql } from './migrations/rollup-sql.ts';
import type { CustomerRollup, LineTotals, LineWindow, OrderLineRecord } from './repos/order-lines.ts';
import type { Store } from './store.ts';

const AT = '2026-03-01T10:00:00.000Z';

function line(
  key: string,
  customerId: string,
  orderId: string,
  orderedAt: string,
  revenue: bigint,
  profit: bigint,
  quantity = 1,
): OrderLineRecord {
  return {
    id: newId(),
    lineKey: key,
    customerId,
    orderId,
    orderedAt,
    productId: 'P-1',
    productName: 'Pen',
    category: null,
    subCategory: null,
    quantity,
    revenue,
    cost: revenue - profit,
    profit,
    currency: 'USD',
    importId: null,
    createdAt: AT,
  };
}

async function team(store: Store): Promise<string> {
  const t = await store.teams.create({ id: newId(), name: 'T', settings: { currency: 'USD' }, at: AT });
  return t.id;
}

const write = (store: Store, teamId: string, lines: OrderLineRecord[]) =>
  store.transaction((tx) => tx.orderLines.upsert(teamId, lines));

/** What a fresh GROUP BY over the lines says, in the rollups' shape. */
async function groupBy(store: Store, teamId: string, month: boolean) {
  const key = month ? "customer_id || '|' || substr(ordered_at, 1, 7)" : 'customer_id';
  const rows = await store.db.all<Record<string, unknown>>(
    `SELECT ${key} AS k, SUM(revenue) AS revenue, SUM(revenue - profit) AS cost, SUM(profit) AS profit,
            SUM(quantity) AS quantity, COUNT(*) AS lines, COUNT(DISTINCT order_id) AS orders,
            MIN(ordered_at) AS first_at, MAX(ordered_at) AS last_at
       FROM order_lines WHERE team_id = ? GROUP BY ${key}`,
    [teamId],
  );
  return new Map(
    rows.map((r) => [
      String(r.k),
      {
        revenue: big(r.revenue),
        cost: big(r.cost),
        profit: big(r.profit),
        quantity: Number(r.quantity),
        lines: int(r.lines),
        orders: int(r.orders),
        firstOrderAt: String(r.first_at),
        lastOrderAt: String(r.last_at),
      },
    ]),
  );
}

function withoutId({ customerId: _c, ...rest }: CustomerRollup) {
  return rest;
}

async function expectRollupsMatchLines(store: Store, teamId: string): Promise<void> {
  const customers = await store.orderLines.rollups(teamId);
  expect(new Map([...customers].map(([k, v]) => [k, withoutId(v)]))).toEqual(
    await groupBy(store, teamId, false),
  );
  const months = await store.orderLines.monthRollups(teamId);
  expect(
    new Map(
      months.map((m) => {
        const { month, ...rest } = m;
        return [`${m.customerId}|${month}`, withoutId(rest)];
      }),
    ),
  ).toEqual(await groupBy(store, teamId, true));
}

/** Per-customer totals in a window, straight from the lines (the answer the rollups must give). */
async function lineTotals(store: Store, teamId: string, w: LineWindow): Promise<Map<string, LineTotals>> {
  const where = ['team_id = ?'];
  const params: string[] = [teamId];
  if (w.from) where.push('ordered_at >= ?') && params.push(w.from);
  if (w.to) where.push('ordered_at < ?') && params.push(w.to);
  const rows = await store.db.all<Record<string, unknown>>(
    `SELECT customer_id, SUM(revenue) AS revenue, SUM(profit) AS profit, COUNT(DISTINCT order_id) AS orders,
            COUNT(*) AS lines, MAX(ordered_at) AS last_at
       FROM order_lines WHERE ${where.join(' AND ')} GROUP BY customer_id`,
    params,
  );
  return new Map(
    rows.map((r) => [
      String(r.customer_id),
      {
        revenue: big(r.revenue),
        profit: big(r.profit),
        orders: int(r.orders),
        lines: int(r.lines),
        lastOrderAt: String(r.last_at),
      },
    ]),
  );
}

/** A small seeded generator (mulberry32), so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

forEachStore('order-line rollups', (ctx) => {
  it('sum per customer and per month as hand-computed, through inserts, updates, moves, deletes and re-imports', async () => {
    const t = await team(ctx.store);
    await write(ctx.store, t, [
      line('O1#1', 'A', 'O1', '2026-01-05', 100_0000n, 30_0000n, 2),
      line('O1#2', 'A', 'O1', '2026-01-05', 50_5000n, -5_0000n),
      line('O2#1', 'A', 'O2', '2026-02-10', 20_0000n, 10_0000n),
      line('O3#1', 'B', 'O3', '2026-01-31', 9_9999n, 1n),
    ]);
    const a = (await ctx.store.orderLines.rollups(t)).get('A');
    // A: revenue 100 + 50.5 + 20 = 170.5, profit 30 − 5 + 10 = 35, cost 135.5, 3 lines, 2 orders.
    expect(a).toEqual({
      customerId: 'A',
      revenue: 170_5000n,
      cost: 135_5000n,
      profit: 35_0000n,
      quantity: 4,
      lines: 3,
      orders: 2,
      firstOrderAt: '2026-01-05',
      lastOrderAt: '2026-02-10',
    });
    const months = await ctx.store.orderLines.monthRollups(t);
    expect(months.map((m) => [m.customerId, m.month, m.revenue, m.profit, m.lines, m.orders])).toEqual([
      ['A', '2026-01', 150_5000n, 25_0000n, 2, 1],
      ['B', '2026-01', 9_9999n, 1n, 1, 1],
      ['A', '2026-02', 20_0000n, 10_0000n, 1, 1],
    ]);

    // A re-imported line with a new amount replaces its old values; one moved to B leaves A.
    await write(ctx.store, t, [
      line('O1#2', 'A', 'O1', '2026-01-05', 60_0000n, 6_0000n),
      line('O2#1', 'B', 'O2', '2026-02-10', 20_0000n, 10_0000n),
    ]);
    let r = await ctx.store.orderLines.rollups(t);
    // A: 100 + 60 = 160, profit 36, one order. B: 9.9999 + 20 = 29.9999, profit 10.0001, two orders.
    expect([r.get('A')?.revenue, r.get('A')?.profit, r.get('A')?.orders]).toEqual([160_0000n, 36_0000n, 1]);
    expect([r.get('B')?.revenue, r.get('B')?.profit, r.get('B')?.orders]).toEqual([29_9999n, 10_0001n, 2]);
    await expectRollupsMatchLines(ctx.store, t);

    // The same file again changes nothing.
    const before = await ctx.store.orderLines.rollups(t);
    await write(ctx.store, t, [line('O1#2', 'A', 'O1', '2026-01-05', 60_0000n, 6_0000n)]);
    expect(await ctx.store.orderLines.rollups(t)).toEqual(before);

    // Deleting B's lines removes its rows; deleting an unknown key changes nothing.
    expect(await ctx.store.transaction((tx) => tx.orderLines.deleteByKeys(t, ['O3#1', 'O2#1', 'nope']))).toBe(
      2,
    );
    r = await ctx.store.orderLines.rollups(t);
    expect([...r.keys()]).toEqual(['A']);
    expect((await ctx.store.orderLines.monthRollups(t)).map((m) => m.customerId)).toEqual(['A']);
    await expectRollupsMatchLines(ctx.store, t);
  });

  it('new lines added as deltas give the rows a rebuild from the lines gives, split orders included', async () => {
    const t = await team(ctx.store);
    await write(ctx.store, t, [
      line('1', 'A', 'O1', '2026-01-05', 10_0000n, 2_0000n),
      line('2', 'A', 'O2', '2026-02-07', 5_0000n, 1_0000n),
      line('3', 'B', 'O3', '2026-02-01', 4_0000n, -1_0000n),
    ]);
    await ctx.store.orderLines.markClean(t, ['A', 'B']);
    // A: a second line of O1 in its month (no new order), O1 again in March (split: O1 spans two
    // months), a new order O4. C is a new customer whose order O5 spans two months in one call.
    await write(ctx.store, t, [
      line('4', 'A', 'O1', '2026-01-09', 1_0000n, 1_0000n),
      line('5', 'A', 'O1', '2026-03-02', 2_0000n, -5000n),
      line('6', 'A', 'O4', '2025-12-31', 3_0000n, 3_0000n, 4),
      line('7', 'C', 'O5', '2026-01-31', 7_0000n, 1n),
      line('8', 'C', 'O5', '2026-02-01', 7_0000n, 1n),
    ]);
    const raw = async () => ({
      customers: await ctx.store.db.all(
        'SELECT customer_id, revenue, cost, profit, quantity, lines, orders, split_orders, first_order_at, last_order_at FROM customer_rollups WHERE team_id = ? ORDER BY customer_id',
        [t],
      ),
      months: await ctx.store.db.all(
        'SELECT customer_id, month, revenue, cost, profit, quantity, lines, orders, first_order_at, last_order_at FROM customer_month_rollups WHERE team_id = ? ORDER BY customer_id, month',
        [t],
      ),
    });
    const incremental = await raw();
    // A: 10 + 5 + 1 + 2 + 3 = 21 revenue, profit 2 + 1 + 1 − 0.5 + 3 = 6.5, 3 orders (O1, O2, O4), O1 split.
    const a = (await ctx.store.orderLines.rollups(t)).get('A');
    expect([
      a?.revenue,
      a?.profit,
      a?.orders,
      a?.lines,
      a?.quantity,
      a?.firstOrderAt,
      a?.lastOrderAt,
    ]).toEqual([21_0000n, 6_5000n, 3, 5, 8, '2025-12-31', '2026-03-02']);
    const splits = (rows: Record<string, unknown>[]) =>
      Object.fromEntries(rows.map((r) => [String(r.customer_id), int(r.split_orders)]));
    expect(splits(incremental.customers)).toEqual({ A: 1, B: 0, C: 1 });
    expect((await ctx.store.orderLines.dirtyCustomers(t)).sort()).toEqual(['A', 'C']);
    await ctx.store.transaction((tx) => tx.orderLines.rebuildRollups(t));
    expect(incremental).toEqual(await raw());
    await expectRollupsMatchLines(ctx.store, t);
  });

  it('marks changed customers dirty until the metrics clear them', async () => {
    const t = await team(ctx.store);
    await write(ctx.store, t, [
      line('1', 'A', 'O1', '2026-01-05', 1n, 1n),
      line('2', 'B', 'O2', '2026-01-05', 1n, 1n),
    ]);
    expect((await ctx.store.orderLines.dirtyCustomers(t)).sort()).toEqual(['A', 'B']);
    await ctx.store.orderLines.markClean(t, ['A', 'B']);
    expect(await ctx.store.orderLines.dirtyCustomers(t)).toEqual([]);
    await write(ctx.store, t, [line('3', 'B', 'O3', '2026-01-06', 1n, 1n)]);
    expect(await ctx.store.orderLines.dirtyCustomers(t)).toEqual(['B']);
  });

  it('window totals from whole months plus boundary lines equal a GROUP BY, orders spanning months included', async () => {
    const t = await team(ctx.store);
    // C's order X spans January and February: its distinct orders must not count X twice.
    await write(ctx.store, t, [
      line('1', 'C', 'X', '2026-01-20', 10_0000n, 1_0000n),
      line('2', 'C', 'X', '2026-02-03', 10_0000n, 1_0000n),
      line('3', 'C', 'Y', '2026-03-15', 5_0000n, -1_0000n),
      line('4', 'D', 'Z', '2026-02-28', 7_0000n, 7_0000n),
    ]);
    for (const w of [
      { from: null, to: null },
      { from: '2026-01-15', to: '2026-03-16' },
      { from: '2026-01-01', to: '2026-03-01' },
      { from: '2026-02-01', to: null },
      { from: null, to: '2026-02-04' },
      { from: '2026-02-02', to: '2026-02-10' },
    ]) {
      expect(await ctx.store.orderLines.totalsBy(t, 'customer', w)).toEqual(
        await lineTotals(ctx.store, t, w),
      );
    }
    // Jan 15 – Mar 16: C has X (two lines) and Y: 2 orders, 25 revenue; D 1 order.
    const mid = await ctx.store.orderLines.totalsBy(t, 'customer', { from: '2026-01-15', to: '2026-03-16' });
    expect([mid.get('C')?.orders, mid.get('C')?.revenue, mid.get('D')?.orders]).toEqual([2, 25_0000n, 1]);
    const total = await ctx.store.orderLines.totals(t, { from: '2026-01-15', to: '2026-03-16' });
    expect([total.revenue, total.profit, total.orders, total.lines, total.lastOrderAt]).toEqual([
      32_0000n,
      8_0000n,
      3,
      4,
      '2026-03-15',
    ]);
  });

  it('match a fresh GROUP BY after random inserts, updates, moves, deletes and re-imports', async () => {
    const t = await team(ctx.store);
    expect(await ctx.store.orderLines.newestDate(t)).toBeNull();
    const rand = prng(20261206);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
    const customers = ['A', 'B', 'C', 'D', 'E', 'F'];
    const days = [
      '2025-11-30',
      '2025-12-01',
      '2025-12-31',
      '2026-01-01',
      '2026-01-17',
      '2026-02-28',
      '2026-03-01',
    ];
    const stored = new Map<string, OrderLineRecord>();
    for (let round = 0; round < 12; round += 1) {
      const batch = new Map<string, OrderLineRecord>();
      for (let i = 0; i < 25; i += 1) {
        const existing = stored.size > 0 && rand() < 0.4 ? pick([...stored.keys()]) : null;
        const key = existing ?? `L${round}-${i}`;
        const amount = BigInt(Math.floor(rand() * 2_000_000)) - 200_000n;
        batch.set(
          key,
          line(
            key,
            pick(customers),
            `O${Math.floor(rand() * 20)}`,
            pick(days),
            amount,
            amount / 3n,
            1 + (i % 3),
          ),
        );
      }
      await write(ctx.store, t, [...batch.values()]);
      for (const [k, v] of batch) stored.set(k, v);
      if (round % 3 === 2) {
        const gone = [...stored.keys()].filter(() => rand() < 0.2);
        await ctx.store.transaction((tx) => tx.orderLines.deleteByKeys(t, gone));
        for (const k of gone) stored.delete(k);
      }
      await expectRollupsMatchLines(ctx.store, t);
      // The newest line's day (read from the newest month's rollup rows), deletes included.
      const newest = [...stored.values()].reduce<string | null>(
        (d, l) => (d === null || l.orderedAt > d ? l.orderedAt : d),
        null,
      );
      expect(await ctx.store.orderLines.newestDate(t)).toBe(newest);
      const from = rand() < 0.2 ? null : pick(days);
      const to = rand() < 0.2 ? null : pick(days);
      const w = { from, to: to !== null && from !== null && to <= from ? null : to };
      expect(await ctx.store.orderLines.totalsBy(t, 'customer', w)).toEqual(
        await lineTotals(ctx.store, t, w),
      );
    }
    expect(stored.size).toBeGreaterThan(50);
  });

  it('the migration backfill builds the same rollups from lines written around the repository', async () => {
    const t = await team(ctx.store);
    await write(ctx.store, t, [
      line('1', 'A', 'O1', '2026-01-05', 3_0000n, 1_0000n),
      line('2', 'B', 'O2', '2026-02-05', 4_0000n, -1_0000n),
    ]);
    const expected = await ctx.store.orderLines.rollups(t);
    await ctx.store.db.run('DELETE FROM customer_month_rollups WHERE team_id = ?', [t]);
    await ctx.store.db.run('DELETE FROM customer_rollups WHERE team_id = ?', [t]);
    expect((await ctx.store.orderLines.rollups(t)).size).toBe(0);
    await ctx.store.transaction(async (tx) => {
      await tx.db.run('DELETE FROM customer_month_rollups');
      await tx.db.run('DELETE FROM customer_rollups');
      await tx.db.exec(rebuildRollupsSql());
    });
    expect(await ctx.store.orderLines.rollups(t)).toEqual(expected);
    await expectRollupsMatchLines(ctx.store, t);
  });
});
