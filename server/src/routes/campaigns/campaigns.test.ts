import { expect, it } from 'vitest';
import { seedTeam, type TestApp } from '../../testing/test-app.ts';
import { restClient as api, read, routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from '../reports/fixture.ts';
import { campaignsRouter } from './campaigns.index.ts';

const campaignsApi = (t: TestApp, token: string) =>
  routeClient(t, '/campaigns', campaignsRouter, token).api.v1.campaigns;

forEachStore('campaigns', (ctx) => {
  it('builds a list from filters, snapshots it, exports it, logs a touch and reports attributed profit', async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1') as string;
    const c2 = customers.get('C-2') as string;
    const c3 = customers.get('C-3') as string;
    const contact = async (name: string, customerId: string) =>
      (
        await read(
          api(t, lead.token).contacts.$post({
            json: { name, emails: [`${name.replace(/\W/g, '').toLowerCase()}@x.example`], customerId },
          }),
        )
      ).body as { id: string };
    const carla = await contact('Carla Buyer', c1);
    const eve = await contact('=HYPERLINK("x")', c3);
    await contact('Dan Buyer', c2);

    // Tier window: 365 days to the newest line, 2016-02-08. Profit C-2 98 (A), C-1 62.5 and C-3 10 (C).
    // Order days: C-1 Jan 5, Feb 3, Feb 8 (gaps 29, 5: interval 17); C-2 and C-3 take the team's 17.
    // C-3's last order Jan 7 is 32 days back: late (2 × 32 > 3 × 17); C-1 (0) and C-2 (14) are not.
    const count = async (filters: Record<string, unknown>) =>
      (await read(campaignsApi(t, rep1.token).preview.$post({ json: filters }))).body;
    expect(await count({ tier: ['C'] })).toEqual({ members: 2 });
    expect(await count({ churn: 'late' })).toEqual({ members: 1 });
    expect(await count({ tier: ['A'], churn: 'late' })).toEqual({ members: 0 });
    expect(await count({})).toEqual({ members: 3 });
    // Raw: an unknown tier on purpose, which the typed body refuses to compile.
    const bad = await t.request('POST', '/api/v1/campaigns/preview', {
      token: lead.token,
      json: { tier: ['Z'] },
    });
    expect(bad.status).toBe(400);

    // A rep reads campaigns but does not create them.
    const denied = await read(campaignsApi(t, rep1.token).$post({ json: { name: 'Nope', filters: {} } }));
    expect(denied.status).toBe(403);
    const made = await read(
      campaignsApi(t, lead.token).$post({ json: { name: 'Tier C winback', filters: { tier: ['C'] } } }),
    );
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    expect(made.body).toMatchObject({ name: 'Tier C winback', members: 2, touches: [] });
    const got = await read(campaignsApi(t, rep1.token)[':id'].$get({ param: { id } }));
    expect(got.body.memberIds).toEqual([c1, c3].sort());

    // Export: one row per member contact, formula-like cells neutralised; vCard per contact.
    const csv = await read(
      campaignsApi(t, lead.token)[':id'].export.$get({ param: { id }, query: { format: 'csv' } }),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('x-record-count')).toBe('2');
    expect(String(csv.body)).toContain('Carla Buyer');
    expect(String(csv.body)).toContain(`"'=HYPERLINK(""x"")"`);
    const vcf = await read(
      campaignsApi(t, lead.token)[':id'].export.$get({ param: { id }, query: { format: 'vcard' } }),
    );
    expect((String(vcf.body).match(/BEGIN:VCARD/g) ?? []).length).toBe(2);

    // Touch on 2016-01-06: a 'campaign' interaction on each member's contact (Dan's customer is not a member).
    t.clock.set('2016-01-06T10:00:00.000Z');
    const touch = await read(
      campaignsApi(t, lead.token)[':id'].touch.$post({
        param: { id },
        json: { channel: 'email', note: 'New year offer' },
      }),
    );
    expect(touch.status).toBe(200);
    expect(touch.body.interactions).toBe(2);
    const logged = await read(api(t, lead.token).interactions.$get({ query: { contactId: carla.id } }));
    expect(logged.body.items.map((i: { kind: string; summary: string }) => [i.kind, i.summary])).toEqual([
      ['campaign', 'New year offer'],
    ]);
    // Eve writes back on Jan 10 (an inbound email counts as a response).
    await read(
      api(t, lead.token).interactions.$post({
        json: {
          contactId: eve.id,
          customerId: c3,
          kind: 'email',
          channel: 'email',
          direction: 'in',
          at: '2016-01-10T09:00:00.000Z',
          subject: 'Re: offer',
          summary: null,
          body: null,
          sourceUrl: null,
          sourceKey: null,
          supersedes: null,
        },
      }),
    );

    // Within 30 days of Jan 6: C-1's O-3 (Feb 3: 10.005 / −1) and C-3's O-6 (Jan 7: 1000 / 10); not C-1's
    // O-1 (Jan 5, before) nor O-7 (Feb 8, 33 days). Revenue 1010.005, profit 9; Eve's reply is one response.
    const report = await read(campaignsApi(t, rep1.token)[':id'].report.$get({ param: { id } }));
    expect(report.body).toEqual({
      campaignId: id,
      windowDays: 30,
      reach: 2,
      responders: 2,
      orders: 2,
      socialInteractions: 1,
      revenue: '1010.005',
      profit: '9.00',
    });

    // Another team sees none of it.
    const other = await seedTeam(ctx.store);
    const stranger = await t.member(other, 'lead');
    expect((await read(campaignsApi(t, stranger.token)[':id'].$get({ param: { id } }))).status).toBe(404);
    expect((await read(campaignsApi(t, stranger.token).$get())).body).toEqual({
      items: [],
    });
    expect(
      (await read(campaignsApi(t, rep1.token).$get())).body.items.map((c: { id: string }) => c.id),
    ).toEqual([id]);
  });
});
