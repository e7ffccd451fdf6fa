import { twelveMonthKeys } from '@rapport/shared/domain/month-profits';
import { expect, it } from 'vitest';
import { csvOf, importCsv, importDeps, LINE_KEY_COLUMNS, newTeam } from '../imports/test-kit.ts';
import { toJson } from '../store/driver.ts';
import { monthProfitsSql } from '../store/migrations/009-month-profits.ts';
import { rowsJsonText } from '../store/migrations/013-rows-json-text.ts';
import { forEachStore } from '../testing/test-store.ts';
import { refreshCustomerMetrics } from './recompute.ts';

const HEADER = [...LINE_KEY_COLUMNS, 'Product ID', 'Sales', 'Profit'];

forEachStore('migration 009: metrics rows keep 12 monthly profits', (ctx) => {
  /** Every metrics sync row's state and data and the projection's data, by customer id. */
  async function stored(teamId: string) {
    const out = new Map<string, { state: unknown; data: unknown; version: number; projection: unknown }>();
    const projection = await ctx.store.customerMetrics.all(teamId);
    for (const [id, p] of projection) {
      const row = await ctx.store.rows.get(teamId, 'customerMetrics', id);
      out.set(id, { state: row?.state, data: row?.data, version: row?.version ?? -1, projection: p.data });
    }
    return out;
  }

  it('rewrites rows stored with month objects as the recompute writes them now, changing no version', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    await importCsv(
      deps,
      team.id,
      csvOf(HEADER, [
        ['1', 'O-1', '2016-01-20', 'A-1', 'Ann', 'P-1', '1000', '100'],
        ['2', 'O-2', '2016-03-01', 'A-1', 'Ann', 'P-1', '200', '-20.5'],
        ['3', 'O-3', '2015-04-02', 'B-1', 'Bob', 'P-1', '500', '50'],
      ]),
    );
    const now = await stored(team.id);
    // As of 2016-03-01 (the newest line): Ann's months end 100.00 (Jan), 0.00 (Feb), -20.50 (Mar); Bob's
    // April 2015 is the first of the 12.
    const byName = new Map(
      (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
        c.externalId,
        c.id,
      ]),
    );
    const ann = now.get(byName.get('A-1')!)!.data as { monthProfits: string[] };
    const bob = now.get(byName.get('B-1')!)!.data as { monthProfits: string[] };
    expect(ann.monthProfits.slice(-3)).toEqual(['100.00', '0.00', '-20.50']);
    expect(bob.monthProfits).toEqual(['50.00', ...Array(11).fill('0.00')]);

    // Put every row back in the form written before the migration: 12 month objects with revenue.
    const keys = twelveMonthKeys('2016-03-01');
    const legacy = (profits: string[]) =>
      profits.map((profit, i) => ({ month: keys[i], revenue: i === 0 ? '500.00' : '0.00', profit }));
    for (const [id, row] of now) {
      const { monthProfits, ...data } = row.data as { monthProfits: string[] };
      const state = structuredClone(row.state) as { fields: Record<string, { v: unknown; t: string }> };
      const field = state.fields.monthProfits!;
      delete state.fields.monthProfits;
      state.fields.months = { v: legacy(field.v as string[]), t: field.t };
      const old = { ...data, months: legacy(monthProfits) };
      await ctx.store.db.run(
        'UPDATE rows SET state = ?, data = ? WHERE team_id = ? AND entity = ? AND id = ?',
        [toJson(state), toJson(old), team.id, 'customerMetrics', id],
      );
      await ctx.store.db.run('UPDATE customer_metrics SET data = ? WHERE team_id = ? AND customer_id = ?', [
        toJson(old),
        team.id,
        id,
      ]);
    }
    expect((await stored(team.id)).get(byName.get('A-1')!)!.data).toHaveProperty('months');

    // Migration 009 ran on the columns as they were then: Postgres kept rows' state and data as
    // jsonb until migration 013, which runs again afterwards.
    if (ctx.store.db.dialect === 'postgres')
      await ctx.store.db.exec(
        'ALTER TABLE rows ALTER COLUMN state TYPE jsonb USING state::jsonb, ALTER COLUMN data TYPE jsonb USING data::jsonb',
      );
    await ctx.store.db.exec(monthProfitsSql(ctx.store.db.dialect));
    await ctx.store.db.exec(rowsJsonText.up(ctx.store.db.dialect));
    expect(await stored(team.id)).toEqual(now);
    // A full recompute afterwards finds nothing to rewrite.
    await ctx.store.db.run('DELETE FROM metrics_state WHERE team_id = ?', [team.id]);
    expect((await refreshCustomerMetrics(ctx.store, deps, team.id)).changed).toBe(0);
  });
});
