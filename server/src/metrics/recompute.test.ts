import { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { materialize } from '@rapport/shared/sync/materialize';
import { expect, it } from 'vitest';
import { rowState } from '../entities/save.ts';
import { csvOf, importCsv, importDeps, LINE_KEY_COLUMNS, newTeam } from '../imports/test-kit.ts';
import { DAY_MS, manualClock } from '../lib/clock.ts';
import { createLogger } from '../lib/log.ts';
import { forEachStore } from '../testing/test-store.ts';
import { refreshCustomerMetrics } from './recompute.ts';
import { startMetricsScheduler } from './scheduler.ts';

const HEADER = [...LINE_KEY_COLUMNS, 'Product ID', 'Sales', 'Profit'];

forEachStore('customer metrics', (ctx) => {
  async function metricsRows(teamId: string) {
    const byExternal = new Map<string, { version: number; data: CustomerMetrics }>();
    const customers = await ctx.store.rowQueries.live<{ id: string; externalId: string }>(teamId, 'customer');
    for (const c of customers) {
      const row = await ctx.store.rows.get(teamId, 'customerMetrics', c.id);
      if (row) byExternal.set(c.externalId, { version: row.version, data: CustomerMetrics.parse(row.data) });
    }
    return byExternal;
  }

  it('writes a metrics row per customer, and re-versions only the rows whose figures changed', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2016-03-01', 'A-1', 'Ann', 'P-1', '1000', '100'],
        ['2', 'O-2', '2016-03-02', 'B-1', 'Bob', 'P-1', '500', '50'],
        ['3', 'O-3', '2016-03-03', 'C-1', 'Cy', 'P-1', '9000', '-10'],
      ]),
    );
    const first = await metricsRows(team.id);
    const v1 = (await ctx.store.teams.get(team.id))!.version;
    expect([...first.values()].map((m) => m.version)).toEqual([v1, v1, v1]);
    // P = 150: Ann 100 is first (A); Bob's running 150 is over 90 % (C); Cy loses money (D).
    expect(Object.fromEntries([...first].map(([id, m]) => [id, m.data.tier]))).toEqual({
      'A-1': 'A',
      'B-1': 'C',
      'C-1': 'D',
    });
    expect(first.get('A-1')!.data).toMatchObject({
      revenue: '1000.00',
      profit: '100.00',
      orders: 1,
      margin: '0.1000',
      lastOrderAt: '2016-03-01',
    });
    // The 12 monthly profits ending with the as-of month (2016-03, the newest line's): only March has lines.
    expect(first.get('A-1')!.data.monthProfits).toEqual([...Array(11).fill('0.00'), '100.00']);
    expect(first.get('A-1')!.data.months).toBeUndefined();

    // Another loss for Cy: only Cy's figures change.
    const s = await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [['4', 'O-4', '2016-03-04', 'C-1', 'Cy', 'P-1', '10', '-5']]),
    );
    expect(s.metrics).toEqual({ customers: 3, changed: 1 });
    const second = await metricsRows(team.id);
    const v2 = (await ctx.store.teams.get(team.id))!.version;
    expect(v2).toBe(v1 + 1);
    expect(second.get('A-1')!.version).toBe(v1);
    expect(second.get('B-1')!.version).toBe(v1);
    expect(second.get('C-1')).toMatchObject({
      version: v2,
      data: { profit: '-15.00', orders: 2, tier: 'D' },
    });
    const projection = await ctx.store.customerMetrics.all(team.id);
    expect([...projection.values()].map((p) => [p.tier, p.version]).sort()).toEqual([
      ['A', v1],
      ['C', v1],
      ['D', v2],
    ]);

    // Nothing changed: no row and no team version move, and no customer needed a look.
    expect(await refreshCustomerMetrics(ctx.store, deps, team.id)).toMatchObject({ changed: 0, examined: 0 });
    expect((await ctx.store.teams.get(team.id))!.version).toBe(v2);
  });

  it('rebuilds only customers whose lines changed or whose tier moved, with the answers of a full recompute', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2016-03-01', 'A-1', 'Ann', 'P-1', '1000', '100'],
        ['2', 'O-2', '2016-03-02', 'B-1', 'Bob', 'P-1', '500', '50'],
        ['3', 'O-3', '2016-03-03', 'C-1', 'Cy', 'P-1', '900', '30'],
        ['4', 'O-4', '2016-03-04', 'D-1', 'Di', 'P-1', '100', '-1'],
      ]),
    );
    // Ann +10 profit: P = 190, Ann 110 (57.9 %) A, Bob 160 (84.2 %) B, Cy C, Di D: only Ann changes.
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [['5', 'O-5', '2016-04-01', 'A-1', 'Ann', 'P-1', '20', '10']]),
    );
    const tiers = async () =>
      Object.fromEntries(
        [...(await metricsRows(team.id))].map(([id, m]) => [id, [m.data.tier, m.data.profit]]),
      );
    expect(await tiers()).toEqual({
      'A-1': ['A', '110.00'],
      'B-1': ['B', '50.00'],
      'C-1': ['C', '30.00'],
      'D-1': ['D', '-1.00'],
    });
    // Cy +200 profit: P = 390, Cy 230 (59 %) A, Ann 340 (87.2 %) B, Bob 390 C: Cy's lines changed,
    // Ann and Bob only moved tier; Di is not looked at.
    const rawRow = async (externalId: string) => {
      const [c] = (
        await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')
      ).filter((x) => x.externalId === externalId);
      return (await ctx.store.rows.get(team.id, 'customerMetrics', c!.id))!;
    };
    const cyBefore = await rawRow('C-1');
    const s = await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [['6', 'O-6', '2016-04-02', 'C-1', 'Cy', 'P-1', '400', '200']]),
    );
    expect(s.metrics).toEqual({ customers: 4, changed: 3 });
    const incremental = await tiers();
    expect(incremental).toEqual({
      'A-1': ['B', '110.00'],
      'B-1': ['C', '50.00'],
      'C-1': ['A', '230.00'],
      'D-1': ['D', '-1.00'],
    });
    // A changed row is replaced whole: every field stamped after the old row's clocks, its state
    // materialising to the data stored beside it.
    const cyAfter = await rawRow('C-1');
    expect(cyAfter.version).toBeGreaterThan(cyBefore.version);
    const oldest = Object.values(rowState(cyAfter).fields)
      .map((f) => f.t)
      .sort()[0]!;
    const newestBefore = Object.values(rowState(cyBefore).fields)
      .map((f) => f.t)
      .sort()
      .at(-1)!;
    expect(oldest > newestBefore).toBe(true);
    expect(materialize('customerMetrics', rowState(cyAfter))).toEqual(cyAfter.data);
    // A full recompute (as after a window change) finds the same figures.
    await ctx.store.db.run('DELETE FROM metrics_state WHERE team_id = ?', [team.id]);
    const full = await refreshCustomerMetrics(ctx.store, deps, team.id);
    expect(full).toMatchObject({ examined: 4, changed: 0 });
    expect(await tiers()).toEqual(incremental);
  });

  it('recomputes daily: a trailing window that moves past a customer drops them to tier none', async () => {
    const clock = manualClock('2026-01-15T09:00:00.000Z');
    const deps = importDeps(ctx.store, clock);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'trailing', days: 30 } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2026-01-10', 'A-2', 'Ann', 'P-1', '100', '40'],
        ['2', 'O-2', '2025-12-20', 'B-2', 'Bob', 'P-1', '100', '30'],
      ]),
    );
    expect(Object.fromEntries([...(await metricsRows(team.id))].map(([id, m]) => [id, m.data.tier]))).toEqual(
      { 'A-2': 'A', 'B-2': 'C' },
    ); // P = 70: Bob's running 70 is past 90 %
    const before = await metricsRows(team.id);

    const messages: string[] = [];
    const log = createLogger('info', (line) => messages.push(JSON.parse(line).message));
    const scheduler = startMetricsScheduler({ store: ctx.store, clock, log, intervalMs: 3_600_000 });
    await scheduler.tick();
    const runs = () => messages.filter((m) => m === 'customer metrics recomputed').length;
    const afterStart = runs();
    expect(afterStart).toBeGreaterThan(0); // once per team at start
    await scheduler.tick();
    expect(runs()).toBe(afterStart); // same day: nothing to do

    clock.advance(10 * DAY_MS); // 2026-01-25: the window starts 2025-12-27, Bob's order falls out
    await scheduler.tick();
    await scheduler.stop();
    expect(runs()).toBeGreaterThan(afterStart);
    const after = await metricsRows(team.id);
    expect(after.get('B-2')!.data).toMatchObject({
      tier: 'none',
      revenue: '0.00',
      orders: 0,
      lastOrderAt: null,
    });
    expect(after.get('B-2')!.version).toBeGreaterThan(before.get('B-2')!.version);
    expect(after.get('A-2')!.version).toBe(before.get('A-2')!.version);
  });
});
