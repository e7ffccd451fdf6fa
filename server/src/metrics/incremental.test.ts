import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { deleteRow, maxHlc } from '@rapport/shared/sync/merge';
import { uuidv7 } from 'uuidv7';
import { expect, it } from 'vitest';
import { rowState, saveRows, writeWithVersion } from '../entities/save.ts';
import { newRow } from '../imports/row-edits.ts';
import { csvOf, importCsv, importDeps, newTeam } from '../imports/test-kit.ts';
import { forEachStore } from '../testing/test-store.ts';
import { recomputeCustomerMetrics, refreshCustomerMetrics } from './recompute.ts';

const HEADER = [
  'Row ID',
  'Order ID',
  'Order Date',
  'Customer ID',
  'Customer Name',
  'Product ID',
  'Category',
  'Sales',
  'Profit',
];

/** Row n of the file (order O-n, one Furniture line of product P-1 on 2016-01-01) for this customer. */
const orderRow = (n: number, customer: string, sales: string, profit: string) => [
  String(n),
  `O-${n}`,
  '2016-01-01',
  customer,
  customer,
  'P-1',
  'Furniture',
  sales,
  profit,
];

forEachStore('customer metrics: an incremental recompute equals a full one', (ctx) => {
  /** Every stored metrics row's data, by the customer's external id. */
  async function metrics(teamId: string): Promise<Record<string, CustomerMetrics>> {
    const customers = await ctx.store.rowQueries.live<{ id: string; externalId: string }>(teamId, 'customer');
    const out: Record<string, CustomerMetrics> = {};
    for (const c of customers) {
      const row = await ctx.store.rows.get(teamId, 'customerMetrics', c.id);
      if (row) out[c.externalId] = row.data as unknown as CustomerMetrics;
    }
    return out;
  }

  /**
   * The totals the triggers keep (migration 015) against the same sums from the rows: the ranked
   * profit of tier A and of B, and the count of each own interval.
   */
  async function expectMaintained(teamId: string) {
    const kept = await ctx.store.db.get<{ a: unknown; b: unknown }>(
      'SELECT a, b FROM tier_totals WHERE team_id = ?',
      [teamId],
    );
    const summed = await ctx.store.db.get<{ a: unknown; b: unknown }>(
      `SELECT COALESCE(SUM(CASE WHEN tier = 'A' THEN profit ELSE 0 END), 0) AS a,
              COALESCE(SUM(CASE WHEN tier = 'B' THEN profit ELSE 0 END), 0) AS b
         FROM customer_metrics WHERE team_id = ? AND lines > 0 AND profit > 0`,
      [teamId],
    );
    expect([BigInt(String(kept?.a ?? 0)), BigInt(String(kept?.b ?? 0))]).toEqual([
      BigInt(String(summed?.a)),
      BigInt(String(summed?.b)),
    ]);
    const plain = (rows: { own_interval: unknown; n: unknown }[]) =>
      rows.map((r) => [Number(r.own_interval), Number(r.n)]);
    expect(
      plain(
        await ctx.store.db.all(
          'SELECT own_interval, n FROM interval_counts WHERE team_id = ? AND n <> 0 ORDER BY own_interval',
          [teamId],
        ),
      ),
    ).toEqual(
      plain(
        await ctx.store.db.all(
          `SELECT own_interval, COUNT(*) AS n FROM customer_intervals WHERE team_id = ? AND own_interval IS NOT NULL
            GROUP BY own_interval ORDER BY own_interval`,
          [teamId],
        ),
      ),
    );
  }

  /** Recomputes from scratch (as after a window change): nothing may differ from the stored rows. */
  async function expectSameAsFull(deps: ReturnType<typeof importDeps>, teamId: string) {
    await expectMaintained(teamId);
    const incremental = await metrics(teamId);
    await ctx.store.db.run('DELETE FROM metrics_state WHERE team_id = ?', [teamId]);
    const full = await refreshCustomerMetrics(ctx.store, deps, teamId);
    expect(full.changed).toBe(0);
    expect(await metrics(teamId)).toEqual(incremental);
    await expectMaintained(teamId);
  }

  it('churn inputs, the team interval and the top category follow imports, a survey and deleted lines', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2016-01-01', 'A-1', 'Ann', 'P-1', 'Furniture', '100', '10'],
        ['2', 'O-2', '2016-01-11', 'A-1', 'Ann', 'P-1', 'Furniture', '100', '10'],
        ['3', 'O-3', '2016-01-31', 'A-1', 'Ann', 'P-2', 'Technology', '300', '30'],
        ['4', 'O-4', '2016-01-05', 'B-1', 'Bob', 'P-1', 'Furniture', '50', '5'],
        ['5', 'O-5', '2016-01-01', 'C-1', 'Cy', 'P-1', 'Furniture', '10', '1'],
        ['6', 'O-6', '2016-01-05', 'C-1', 'Cy', 'P-1', 'Furniture', '10', '1'],
        ['7', 'O-7', '2016-01-09', 'C-1', 'Cy', 'P-1', 'Furniture', '10', '1'],
        ['8', 'O-8', '2016-01-02', 'D-1', 'Di', 'P-2', 'Technology', '20', '2'],
        ['9', 'O-9', '2016-01-20', 'D-1', 'Di', 'P-2', 'Technology', '20', '2'],
      ]),
    );
    let m = await metrics(team.id);
    // Own intervals: Ann gaps 10, 20 → 15; Cy 4, 4 → 4; Bob and Di have fewer than 3 order days and
    // take the team's median of (4, 15) = 9.5.
    expect([m['A-1']?.churn?.interval, m['C-1']?.churn?.interval]).toEqual([15, 4]);
    expect([m['B-1']?.churn?.interval, m['D-1']?.churn?.interval]).toEqual([9.5, 9.5]);
    expect(m['A-1']?.buysMostly).toEqual({ category: 'Technology', share: 0.6 });

    // A CSAT 5 from Ann's contact (normalised 1), saved as a client would: it refreshes her row.
    const ids = Object.fromEntries(
      (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
        c.externalId,
        c.id,
      ]),
    );
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      const survey = newRow(
        'surveyResponse',
        { id: uuidv7(), contactId: uuidv7(), customerId: ids['A-1'], date: '2016-01-15', csat: 5, nps: null },
        deps.hlc,
      );
      await saveRows(tx, team.id, version, [survey], deps.clock.now().toISOString());
      return { result: undefined, changed: true };
    });

    // The newest field clock read in SQL is shared maxHlc's, also on Ann's row whose churn field
    // alone was stamped again by the survey.
    const metricsIds = Object.values(ids) as string[];
    const clocks = await ctx.store.rowQueries.latestFieldClocks(team.id, 'customerMetrics', metricsIds);
    const ann = await ctx.store.rows.get(team.id, 'customerMetrics', ids['A-1'] ?? '');
    expect(new Set(Object.values(rowState(ann!).fields).map((f) => f.t)).size).toBe(2);
    for (const id of metricsIds) {
      const row = await ctx.store.rows.get(team.id, 'customerMetrics', id);
      expect(clocks.get(id)).toEqual({ deleted: false, t: maxHlc(rowState(row!)) });
    }

    // Di's third order day (gaps 18, 18 → 18) moves the team's interval to median(4, 15, 18) = 15:
    // Bob, whose lines did not change, takes it. Ann's new line keeps her survey's satisfaction and
    // makes Furniture her top category (300 of 600).
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['10', 'O-10', '2016-02-07', 'D-1', 'Di', 'P-2', 'Technology', '20', '2'],
        ['11', 'O-11', '2016-01-31', 'A-1', 'Ann', 'P-1', 'Furniture', '100', '10'],
      ]),
    );
    m = await metrics(team.id);
    expect(m['D-1']?.churn).toEqual({
      lastOrderAt: '2016-02-07',
      interval: 18,
      satisfaction: null,
      openComplaints: 0,
    });
    expect(m['B-1']?.churn).toEqual({
      lastOrderAt: '2016-01-05',
      interval: 15,
      satisfaction: null,
      openComplaints: 0,
    });
    expect(m['A-1']?.churn).toEqual({
      lastOrderAt: '2016-01-31',
      interval: 15,
      satisfaction: 1,
      openComplaints: 0,
    });
    expect(m['A-1']?.buysMostly).toEqual({ category: 'Furniture', share: 0.5 });
    await expectSameAsFull(deps, team.id);

    // Every line of Cy deleted: no churn inputs, and the team's interval is median(15, 18) = 16.5.
    const cyKeys = (
      await ctx.store.db.all<{ line_key: string }>(
        'SELECT line_key FROM order_lines WHERE team_id = ? AND customer_id = ?',
        [team.id, ids['C-1'] ?? ''],
      )
    ).map((r) => r.line_key);
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      expect(await tx.orderLines.deleteByKeys(team.id, cyKeys)).toBe(3);
      const r = await recomputeCustomerMetrics(tx, deps, team.id, version);
      return { result: r, changed: r.changed > 0 };
    });
    m = await metrics(team.id);
    expect(m['C-1']).toMatchObject({ tier: 'none', orders: 0, churn: null, buysMostly: null });
    expect(m['B-1']?.churn?.interval).toBe(16.5);
    expect(m['D-1']?.churn?.interval).toBe(18);
    await expectSameAsFull(deps, team.id);
  });

  it('a recompute without the insight fields leaves the next one with them to look at everyone', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [['1', 'O-1', '2016-01-01', 'A-1', 'Ann', 'P-1', 'Furniture', '100', '10']]),
    );
    const run = (insight: boolean) =>
      writeWithVersion(ctx.store, team.id, async (tx, version) => {
        const r = await recomputeCustomerMetrics(tx, deps, team.id, version, { insight });
        return { result: r, changed: r.changed > 0 };
      });
    expect((await run(false)).examined).toBe(1);
    expect((await run(false)).examined).toBe(0);
    expect((await run(true)).examined).toBe(1);
    expect((await run(true)).examined).toBe(0);
  });
  it('a small import moves the tier boundaries and re-tiers customers whose own lines did not change', async () => {
    const deps = importDeps(ctx.store);
    // Default thresholds a = 70, b = 90.
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        orderRow(1, 'A-1', '100', '50'),
        orderRow(2, 'B-1', '100', '30'),
        orderRow(3, 'C-1', '100', '10'),
        orderRow(4, 'D-1', '100', '10'),
        orderRow(5, 'E-1', '100', '-5'),
        orderRow(6, 'F-1', '10', '0'),
      ]),
    );
    const ids = Object.fromEntries(
      (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
        c.externalId,
        c.id,
      ]),
    ) as Record<string, string>;
    // C-1 and D-1 tie on 10: the smaller id (code-unit order) ranks first.
    const [tieFirst, tieSecond] = [ids['C-1'], ids['D-1']].sort() as [string, string];
    const external = (id: string) => Object.keys(ids).find((k) => ids[k] === id) as string;
    const tiersNow = async () =>
      Object.fromEntries(Object.entries(await metrics(team.id)).map(([k, m]) => [k, m.tier]));

    // P = 100; running 50 → A (5000 ≤ 7000), 80 → B (8000 ≤ 9000), 90 → B (9000 ≤ 9000), 100 → C.
    // Profit −5 and 0 → D.
    expect(await tiersNow()).toEqual({
      'A-1': 'A',
      'B-1': 'B',
      [external(tieFirst)]: 'B',
      [external(tieSecond)]: 'C',
      'E-1': 'D',
      'F-1': 'D',
    });

    // One new customer with profit 100: P = 200; running 100 → A, 150 → B (15000 > 14000), 180 → B,
    // 190 → C, 200 → C. A-1 and the tie's first customer change tier without a line of their own.
    const second = await importCsv(deps, team.id, csvOf(HEADER, [orderRow(7, 'G-1', '300', '100')]));
    expect(second.metrics?.changed).toBe(3);
    expect(await tiersNow()).toEqual({
      'A-1': 'B',
      'B-1': 'B',
      [external(tieFirst)]: 'C',
      [external(tieSecond)]: 'C',
      'E-1': 'D',
      'F-1': 'D',
      'G-1': 'A',
    });
    await expectSameAsFull(deps, team.id);

    // B-1 falls to −70 (D): P = 170; running 100 → A, 150 → B (15000 ≤ 15300), 160 → C, 170 → C.
    await importCsv(deps, team.id, csvOf(HEADER, [orderRow(8, 'B-1', '10', '-100')]));
    expect(await tiersNow()).toMatchObject({ 'A-1': 'B', 'B-1': 'D', 'G-1': 'A' });
    await expectSameAsFull(deps, team.id);

    // Every line of A-1 and E-1 deleted: both none; P = 120 and G-1 (12000 > 8400) is A as the first;
    // 110 → C (11000 > 10800), 120 → C.
    const keys = (
      await ctx.store.db.all<{ line_key: string }>(
        'SELECT line_key FROM order_lines WHERE team_id = ? AND customer_id IN (?, ?)',
        [team.id, ids['A-1'] ?? '', ids['E-1'] ?? ''],
      )
    ).map((r) => r.line_key);
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      expect(await tx.orderLines.deleteByKeys(team.id, keys)).toBe(2);
      const r = await recomputeCustomerMetrics(tx, deps, team.id, version);
      return { result: r, changed: r.changed > 0 };
    });
    expect(await tiersNow()).toEqual({
      'A-1': 'none',
      'B-1': 'D',
      [external(tieFirst)]: 'C',
      [external(tieSecond)]: 'C',
      'E-1': 'none',
      'F-1': 'D',
      'G-1': 'A',
    });
    await expectSameAsFull(deps, team.id);
  });

  it('tier boundaries walked across pages of the index: ties, negative profits, a customer losing every line', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    let n = 0;
    const line = (customer: string, profit: number) => orderRow(++n, customer, '1000', String(profit));
    // 800 customers, profits 1–13 (many ties), every tenth −2, −1 or 0 (D).
    const profitOf = (i: number) => (i % 10 === 9 ? -(i % 3) : ((i * 7919) % 13) + 1);
    const name = (i: number) => `K-${String(i).padStart(3, '0')}`;
    await importCsv(
      deps,
      team.id,
      csvOf(
        HEADER,
        Array.from({ length: 800 }, (_, i) => line(name(i), profitOf(i))),
      ),
    );
    await expectSameAsFull(deps, team.id);
    const tiersNow = async () => {
      const counts: Record<string, number> = {};
      for (const m of Object.values(await metrics(team.id))) counts[m.tier] = (counts[m.tier] ?? 0) + 1;
      return counts;
    };
    const positive = Array.from({ length: 800 }, (_, i) => profitOf(i)).filter((p) => p > 0);
    const total = positive.reduce((a, b) => a + b, 0);
    // A big customer with 3 × the team's profit: P = 4T, it is A as the first (3T > 2.8T), and the
    // old A and B customers fall (hundreds of rows, more than one page of the walk back).
    const imported = await importCsv(deps, team.id, csvOf(HEADER, [line('BIG', 3 * total)]));
    // The customer count comes from report_totals (directory + rollup orphans): 800 + BIG.
    expect(imported.metrics?.customers).toBe(801);
    const big = await tiersNow();
    expect(big.A).toBe(1);
    await expectSameAsFull(deps, team.id);

    // Some customers move: three go negative, five tie with others at 7, one moves to the top at 20.
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        line(name(0), -50),
        line(name(1), -50),
        line(name(2), -50),
        ...[10, 11, 12, 13, 14].map((i) => line(name(i), 7 - profitOf(i))),
        line(name(20), 20 - profitOf(20)),
      ]),
    );
    await expectSameAsFull(deps, team.id);

    // Every line of BIG deleted: it is none and the boundaries walk back down across the pages.
    const keys = (
      await ctx.store.db.all<{ line_key: string; customer_id: string }>(
        'SELECT l.line_key, l.customer_id FROM order_lines l WHERE l.team_id = ? AND l.profit > ?',
        [team.id, BigInt(total) * 10_000n],
      )
    ).map((r) => r.line_key);
    expect(keys).toHaveLength(1);
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      expect(await tx.orderLines.deleteByKeys(team.id, keys)).toBe(1);
      const r = await recomputeCustomerMetrics(tx, deps, team.id, version);
      return { result: r, changed: r.changed > 0 };
    });
    expect((await metrics(team.id)).BIG?.tier).toBe('none');
    const after = await tiersNow();
    expect(after.A).toBeGreaterThan(big.A ?? 0);
    await expectSameAsFull(deps, team.id);
  });

  it('maintained interval counts and live customers without a row: ties, lost lines, new and deleted customers', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    let n = 0;
    const on = (customer: string, day: string, profit = '1') => [
      String(++n),
      `O-${n}`,
      day,
      customer,
      customer,
      'P-1',
      'Furniture',
      '10',
      profit,
    ];
    /** interval_counts as kept (zero counts left out) and as counted from customer_intervals. */
    const counts = async () => {
      const kept = await ctx.store.db.all<{ own_interval: unknown; n: unknown }>(
        'SELECT own_interval, n FROM interval_counts WHERE team_id = ? AND n <> 0 ORDER BY own_interval',
        [team.id],
      );
      const counted = await ctx.store.db.all<{ own_interval: unknown; n: unknown }>(
        `SELECT own_interval, COUNT(*) AS n FROM customer_intervals WHERE team_id = ? AND own_interval IS NOT NULL
          GROUP BY own_interval ORDER BY own_interval`,
        [team.id],
      );
      const plain = (rows: typeof kept) => rows.map((r) => [Number(r.own_interval), Number(r.n)]);
      expect(plain(kept)).toEqual(plain(counted));
      return plain(kept);
    };
    // Own intervals: A and B 10 (a tie), C 4, E 7 (gaps 7, 7, 7), D two days (none: the team's).
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ...['2016-01-01', '2016-01-11', '2016-01-21'].map((d) => on('A-1', d)),
        ...['2016-01-01', '2016-01-11', '2016-01-21'].map((d) => on('B-1', d)),
        ...['2016-01-01', '2016-01-05', '2016-01-09'].map((d) => on('C-1', d)),
        ...['2016-01-01', '2016-01-03'].map((d) => on('D-1', d, '-3')),
        ...['2016-01-01', '2016-01-08', '2016-01-15', '2016-01-22'].map((d) => on('E-1', d)),
      ]),
    );
    expect(await counts()).toEqual([
      [4, 1],
      [7, 1],
      [10, 2],
    ]);
    let m = await metrics(team.id);
    // The team's interval: median(4, 7, 10, 10) = 8.5.
    expect(m['D-1']?.churn?.interval).toBe(8.5);
    expect(m['D-1']?.tier).toBe('D');

    // A customer created after the recompute, without lines: the next import (of others' lines)
    // gives it a row (tier none), found among the rows written since.
    const fresh = newRow(
      'customer',
      {
        id: uuidv7(),
        externalId: 'N-1',
        name: 'New',
        kind: 'company',
        domains: [],
        emails: [],
        ownerId: null,
        currency: null,
      },
      deps.hlc,
    );
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      await saveRows(tx, team.id, version, [fresh], deps.clock.now().toISOString());
      return { result: undefined, changed: true };
    });
    expect(await ctx.store.customerMetrics.liveWithoutRow(team.id)).toEqual([fresh.state.id]);

    // D's third day (gaps 2, 2 → 2) gives it an own interval: 2, 4, 7, 10, 10 (the team's 7, which
    // nobody takes now); B's new day keeps its 10 (gaps 10, 10, 1 → 10).
    await importCsv(deps, team.id, csvOf(HEADER, [on('D-1', '2016-01-05', '-1'), on('B-1', '2016-01-22')]));
    expect(await counts()).toEqual([
      [2, 1],
      [4, 1],
      [7, 1],
      [10, 2],
    ]);
    m = await metrics(team.id);
    expect(m['N-1']).toMatchObject({ tier: 'none', orders: 0, churn: null });
    expect(m['D-1']?.churn?.interval).toBe(2);
    expect(await ctx.store.customerMetrics.liveWithoutRow(team.id)).toEqual([]);
    await expectSameAsFull(deps, team.id);

    // Every line of A deleted: 2, 4, 7, 10 → the team's interval 5.5 (nobody takes it now), and a
    // customer row deleted (its metrics row stays as it was, as in a full recompute).
    const a = (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).find(
      (c) => c.externalId === 'A-1',
    );
    const aKeys = (
      await ctx.store.db.all<{ line_key: string }>(
        'SELECT line_key FROM order_lines WHERE team_id = ? AND customer_id = ?',
        [team.id, a?.id ?? ''],
      )
    ).map((r) => r.line_key);
    expect(aKeys).toHaveLength(3);
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      expect(await tx.orderLines.deleteByKeys(team.id, aKeys)).toBe(3);
      const newRowState = (await tx.rows.get(team.id, 'customer', fresh.state.id))!;
      await saveRows(
        tx,
        team.id,
        version,
        [
          {
            entity: 'customer',
            state: deleteRow(
              rowState(newRowState),
              fresh.state.id,
              deps.clock.now().toISOString(),
              deps.hlc.tick(),
            ),
          },
        ],
        deps.clock.now().toISOString(),
      );
      const r = await recomputeCustomerMetrics(tx, deps, team.id, version);
      return { result: r, changed: r.changed > 0 };
    });
    expect(await counts()).toEqual([
      [2, 1],
      [4, 1],
      [7, 1],
      [10, 1],
    ]);
    m = await metrics(team.id);
    expect(m['A-1']).toMatchObject({ tier: 'none', churn: null });
    expect(m['N-1']).toBeUndefined();
    expect(await ctx.store.customerMetrics.intervalMiddle(team.id)).toEqual([4, 7]);
    await expectSameAsFull(deps, team.id);
  });
});
