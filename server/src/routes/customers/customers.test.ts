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

forEachStore("a customer's orders for the quick lookup", (ctx) => {
  it('lists the newest orders and orders by month with exact money, for any member of the team', async () => {
    const { t, rep2, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1') as string;
    // rep2 does not own C-1: the lookup is for whoever picks up the phone.
    const res = await t.request('GET', `/api/v1/customers/${c1}/orders`, { token: rep2.token });
    expect(res.status).toBe(200);
    // C-1: O-1 (Jan 5) 100/50 + 50.01/12.5; O-3 (Feb 3) 10.005/−1; O-7 (Feb 8) 2 × 3.125/0.5.
    expect(res.body).toEqual({
      customer: { id: c1, externalId: 'C-1', name: 'Carla One' },
      currency: 'USD',
      totalOrders: 3,
      orders: [
        // 1 / 6.25 = 0.16
        {
          orderId: 'O-7',
          orderedAt: '2016-02-08',
          lines: 2,
          revenue: '6.25',
          profit: '1.00',
          margin: '0.1600',
        },
        // −1 / 10.005 = −0.099950… -> −0.1000 (half away from zero at 4 places)
        {
          orderId: 'O-3',
          orderedAt: '2016-02-03',
          lines: 1,
          revenue: '10.005',
          profit: '-1.00',
          margin: '-0.1000',
        },
        // 62.5 / 150.01 = 0.416638… -> 0.4166
        {
          orderId: 'O-1',
          orderedAt: '2016-01-05',
          lines: 2,
          revenue: '150.01',
          profit: '62.50',
          margin: '0.4166',
        },
      ],
      months: [
        { month: '2016-01', orders: 1, revenue: '150.01', profit: '62.50' },
        // 10.005 + 6.25 revenue, −1 + 1 profit
        { month: '2016-02', orders: 2, revenue: '16.255', profit: '0.00' },
      ],
    });
    const two = await t.request('GET', `/api/v1/customers/${c1}/orders?limit=2`, { token: rep2.token });
    expect([two.body.totalOrders, two.body.orders.map((o: { orderId: string }) => o.orderId)]).toEqual([
      3,
      ['O-7', 'O-3'],
    ]);
  });

  it('refuses bad limits, unknown ids and other teams’ customers', async () => {
    const { t, lead, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1') as string;
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=1.5']) {
      const res = await t.request('GET', `/api/v1/customers/${c1}/orders?${q}`, { token: lead.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.message, q).toMatch(/limit must be a whole number 1–200/);
    }
    expect((await t.request('GET', `/api/v1/customers/${c1}/orders`)).status).toBe(401);
    const unknown = await t.request('GET', '/api/v1/customers/01944f3a-7c00-7000-8000-000000000999/orders', {
      token: lead.token,
    });
    expect(unknown.status).toBe(404);
    const otherLead = await t.member(await seedTeam(ctx.store, 'Other team'), 'lead');
    const theirs = await t.request('GET', `/api/v1/customers/${c1}/orders`, { token: otherLead.token });
    expect(theirs.status).toBe(404);
    // A customer without lines has no orders.
    const fresh = await t.request('POST', '/api/v1/customers', {
      token: lead.token,
      json: { name: 'New Buyer', kind: 'person', externalId: 'NB-1' },
    });
    const none = await t.request('GET', `/api/v1/customers/${fresh.body.id}/orders`, { token: lead.token });
    expect(none.body).toMatchObject({ totalOrders: 0, orders: [], months: [] });
  });
});
