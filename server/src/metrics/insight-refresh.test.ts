import { expect, it } from 'vitest';
import { openComplaint, reportFixture } from '../routes/reports/fixture.ts';
import { forEachStore } from '../testing/test-store.ts';

// The report fixture's stored churn inputs (window 2015-02-09 – 2016-02-09, as of 2016-02-08):
// C-1 last order 2016-02-08, interval 17, tier C, no CSAT, no complaints -> score 0 + 10 + 10 + 0 = 20.
// A ticket or a survey answer must move the stored inputs, and so the Customers table's churn column
// and the card (the synced customerMetrics row), without an order import.
forEachStore('churn inputs follow tickets and surveys', (ctx) => {
  it('a complaint opened, a survey answer and the complaint resolved refresh the customer score', async () => {
    const { t, lead, team, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1') as string;
    const scoreOf = async () => {
      const res = await t.request('GET', '/api/v1/reports/customers?search=C-1', { token: lead.token });
      return res.body.items[0].churnScore as number;
    };
    const stored = async () => {
      const row = await ctx.store.rows.get(team.id, 'customerMetrics', c1);
      return (row?.data as { churn?: Record<string, unknown> } | undefined)?.churn;
    };
    const versionOf = async () => (await ctx.store.rows.get(team.id, 'customerMetrics', c1))?.version;
    expect(await scoreOf()).toBe(20);
    const v0 = await versionOf();

    // An open complaint: 10 points -> 30.
    const ticket = await openComplaint(t, lead.token, c1);
    expect(ticket.status).toBe(201);
    expect(await stored()).toMatchObject({ openComplaints: 1, satisfaction: null });
    expect(await scoreOf()).toBe(30);
    // The metrics row got a new version, so extensions pull the new inputs.
    expect(await versionOf()).toBeGreaterThan(v0 as number);

    // A survey answer in the window, CSAT 4 -> (4 − 1)/4 = 0.75: satisfaction (1 − 0.75) × 20 = 5 -> 25.
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: lead.token,
      json: { name: 'Carla' },
    });
    const survey = await t.request('POST', '/api/v1/surveys', {
      token: lead.token,
      json: { contactId: contact.body.id, customerId: c1, date: '2016-02-01', csat: 4 },
    });
    expect(survey.status).toBe(201);
    expect(await stored()).toMatchObject({ openComplaints: 1, satisfaction: 0.75 });
    expect(await scoreOf()).toBe(25);

    // Resolved (today, outside the metrics window, so its feedback does not count): 0 + 10 + 5 + 0 = 15.
    const resolved = await t.request('PATCH', `/api/v1/tickets/${ticket.body.id}`, {
      token: lead.token,
      json: { status: 'resolved', resolution: 'New chair sent', satisfaction: 1 },
    });
    expect(resolved.status).toBe(200);
    expect(await stored()).toMatchObject({ openComplaints: 0, satisfaction: 0.75 });
    expect(await scoreOf()).toBe(15);

    // A complaint for a customer without orders changes no metrics (no churn inputs to refresh).
    const other = await t.request('POST', '/api/v1/customers', {
      token: lead.token,
      json: { name: 'Nora None', kind: 'person', externalId: 'C-9' },
    });
    const before = await ctx.store.customerMetrics.churnInputs(team.id);
    await t.request('POST', '/api/v1/tickets', {
      token: lead.token,
      json: {
        customerId: other.body.id,
        title: 'Late',
        channel: 'email',
        category: 'delivery',
        severity: 'low',
        status: 'open',
      },
    });
    expect(await ctx.store.customerMetrics.churnInputs(team.id)).toEqual(before);
  });
});
