import { expect, it } from 'vitest';
import { pokes } from '../../sync/pokes.ts';
import { read, settingsApi } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from '../reports/fixture.ts';

// A settings save decides tiers and figures (tier window, thresholds): it must recompute them at
// once and wake the team's clients, or badges show old figures under the new window's label.
forEachStore('settings save recomputes metrics', (ctx) => {
  it('a new tier window re-tiers every customer, moves the team version and pokes clients', async () => {
    const f = await reportFixture(ctx.store);
    const metrics = async () => {
      const out = new Map<string, Record<string, unknown>>();
      for (const [external, id] of f.customers) {
        const row = await ctx.store.rows.get(f.team.id, 'customerMetrics', id);
        if (row) out.set(external, row.data);
      }
      return out;
    };
    // 365 days up to the newest line (2016-02-08): every line counts. Profit C-2 98, C-1 62.5, C-3 10.
    const before = await metrics();
    expect([...before].map(([k, m]) => [k, m.tier, m.profit])).toEqual([
      ['C-1', 'C', '62.50'],
      ['C-2', 'A', '98.00'],
      ['C-3', 'C', '10.00'],
    ]);
    const versionBefore = (await ctx.store.teams.get(f.team.id))!.version;
    const poked: number[] = [];
    const unsubscribe = pokes.subscribe(f.team.id, (p) => poked.push(p.version));
    try {
      // February 2016 only: C-1 has −1 + 0.5 + 0.5 = 0 profit (tier D), the others no lines (none).
      const res = await read(
        settingsApi(f.t, f.lead.token).$patch({
          json: { tierWindow: { kind: 'range', from: '2016-02-01', to: '2016-03-01' } },
        }),
      );
      expect(res.status).toBe(200);
    } finally {
      unsubscribe();
    }
    const version = (await ctx.store.teams.get(f.team.id))!.version;
    expect(version).toBe(versionBefore + 1);
    expect(poked).toEqual([version]);
    const after = await metrics();
    expect([...after].map(([k, m]) => [k, m.tier, m.profit])).toEqual([
      ['C-1', 'D', '0.00'],
      ['C-2', 'none', '0.00'],
      ['C-3', 'none', '0.00'],
    ]);
    for (const m of after.values()) expect(m.window).toMatchObject({ from: '2016-02-01', to: '2016-03-01' });

    // A change that leaves every figure alone still rewrites the window each row names.
    await read(
      settingsApi(f.t, f.lead.token).$patch({
        json: { tierWindow: { kind: 'range', from: '2016-02-01', to: '2016-02-29' } },
      }),
    );
    for (const m of (await metrics()).values()) expect(m.window).toMatchObject({ to: '2016-02-29' });
  });
});
