import { describe, expect, it } from 'vitest';
import { newId } from '../testing/ids.ts';
import { migratedBefore } from '../testing/migrated-before.ts';
import { STORE_KINDS } from '../testing/test-store.ts';
import { migrations } from './migrations/index.ts';
import { runMigrations } from './migrations/run-migrations.ts';

const AT = '2026-03-01T10:00:00.000Z';

for (const kind of STORE_KINDS) {
  describe(`migration 015: interval counts and tier totals backfilled, then kept by triggers [${kind}]`, () => {
    const m = migratedBefore(kind, 15);

    const metric = (teamId: string, customerId: string, tier: string, profit: number, lines: number) =>
      m.driver.run(
        `INSERT INTO customer_metrics (team_id, customer_id, revenue, profit, orders, tier, last_order_at, lines, data, version, computed_at)
         VALUES (?, ?, ?, ?, 1, ?, NULL, ?, ?, 1, ?)`,
        [teamId, customerId, profit * 20_000, profit * 10_000, tier, lines, '{}', AT],
      );
    const interval = (teamId: string, customerId: string, own: number | null) =>
      m.driver.run(
        'INSERT INTO customer_intervals (team_id, customer_id, last_day, own_interval) VALUES (?, ?, ?, ?)',
        [teamId, customerId, '2016-01-01', own],
      );
    const totals = async (teamId: string) => {
      const r = await m.driver.get<{ a: unknown; b: unknown }>(
        'SELECT a, b FROM tier_totals WHERE team_id = ?',
        [teamId],
      );
      return [Number(r?.a ?? 0) / 10_000, Number(r?.b ?? 0) / 10_000];
    };
    const counts = async (teamId: string) =>
      (
        await m.driver.all<{ own_interval: unknown; n: unknown }>(
          'SELECT own_interval, n FROM interval_counts WHERE team_id = ? AND n <> 0 ORDER BY own_interval',
          [teamId],
        )
      ).map((r) => [Number(r.own_interval), Number(r.n)]);

    it('sums the ranked profit per tier and counts each own interval, per team', async () => {
      const one = await m.store.teams.create({ id: newId(), name: 'One', settings: {}, at: AT });
      const two = await m.store.teams.create({ id: newId(), name: 'Two', settings: {}, at: AT });
      const c = Array.from({ length: 6 }, () => newId());
      // Ranked: lines > 0 and profit > 0. c6 has tier A but no lines; C and D do not count.
      await metric(one.id, c[0] as string, 'A', 500, 3);
      await metric(one.id, c[1] as string, 'A', 300, 1);
      await metric(one.id, c[2] as string, 'B', 120, 2);
      await metric(one.id, c[3] as string, 'C', 50, 1);
      await metric(one.id, c[4] as string, 'D', -20, 1);
      await metric(one.id, c[5] as string, 'A', 70, 0);
      await metric(two.id, newId(), 'A', 999, 1);
      await interval(one.id, c[0] as string, 10);
      await interval(one.id, c[1] as string, 10);
      await interval(one.id, c[2] as string, 4.5);
      await interval(one.id, c[3] as string, null);
      await interval(two.id, newId(), 7);

      expect(await runMigrations(m.driver, migrations.slice(0, 15))).toEqual([15]);
      expect(await totals(one.id)).toEqual([800, 120]);
      expect(await totals(two.id)).toEqual([999, 0]);
      expect(await counts(one.id)).toEqual([
        [4.5, 1],
        [10, 2],
      ]);
      expect(await counts(two.id)).toEqual([[7, 1]]);

      // Kept by the triggers: a tier change, a deleted row, a row gaining lines.
      await m.driver.run('UPDATE customer_metrics SET tier = ? WHERE team_id = ? AND customer_id = ?', [
        'B',
        one.id,
        c[1] as string,
      ]);
      await m.driver.run('DELETE FROM customer_metrics WHERE team_id = ? AND customer_id = ?', [
        one.id,
        c[0] as string,
      ]);
      await m.driver.run('UPDATE customer_metrics SET lines = 2 WHERE team_id = ? AND customer_id = ?', [
        one.id,
        c[5] as string,
      ]);
      expect(await totals(one.id)).toEqual([70, 420]);
      expect(await totals(two.id)).toEqual([999, 0]);
      await m.driver.run('DELETE FROM customer_intervals WHERE team_id = ? AND customer_id = ?', [
        one.id,
        c[0] as string,
      ]);
      await interval(one.id, c[4] as string, 4.5);
      await m.driver.run(
        'UPDATE customer_intervals SET own_interval = 3 WHERE team_id = ? AND customer_id = ?',
        [one.id, c[3] as string],
      );
      expect(await counts(one.id)).toEqual([
        [3, 1],
        [4.5, 2],
        [10, 1],
      ]);

      // The team's interval from the counts: 3, 4.5, 4.5, 10 → the middle two. c2's 4.5 replaced by
      // 20 in place (putIntervals' upsert, the update triggers): 3, 4.5, 10, 20; then c2 removed: 3, 4.5, 10.
      const repo = m.store.customerMetrics;
      expect(await repo.intervalMiddle(one.id)).toEqual([4.5, 4.5]);
      await repo.putIntervals(
        one.id,
        [c[2] as string],
        [{ customerId: c[2] as string, lastDay: '2026-02-01', own: 20 }],
      );
      expect(await repo.intervalMiddle(one.id)).toEqual([4.5, 10]);
      await repo.putIntervals(one.id, [c[2] as string], []);
      expect(await repo.intervalMiddle(one.id)).toEqual([4.5]);
      expect(await repo.intervalMiddle(newId())).toEqual([]);
    });
  });
}
