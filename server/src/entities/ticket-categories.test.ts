import { expect, it } from 'vitest';
import { hlc, upsert } from '../routes/sync/sync-kit.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';

const ticket = { title: 'Late', channel: 'email', severity: 'low', status: 'open' };

forEachStore('ticket categories', (ctx) => {
  it("a ticket's category must be one of the team's; a removed one stays until changed", async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const unknown = await t.request('POST', '/api/v1/tickets', {
      token: lead.token,
      json: { ...ticket, category: 'weather' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      {
        path: 'category',
        message:
          '"weather" is not one of the team\'s ticket categories (product-quality, delivery, billing, service-attitude, other)',
      },
    ]);
    const huge = await t.request('POST', '/api/v1/tickets', {
      token: lead.token,
      json: { ...ticket, category: 'x'.repeat(1024 * 1024) },
    });
    expect(huge.status).toBe(400);
    const ok = await t.request('POST', '/api/v1/tickets', {
      token: lead.token,
      json: { ...ticket, category: 'delivery' },
    });
    expect(ok.status).toBe(201);
    await t.request('PATCH', '/api/v1/settings', {
      token: lead.token,
      json: { ticketCategories: [{ id: 'billing', label: 'Billing' }] },
    });
    const rename = await t.request('PATCH', `/api/v1/tickets/${ok.body.id}`, {
      token: lead.token,
      json: { title: 'Very late' },
    });
    expect(rename.status).toBe(200);
    expect(rename.body.category).toBe('delivery');
    const toOther = await t.request('PATCH', `/api/v1/tickets/${ok.body.id}`, {
      token: lead.token,
      json: { category: 'other' },
    });
    expect(toOther.status).toBe(400);
  });

  it('a pushed ticket with an unknown category is rejected alone', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const good = newId();
    const res = await t.request('POST', '/api/v1/sync/push', {
      token: lead.token,
      json: {
        clientId: newId(),
        mutations: [
          { id: 1, ...upsert('ticket', newId(), null, { ...ticket, category: 'weather' } as never, hlc(1)) },
          { id: 2, ...upsert('ticket', good, null, { ...ticket, category: 'billing' } as never, hlc(2)) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'applied']);
    expect(res.body.results[0].reason).toMatch(
      /^category: "weather" is not one of the team's ticket categories/,
    );
    expect((await ctx.store.rowQueries.live<{ id: string }>(team.id, 'ticket')).map((r) => r.id)).toEqual([
      good,
    ]);
  });
});
