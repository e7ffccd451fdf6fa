import { expect, it } from 'vitest';
import { restClient as api, read, reportRoute, settingsApi } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { type ReportFixture, reportFixture } from './fixture.ts';

/** Contacts, interactions, opportunities, surveys and a ticket on top of the order fixture (today is 2026-01-15). */
async function activity(f: ReportFixture) {
  type Path = 'contacts' | 'interactions' | 'opportunities' | 'surveys' | 'tickets';
  const post = async (path: Path, token: string, json: Record<string, unknown>) => {
    const res = await read(api(f.t, token)[path].$post({ json }));
    if (res.status !== 201) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const k1 = await post('contacts', f.rep1.token, { name: 'Kim One', customerId: f.customers.get('C-2') }); // tier A: 14 days
  const k2 = await post('contacts', f.rep1.token, { name: 'Kai Two' }); // no customer, no opportunity: no cadence
  const k3 = await post('contacts', f.rep1.token, { name: 'Kit Three', followUpOn: '2026-01-15' }); // scheduled today
  const k4 = await post('contacts', f.rep2.token, { name: 'Kay Four', customerId: f.customers.get('C-1') }); // tier C: 60 days
  const note = { kind: 'note', channel: 'email', direction: 'out' };
  await post('interactions', f.rep1.token, { ...note, contactId: k1, at: '2025-12-20T10:00:00Z' }); // due 2026-01-03: overdue
  await post('interactions', f.rep2.token, { ...note, contactId: k4, at: '2026-01-05T10:00:00Z' }); // due 2026-03-06: ok
  const opportunity = (
    stage: string,
    amount: string,
    closeDate: string | null,
    contactId: string | null = null,
  ) =>
    post('opportunities', f.lead.token, { title: `${stage} ${amount}`, stage, amount, closeDate, contactId });
  await opportunity('lead', '1000', null);
  await opportunity('proposal', '2000.50', null);
  await opportunity('won', '500', '2016-01-20', k1);
  await opportunity('lost', '300', '2016-02-01');
  await opportunity('won', '700', '2015-06-01');
  await post('surveys', f.lead.token, { contactId: k1, date: '2016-01-10', csat: 5, nps: 10 });
  await post('surveys', f.lead.token, { contactId: k2, date: '2016-01-12', csat: 3, nps: 6 });
  await post('surveys', f.lead.token, { contactId: k4, date: '2016-02-01', nps: 8 });
  await post('tickets', f.lead.token, {
    title: 'Late delivery',
    channel: 'email',
    category: 'delivery',
    severity: 'low',
    status: 'resolved',
    resolvedAt: '2016-02-05T10:00:00Z',
    satisfaction: 1,
  });
  return { k1, k2, k3, k4 };
}

forEachStore('activity reports', (ctx) => {
  it('follow-ups per rep: overdue and due listed, a rep sees only their own', async () => {
    const f = await reportFixture(ctx.store);
    const { k1, k3 } = await activity(f);
    const lead = await read(reportRoute(f.t, 'follow-ups', f.lead.token).$get({ query: {} }));
    expect(lead.status).toBe(200);
    const one = lead.body.reps.find((r: { ownerId: string }) => r.ownerId === f.rep1.user.id);
    expect(one).toMatchObject({
      name: 'Rep One',
      today: '2026-01-15',
      timeZone: 'UTC',
      counts: { overdue: 1, due: 1, soon: 0, ok: 0, none: 1 },
    });
    expect(one.items.map((i: Record<string, unknown>) => [i.contactId, i.status, i.tier, i.due])).toEqual([
      [k1, 'overdue', 'A', '2026-01-03'],
      [k3, 'due', 'none', '2026-01-15'],
    ]);
    expect(
      lead.body.reps.find((r: { ownerId: string }) => r.ownerId === f.rep2.user.id).counts,
    ).toMatchObject({ ok: 1, overdue: 0 });
    const rep = await read(reportRoute(f.t, 'follow-ups', f.rep2.token).$get({ query: {} }));
    expect(rep.body.reps.map((r: { ownerId: string }) => r.ownerId)).toEqual([f.rep2.user.id]);
  });

  it('funnel by stage with weighted amounts, and conversion in the window', async () => {
    const f = await reportFixture(ctx.store);
    await activity(f);
    const res = await read(
      reportRoute(f.t, 'funnel', f.rep1.token).$get({ query: { from: '2016-01-01', to: '2016-03-01' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.stages).toEqual([
      { stage: 'lead', count: 1, amount: '1000.00', probability: 10, weighted: '100.00' },
      { stage: 'qualified', count: 0, amount: '0.00', probability: 25, weighted: '0.00' },
      { stage: 'proposal', count: 1, amount: '2000.50', probability: 50, weighted: '1000.25' },
      { stage: 'negotiation', count: 0, amount: '0.00', probability: 75, weighted: '0.00' },
      { stage: 'won', count: 1, amount: '500.00', probability: 100, weighted: '500.00' },
      { stage: 'lost', count: 1, amount: '300.00', probability: 0, weighted: '0.00' },
    ]);
    expect(res.body.pipeline).toEqual({ count: 2, amount: '3000.50', weighted: '1100.25' });
    expect(res.body.conversion).toEqual({ won: 1, lost: 1, rate: 0.5 });
  });

  it('CSAT with ticket feedback and NPS, overall and by month', async () => {
    const f = await reportFixture(ctx.store);
    await activity(f);
    const res = await read(
      reportRoute(f.t, 'satisfaction', f.rep1.token).$get({
        query: { from: '2016-01-01', to: '2016-03-01' },
      }),
    );
    // CSAT 5, 3 and ticket feedback 1: ((4 + 2 + 0) / 4) / 3 = 0.5; NPS: one promoter, one detractor, one passive = 0.
    expect(res.body).toMatchObject({
      csat: 0.5,
      csatResponses: 2,
      ticketFeedback: 1,
      nps: 0,
      npsResponses: 3,
    });
    expect(res.body.distribution.csat).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 1 });
    expect(res.body.byMonth).toEqual([
      { month: '2016-01', csat: 0.75, csatResponses: 2, ticketFeedback: 0, nps: 0, npsResponses: 2 },
      { month: '2016-02', csat: 0, csatResponses: 0, ticketFeedback: 1, nps: 0, npsResponses: 1 },
    ]);
  });

  it('CRM coefficient with its factors: previous-window or configured baseline, and what is missing', async () => {
    const f = await reportFixture(ctx.store);
    await activity(f);
    const feb = await read(
      reportRoute(f.t, 'coefficient', f.lead.token).$get({ query: { from: '2016-02-01', to: '2016-03-01' } }),
    );
    expect(feb.status).toBe(200);
    // Feb: satisfaction 0 (ticket 1/5), loyalty 1 (C-1 ordered twice), conversion 0 (one lost).
    // Jan (baseline): satisfaction 0.75, loyalty 1/3 (only C-2 repeats), conversion 1 -> 0.25.
    expect(feb.body).toMatchObject({
      window: { from: '2016-02-01', to: '2016-03-01' },
      previousWindow: { from: '2016-01-01', to: '2016-02-01' },
      value: 0,
      missing: [],
      factors: { satisfaction: 0, loyalty: 1, conversion: 0 },
      baselineSource: 'previous-window',
    });
    expect(feb.body.baseline).toBeCloseTo(0.25, 12);

    expect(
      (await read(settingsApi(f.t, f.lead.token).$patch({ json: { coefficientBaseline: 0.5 } }))).status,
    ).toBe(200);
    const jan = await read(
      reportRoute(f.t, 'coefficient', f.lead.token).$get({ query: { from: '2016-01-01', to: '2016-02-01' } }),
    );
    expect(jan.body).toMatchObject({
      baseline: 0.5,
      baselineSource: 'configured',
      factors: { satisfaction: 0.75, conversion: 1 },
    });
    expect(jan.body.value).toBeCloseTo(0.5, 12);

    const rep2 = await read(
      reportRoute(f.t, 'coefficient', f.rep2.token).$get({
        query: { from: '2016-02-01', to: '2016-03-01', ownerId: f.rep2.user.id },
      }),
    );
    expect(rep2.body).toMatchObject({
      value: null,
      factors: { satisfaction: null, loyalty: null, conversion: null },
    });
    expect(rep2.body.missing).toEqual(expect.arrayContaining(['satisfaction', 'loyalty', 'conversion']));
    expect(
      (await read(reportRoute(f.t, 'coefficient', f.rep1.token).$get({ query: { ownerId: f.rep2.user.id } })))
        .status,
    ).toBe(403);
  });

  it('suggests links by the shared rule: normalised name, work-email domain, company', async () => {
    const f = await reportFixture(ctx.store);
    const company = await read(
      api(f.t, f.lead.token).companies.$post({ json: { name: 'DAN two', domains: [] } }),
    );
    const a = await read(api(f.t, f.rep1.token).contacts.$post({ json: { name: '  carla ONE ' } }));
    const b = await read(
      api(f.t, f.rep1.token).contacts.$post({ json: { name: 'Someone', companyId: company.body.id } }),
    );
    await read(
      api(f.t, f.rep1.token).contacts.$post({
        json: { name: 'Carla One', customerId: f.customers.get('C-1') },
      }),
    );
    const initech = await read(
      api(f.t, f.lead.token).customers.$post({
        json: { name: 'Initech', kind: 'company', domains: ['initech.com'] },
      }),
    );
    expect(initech.status).toBe(201);
    const c = await read(
      api(f.t, f.rep1.token).contacts.$post({ json: { name: 'Peter', emails: ['peter@initech.com'] } }),
    );
    const res = await read(reportRoute(f.t, 'link-suggestions', f.rep1.token).$get({ query: {} }));
    expect(
      res.body.items.map((s: Record<string, unknown>) => [s.contactId, s.customerName, s.reason]),
    ).toEqual([
      [a.body.id, 'Carla One', 'name'],
      [b.body.id, 'Dan Two', 'company'],
      [c.body.id, 'Initech', 'domain'],
    ]);
  });
});
