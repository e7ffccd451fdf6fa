import { expect, it } from 'vitest';
import { seedTeam } from '../../testing/test-app.ts';
import { routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from '../reports/fixture.ts';
import { reportsRouter } from '../reports/reports.index.ts';
import { customersRouter } from './customers.index.ts';

forEachStore('merge two customers', (ctx) => {
  it('previews, then moves order lines and records, removes the loser as an alias, and recomputes tiers', async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1') as string;
    const c3 = customers.get('C-3') as string;
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: lead.token,
      json: { name: 'Cora Three', customerId: c3 },
    });
    expect(contact.status).toBe(201);
    const merge = async (json: { from: string; dryRun?: boolean }, token = lead.token, id = c1) => {
      const res = await routeClient(t, '/customers', customersRouter, token).api.v1.customers[
        ':id'
      ].merge.$post({
        param: { id },
        json,
      });
      // biome-ignore lint/suspicious/noExplicitAny: refusals are read as the error shape
      return { status: res.status as number, body: (await res.json()) as any };
    };
    const { reports } = routeClient(t, '/reports', reportsRouter, lead.token).api.v1;
    // Routes with a path parameter give the client an index signature: name the known key.
    const customerReport = reports.customers as NonNullable<typeof reports.customers>;
    const report = async () =>
      (await customerReport.$get({ query: { allTime: 'true', sort: 'name', order: 'asc' } })).json();
    const before = await report();

    expect((await merge({ from: c3 }, rep1.token)).status).toBe(403);
    expect((await merge({ from: c1 })).status).toBe(400);
    expect((await merge({ from: 'not-an-id' })).status).toBe(400);

    const dry = await merge({ from: c3, dryRun: true });
    expect(dry.status).toBe(200);
    // C-3 has one order line and the contact above.
    expect(dry.body).toMatchObject({
      into: { id: c1, name: 'Carla One' },
      moves: { orderLines: 1, contact: 1, opportunity: 0, ticket: 0 },
      dryRun: true,
      version: null,
    });
    expect(await report()).toEqual(before);

    const done = await merge({ from: c3 });
    expect(done.status).toBe(200);
    expect(done.body.moves).toMatchObject({ orderLines: 1, contact: 1 });
    const after = await report();
    // C-1 166.265 / 62.50 (3 orders) + C-3 1000 / 10 (1 order); the team's totals do not change.
    const carla = after.items.find((r) => r.customerId === 'C-1');
    expect(carla).toMatchObject({ revenue: '1166.265', profit: '72.50', orders: 4 });
    expect(after.items.map((r) => r.customerId)).not.toContain('C-3');
    // The team's money does not change; it has one customer fewer.
    expect(after.totals).toEqual({ ...before.totals, customers: before.totals.customers - 1 });
    expect((await t.request('GET', `/api/v1/customers/${c3}`, { token: lead.token })).status).toBe(404);
    const moved = await t.request('GET', `/api/v1/contacts/${contact.body.id}`, { token: lead.token });
    expect(moved.body.customerId).toBe(c1);
    // Clients that still hold C-3's id resolve it to C-1.
    expect(await ctx.store.aliases.resolve(lead.user.teamId, 'customer', [c3])).toEqual(new Map([[c3, c1]]));
    // The merged customer is gone: merging it again is a 404.
    expect((await merge({ from: c3 })).status).toBe(404);
  });

  it("never reaches another team's customer", async () => {
    const { t, lead, customers } = await reportFixture(ctx.store);
    const otherLead = await t.member(await seedTeam(ctx.store, 'Other team'), 'lead');
    const theirs = await t.request('POST', '/api/v1/customers', {
      token: otherLead.token,
      json: { name: 'Their customer', kind: 'person', externalId: 'X-1' },
    });
    expect(theirs.status).toBe(201);
    const c1 = customers.get('C-1') as string;
    const merge = (token: string) =>
      routeClient(t, '/customers', customersRouter, token).api.v1.customers[':id'].merge;
    const res = await merge(lead.token).$post({ param: { id: c1 }, json: { from: theirs.body.id } });
    expect(res.status).toBe(404);
    const back = await merge(otherLead.token).$post({ param: { id: theirs.body.id }, json: { from: c1 } });
    expect(back.status).toBe(404);
  });
});
