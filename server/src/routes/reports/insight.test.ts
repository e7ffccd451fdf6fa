import { expect, it } from 'vitest';
import { restClient as api, read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { openComplaint, reportFixture } from './fixture.ts';

// The report fixture's orders (see fixture.ts):
//   C-1: O-1 2016-01-05 (50 + 12.5), O-3 2016-02-03 (−1), O-7 2016-02-08 (0.5 + 0.5) -> 3 orders, profit 62.5
//   C-2: O-2 2016-01-10 (90), O-5 2016-01-25 (8)                                    -> 2 orders, profit 98
//   C-3: O-6 2016-01-07 (10)                                                        -> 1 order,  profit 10
const JAN_FEB = { from: '2016-01-01', to: '2016-03-01' }; // as of 2016-02-29 (2016 is a leap year)

forEachStore('insight reports', (ctx) => {
  it('segments: RFM by profit, sizes, profit share and tiers as hand-computed', async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const res = await read(reportRoute(t, 'segments', lead.token).$get({ query: JAN_FEB }));
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe('2016-02-29');
    // n = 3 scores by position 1, 2, 4 (⌊5i/3⌋ + 1).
    //   R by days descending: C-3 53 -> 1, C-2 35 -> 2, C-1 21 -> 4
    //   F: C-3 1 -> 1, C-2 2 -> 2, C-1 3 -> 4;  M: C-3 10 -> 1, C-1 62.5 -> 2, C-2 98 -> 4
    //   C-1 R4 F4 M2 (F+M 6): loyal; C-2 R2 F2 M4 (6): at-risk; C-3 R1 F1 M1: lost.
    // Tiers over the window, P = 170.5: C-2 98 A; C-1 running 160.5 (94 % > 90 %) C; C-3 C.
    const rows = res.body.items.map((i: Record<string, unknown>) => [
      i.customerId,
      i.recencyDays,
      i.orders,
      i.profit,
      i.r,
      i.f,
      i.m,
      i.segment,
      i.tier,
    ]);
    expect(rows).toEqual([
      ['C-2', 35, 2, '98.00', 2, 2, 4, 'at-risk', 'A'],
      ['C-1', 21, 3, '62.50', 4, 4, 2, 'loyal', 'C'],
      ['C-3', 53, 1, '10.00', 1, 1, 1, 'lost', 'C'],
    ]);
    const seg = Object.fromEntries(
      res.body.segments.map(
        (s: { segment: string; customers: number; profit: string; profitShare: number }) => [
          s.segment,
          [s.customers, s.profit, s.profitShare],
        ],
      ),
    );
    // Shares of 170.5: 98 / 170.5 = 0.574780…, 62.5 / 170.5 = 0.366568…, 10 / 170.5 = 0.058651…
    expect(seg['at-risk']).toEqual([1, '98.00', 0.574780058651]);
    expect(seg.loyal).toEqual([1, '62.50', 0.366568914956]);
    expect(seg.lost).toEqual([1, '10.00', 0.058651026393]);
    expect(seg.champions).toEqual([0, '0.00', 0]);
    expect(res.body.totals).toEqual({ customers: 3, profit: '170.50' });
    // Three customers: only k = 2 can be tried; every customer is in a cluster.
    expect(res.body.clusters.k).toBe(2);
    expect(res.body.clusters.groups.reduce((s: number, g: { customers: number }) => s + g.customers, 0)).toBe(
      3,
    );

    // Filters: one segment, one owner (rep1 owns C-1).
    const loyal = await read(
      reportRoute(t, 'segments', lead.token).$get({
        query: { ...JAN_FEB, segment: 'loyal', clusters: 'false' },
      }),
    );
    expect(loyal.body.items.map((i: { id: string }) => i.id)).toEqual([customers.get('C-1')]);
    expect(loyal.body.clusters).toBeNull();
    const mine = await read(
      reportRoute(t, 'segments', rep1.token).$get({ query: { ...JAN_FEB, ownerId: rep1.user.id } }),
    );
    expect(mine.body.items.map((i: { customerId: string }) => i.customerId)).toEqual(['C-1']);
  });

  it('segments: movement from the previous window of equal length', async () => {
    const { t, lead } = await reportFixture(ctx.store);
    // February 2016 (29 days) against [2016-01-03, 2016-02-01), as of 2016-01-31:
    //   previous: R by days descending C-1 26 -> 1, C-3 24 -> 2, C-2 6 -> 4; F: C-1, C-3 tie at 1 order -> 1,
    //   C-2 -> 4; M: C-3 10 -> 1, C-1 62.5 -> 2, C-2 98 -> 4. C-1 R1 F1: lost; C-3 R2 F1 M1: other; C-2: champions.
    //   current: only C-1 (O-3, O-7: profit −1 + 1 = 0): alone, R1 F1 M1 -> lost, tier D.
    const res = await read(
      reportRoute(t, 'segments', lead.token).$get({ query: { from: '2016-02-01', to: '2016-03-01' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.previous).toEqual({ from: '2016-01-03', to: '2016-02-01', asOf: '2016-01-31' });
    expect(res.body.transitions).toEqual([
      { from: 'champions', to: 'none', customers: 1 },
      { from: 'lost', to: 'lost', customers: 1 },
      { from: 'other', to: 'none', customers: 1 },
    ]);
    expect(res.body.items.map((i: { segment: string; tier: string }) => [i.segment, i.tier])).toEqual([
      ['lost', 'D'],
    ]);
    // Too few customers to cluster.
    expect(res.body.clusters).toBeNull();
  });

  it('churn: intervals, lateness and scores as hand-computed, follow-up order', async () => {
    const { t, lead, customers } = await reportFixture(ctx.store);
    const c1 = customers.get('C-1');
    const contact = await read(api(t, lead.token).contacts.$post({ json: { name: 'Carla' } }));
    expect(contact.status).toBe(201);
    const survey = await read(
      api(t, lead.token).surveys.$post({
        json: { contactId: contact.body.id, customerId: c1, date: '2016-02-10', csat: 4 },
      }),
    );
    expect(survey.status).toBe(201);
    const ticket = await openComplaint(t, lead.token, c1!);
    expect(ticket.status).toBe(201);

    const res = await read(reportRoute(t, 'churn', lead.token).$get({ query: JAN_FEB }));
    expect(res.status).toBe(200);
    // C-1 order days Jan 5, Feb 3, Feb 8: gaps 29, 5 -> median 17 (own). Team interval = median of [17] = 17.
    //   C-1: 21 days (2·21 = 42 ≤ 51, not late); lateness 40 × (21/17 − 1)/2 = 4.71; tier C 10; CSAT 4 -> 0.75
    //        -> 5; 1 open complaint 10 -> 29.7 -> 30.
    //   C-2: 35 days against 17 (team): late; lateness 40 × (35/17 − 1)/2 = 21.18; A 0; no CSAT 10 -> 31.
    //   C-3: 53 days: late; ratio 3.12 ≥ 3 -> 40; C 10; 10 -> 60.
    // Follow-up order: at risk (late or ≥ 50) by profit: C-2 (98), C-3 (10); then C-1.
    expect(res.body.teamInterval).toBe(17);
    expect(res.body.late).toBe(2);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [
        i.customerId,
        i.daysSinceLastOrder,
        i.interval,
        i.intervalSource,
        i.late,
        i.score,
        i.openComplaints,
        i.satisfaction,
      ]),
    ).toEqual([
      ['C-2', 35, 17, 'team', true, 31, 0, null],
      ['C-3', 53, 17, 'team', true, 60, 0, null],
      ['C-1', 21, 17, 'own', false, 30, 1, 0.75],
    ]);
    const byScore = await read(
      reportRoute(t, 'churn', lead.token).$get({ query: { ...JAN_FEB, sort: 'score' } }),
    );
    expect(byScore.body.items.map((i: { customerId: string }) => i.customerId)).toEqual([
      'C-3',
      'C-2',
      'C-1',
    ]);
    const onlyLate = await read(
      reportRoute(t, 'churn', lead.token).$get({
        query: { ...JAN_FEB, late: 'true', sort: 'score', order: 'asc' },
      }),
    );
    expect(onlyLate.body.items.map((i: { customerId: string }) => i.customerId)).toEqual(['C-2', 'C-3']);
  });

  it('answers bad queries with a JSON 4xx', async () => {
    const { t, lead } = await reportFixture(ctx.store);
    for (const path of [
      '/api/v1/reports/segments?segment=vip',
      '/api/v1/reports/segments?limit=0',
      '/api/v1/reports/segments?from=2016-03-01&to=2016-01-01',
      '/api/v1/reports/churn?minScore=101',
      '/api/v1/reports/churn?sort=random',
      '/api/v1/reports/churn?allTime=true&from=2016-01-01',
    ]) {
      // Raw: bad queries on purpose, over two routes in one list.
      const res = await t.request('GET', path, { token: lead.token });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toMatch(/bad_request|validation_failed/);
    }
  });
});
