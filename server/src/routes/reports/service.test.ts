import { expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { restClient as api, read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('service report and ticket status history', (ctx) => {
  async function world() {
    const t = createTestApp(ctx.store); // clock: 2026-01-15T09:00Z
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead', { name: 'Lena Lead' });
    const rep = await t.member(team, 'rep', { name: 'Rafa Rep' });
    const ticket = async (json: Record<string, unknown>) => {
      const res = await read(
        api(t, lead.token).tickets.$post({
          json: { channel: 'email', severity: 'medium', title: 'Problem', ...json },
        }),
      );
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body as Record<string, unknown> & { id: string };
    };
    return { t, team, lead, rep, ticket };
  }

  it('REST keeps a timestamped status history and sets resolvedAt from the shared rule', async () => {
    const { t, lead, rep, ticket } = await world();
    const created = await ticket({ category: 'delivery', status: 'open', assigneeId: rep.user.id });
    expect(created.history).toEqual([{ status: 'open', at: '2026-01-15T09:00:00.000Z', by: lead.user.id }]);
    expect(created.resolvedAt).toBeNull();
    t.clock.advance(3 * 3_600_000);
    const resolved = await read(
      api(t, rep.token).tickets[':id'].$patch({
        param: { id: created.id },
        json: { status: 'resolved', resolution: 'Resent the parcel', satisfaction: 4 },
      }),
    );
    // A rep edits only what they own: the lead logged it, so the assignee is refused.
    expect(resolved.status).toBe(403);
    const byLead = await read(
      api(t, lead.token).tickets[':id'].$patch({
        param: { id: created.id },
        json: { status: 'resolved', resolution: 'Resent the parcel', satisfaction: 4 },
      }),
    );
    expect(byLead.status).toBe(200);
    expect(byLead.body).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-01-15T12:00:00.000Z',
      resolution: 'Resent the parcel',
      satisfaction: 4,
      history: [
        { status: 'open', at: '2026-01-15T09:00:00.000Z', by: lead.user.id },
        { status: 'resolved', at: '2026-01-15T12:00:00.000Z', by: lead.user.id },
      ],
    });
  });

  it('refuses bad ticket input with a clear message and stores nothing', async () => {
    const { t, lead, rep } = await world();
    const valid = { channel: 'email', severity: 'medium', title: 'X', category: 'delivery', status: 'open' };
    const bad = async (json: Record<string, unknown>, text: string) => {
      const res = await read(api(t, lead.token).tickets.$post({ json: { ...valid, ...json } }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(text);
    };
    await bad({ satisfaction: 6 }, 'satisfaction must be 1–5');
    await bad({ status: 'done' }, 'status must be one of open, in-progress, resolved, closed');
    await bad({ sourceUrl: 'javascript:alert(1)' }, 'expected an http(s) URL');
    await bad({ history: [{ status: 'open', at: 'yesterday', by: null }] }, 'history');
    await bad({ assigneeId: 'someone' }, 'assigneeId');
    const list = await read(api(t, rep.token).tickets.$get({ query: {} }));
    expect(list.body.items).toEqual([]);
  });

  it('/reports/service: by category, status, assignee and open age (hand-computed)', async () => {
    const { t, lead, rep, ticket } = await world();
    // delivery: a resolved in 30 h (score 2), b resolved in 6 h (score 5), c open since 2026-01-13 (2 days)
    await ticket({
      category: 'delivery',
      status: 'resolved',
      createdAt: '2026-01-02T00:00:00.000Z',
      resolvedAt: '2026-01-03T06:00:00.000Z',
      satisfaction: 2,
      assigneeId: rep.user.id,
    });
    await ticket({
      category: 'delivery',
      status: 'closed',
      createdAt: '2026-01-10T00:00:00.000Z',
      resolvedAt: '2026-01-10T06:00:00.000Z',
      satisfaction: 5,
      assigneeId: rep.user.id,
    });
    await ticket({
      category: 'delivery',
      status: 'open',
      createdAt: '2026-01-13T09:00:00.000Z',
      assigneeId: rep.user.id,
    });
    // billing: open since 2025-11-01 (75 days), unassigned; created outside a January window
    await ticket({ category: 'billing', status: 'in-progress', createdAt: '2025-11-01T09:00:00.000Z' });

    const res = await read(
      reportRoute(t, 'service', rep.token).$get({ query: { from: '2026-01-01', to: '2026-02-01' } }),
    );
    expect(res.status).toBe(200);
    const delivery = res.body.byCategory.find((c: { category: string }) => c.category === 'delivery');
    expect(delivery).toEqual({
      category: 'delivery',
      label: 'Delivery',
      opened: 3,
      resolved: 2,
      medianResolutionHours: 18, // (30 + 6) / 2
      meanResolutionHours: 18,
      satisfaction: 3.5, // (2 + 5) / 2
      satisfactionCount: 2,
    });
    expect(res.body.byCategory.find((c: { category: string }) => c.category === 'billing')).toMatchObject({
      opened: 0,
      resolved: 0,
      satisfaction: null,
    });
    expect(res.body.byStatus).toEqual({ open: 1, 'in-progress': 1, resolved: 1, closed: 1 });
    expect(res.body.byAssignee).toEqual([
      // Equal open counts sort by id; null sorts as "null", after the UUIDv7.
      { assigneeId: rep.user.id, name: 'Rafa Rep', open: 1, resolved: 2 },
      { assigneeId: null, name: null, open: 1, resolved: 0 },
    ]);
    expect(res.body.openAges).toEqual({ 'under-1d': 0, '1-3d': 1, '3-7d': 0, '7-30d': 0, 'over-30d': 1 });
    expect(res.body.total).toMatchObject({ opened: 3, resolved: 2, satisfaction: 3.5 });

    // The default window is the last 90 days: 2025-10-18 .. 2026-01-15, so billing's ticket is in it.
    const def = await read(reportRoute(t, 'service', lead.token).$get({ query: {} }));
    expect(def.body.window).toMatchObject({ from: '2025-10-18', to: '2026-01-16', label: 'Last 90 days' });
    expect(def.body.total.opened).toBe(4);

    const wrong = await read(
      reportRoute(t, 'service', lead.token).$get({ query: { from: '2026-02-01', to: '2026-01-01' } }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('must be before');
  });
});
