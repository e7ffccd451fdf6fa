import { newId } from '@rapport/shared/ids';
import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { hlc, SyncClient } from '../sync/sync-kit.ts';
import { reportsRouter } from './reports.index.ts';

forEachStore('employee pulse: pulse.add and the team trend', (ctx) => {
  it('stores each employee’s own score; leads see averages and only shared comments', async () => {
    const t = createTestApp(ctx.store); // 2026-01-15T09:00Z
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const ana = await t.member(team, 'rep', { name: 'Ana' });
    const bo = await t.member(team, 'rep', { name: 'Bo' });
    const pulse = (userId: string, date: string, score: number, comment: string | null, shared = false) => ({
      name: 'pulse.add',
      args: { pulse: { id: newId(), userId, date, score, comment, shared }, t: hlc(0) },
    });
    const anaDevice = new SyncClient(t, ana.token);
    const sent = pulse(ana.user.id, '2026-01-05', 2, 'Too many late deliveries to apologise for');
    const res = await anaDevice.push(
      sent,
      pulse(ana.user.id, '2026-01-07', 3, null), // her latest that week counts
      pulse(ana.user.id, '2026-01-12', 4, 'Better week', true),
      // Not hers: refused, the rest of the batch applies.
      pulse(bo.user.id, '2026-01-12', 1, 'forged'),
    );
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'rejected',
    ]);
    expect(res.body.results[3].reason).toContain('only be recorded by the employee it belongs to');
    // A repeat of the same pulse id changes nothing.
    await anaDevice.push(sent);
    await new SyncClient(t, bo.token).push(pulse(bo.user.id, '2026-01-13', 5, 'Private to Bo'));
    await new SyncClient(t, bo.token)
      .push({
        name: 'pulse.add',
        args: {
          pulse: { id: newId(), userId: bo.user.id, date: '2026-01-13', score: 6, comment: null },
          t: hlc(0),
        },
      })
      .then((r) => expect(r.body.results[0].reason).toContain('score must be 1–5'));

    const pulseReport = (token: string) => {
      const route = routeClient(t, '/reports', reportsRouter, token).api.v1.reports.pulse;
      // Routes with a path parameter give the client an index signature: name the known key.
      return route as NonNullable<typeof route>;
    };
    const leadRes = await pulseReport(lead.token).$get({ query: {} });
    expect(leadRes.status).toBe(200);
    const asLead = await leadRes.json();
    expect(asLead.byWeek).toEqual([
      { period: '2026-01-05', average: 3, count: 1 }, // Ana's latest of that week: 3
      { period: '2026-01-12', average: 4.5, count: 2 }, // (4 + 5) / 2
    ]);
    expect(asLead.byMonth).toEqual([{ period: '2026-01', average: 4.5, count: 2 }]);
    expect(asLead.comments).toEqual([{ date: '2026-01-12', score: 4, comment: 'Better week', mine: false }]);

    const asAna = await (await pulseReport(ana.token).$get({ query: {} })).json();
    expect(asAna.comments.map((c) => [c.comment, c.mine])).toEqual([
      ['Too many late deliveries to apologise for', true],
      ['Better week', true],
    ]);
    // Pulses never travel in a pull: other teammates' comments stay on the server.
    const pulled = await new SyncClient(t, lead.token).pullAll();
    expect([...pulled.rows.keys()].some((k) => k.startsWith('employeePulse') || k.startsWith('pulse'))).toBe(
      false,
    );

    const january = await (
      await pulseReport(lead.token).$get({ query: { from: '2026-01-12', to: '2026-02-01' } })
    ).json();
    expect(january.byWeek).toEqual([{ period: '2026-01-12', average: 4.5, count: 2 }]);
  });
});
