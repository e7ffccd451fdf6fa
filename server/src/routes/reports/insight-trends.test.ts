import { expect, it } from 'vitest';
import { csvOf } from '../../imports/test-kit.ts';
import { seedTeam } from '../../testing/test-app.ts';
import { restClient as api, read, reportRoute } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';

forEachStore('insight reports: forecast, affinity, relationships', (ctx) => {
  it('forecast: monthly history, SES chosen by backtest, MASE, weighted pipeline beside it', async () => {
    const { t, lead, rep1, rep2 } = await reportFixture(ctx.store);
    // Pipeline: rep1 proposal 1,000 closing 2016-03-15 -> 50 % = 500 in March; lead won 200 on 2016-02-20.
    const opp = (token: string, json: Record<string, unknown>) =>
      read(api(t, token).opportunities.$post({ json }));
    expect(
      (
        await opp(rep1.token, {
          title: 'Desk deal',
          amount: '1000',
          stage: 'proposal',
          closeDate: '2016-03-15',
        })
      ).status,
    ).toBe(201);
    expect(
      (await opp(lead.token, { title: 'Won one', amount: '200', stage: 'won', closeDate: '2016-02-20' }))
        .status,
    ).toBe(201);
    const res = await read(
      reportRoute(t, 'forecast', lead.token).$get({ query: { months: '6', horizon: '3' } }),
    );
    expect(res.status).toBe(200);
    // The newest line is 2016-02-08 (historical data): the last complete month is January 2016.
    expect([res.body.asOf, res.body.historyFrom, res.body.historyTo]).toEqual([
      '2016-02-08',
      '2015-08-01',
      '2016-01-31',
    ]);
    // Team profit Aug–Dec 0, January 50 + 90 + 12.5 + 8 + 10 = 170.5.
    const team = res.body.team;
    expect(team.history.map((h: { profit: string }) => h.profit)).toEqual([
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '170.50',
    ]);
    expect(team.history[5].revenue).toBe('1390.01');
    // Backtest: fit on [0, 0, 0], hold out [0, 0, 170.5]. No seasonal naive (< 12 months). SES forecasts 0:
    // MAE 170.5 / 3 = 56.8333; the scale (mean |Δ| of the fitted months) is 0, so MASE is null.
    // Refit on all six: the only error before the last update is (170.5 − 0)² for every α, so α = 0.1
    // and the level is 0.1 × 170.5 = 17.05 for each month ahead.
    expect([team.method, team.alpha, team.heldOut]).toEqual(['ses', 0.1, 3]);
    expect(team.backtest).toEqual([{ method: 'ses', mae: '56.8333', mase: null }]);
    expect(team.forecast).toEqual([
      { month: '2016-02', profit: '17.05', pipelineWeighted: '0.00', won: '200.00' },
      { month: '2016-03', profit: '17.05', pipelineWeighted: '500.00', won: '0.00' },
      { month: '2016-04', profit: '17.05', pipelineWeighted: '0.00', won: '0.00' },
    ]);
    // rep1 owns C-1: January 50 + 12.5 = 62.5 -> level 6.25; their pipeline 500 in March.
    const r1 = res.body.reps.find((r: { ownerId: string }) => r.ownerId === rep1.user.id);
    expect(r1.name).toBe('Rep One');
    expect(
      r1.forecast.map((f: { profit: string; pipelineWeighted: string }) => [f.profit, f.pipelineWeighted]),
    ).toEqual([
      ['6.25', '0.00'],
      ['6.25', '500.00'],
      ['6.25', '0.00'],
    ]);
    // A rep may narrow to themselves, not to a teammate.
    const own = await read(reportRoute(t, 'forecast', rep1.token).$get({ query: { ownerId: rep1.user.id } }));
    expect(own.body.reps.map((r: { ownerId: string }) => r.ownerId)).toEqual([rep1.user.id]);
    const other = await read(
      reportRoute(t, 'forecast', rep1.token).$get({ query: { ownerId: rep2.user.id } }),
    );
    expect(other.status).toBe(403);
    for (const q of ['horizon=7', 'months=5', 'months=61', 'horizon=x']) {
      // Bad on purpose: the strings are read loosely, as the query would arrive.
      const query = Object.fromEntries(new URLSearchParams(q));
      const bad = await read(reportRoute(t, 'forecast', lead.token).$get({ query }));
      expect(bad.status, q).toBe(400);
    }
  });

  it('affinity: share, lift, buys mostly, and pairs bought together', async () => {
    const team = await seedTeam(ctx.store);
    const { t } = await reportFixture(ctx.store); // an app over the same store
    const lead = await t.member(team, 'lead');
    // K-1: O-1 Chairs 100 + Paper 20, O-2 Chairs 50; K-2: O-3 Paper 30 + Tables 70.
    const csv = csvOf(
      [
        'Row ID',
        'Order ID',
        'Order Date',
        'Customer ID',
        'Customer Name',
        'Category',
        'Sub-Category',
        'Product Name',
        'Sales',
        'Profit',
      ],
      [
        ['1', 'O-1', '2016-03-01', 'K-1', 'Kim', 'Furniture', 'Chairs', 'Chair', '100', '10'],
        ['2', 'O-1', '2016-03-01', 'K-1', 'Kim', 'Office', 'Paper', 'Paper', '20', '5'],
        ['3', 'O-2', '2016-03-09', 'K-1', 'Kim', 'Furniture', 'Chairs', 'Chair', '50', '5'],
        ['4', 'O-3', '2016-03-05', 'K-2', 'Lee', 'Office', 'Paper', 'Paper', '30', '6'],
        ['5', 'O-3', '2016-03-05', 'K-2', 'Lee', 'Furniture', 'Tables', 'Table', '70', '-7'],
      ],
    );
    // Raw: a text/csv body, which the typed client (JSON and form bodies) cannot send.
    const imported = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body.errorCount, JSON.stringify(imported.body)).toBe(0);
    const kim = (
      await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')
    ).find((c) => c.externalId === 'K-1');
    const res = await read(
      reportRoute(t, 'affinity', lead.token).$get({ query: { allTime: 'true', customerId: kim?.id } }),
    );
    expect(res.status).toBe(200);
    // Base: Furniture 220, Office 50 of 270 -> 0.814815, 0.185185.
    expect(res.body.base).toEqual([
      { category: 'Furniture', spend: '220.00', share: 0.814814814815 },
      { category: 'Office', spend: '50.00', share: 0.185185185185 },
    ]);
    // Kim: Furniture 150 / 170 = 0.882353, lift 150·270 / (170·220) = 1.082888; Office 20 / 170, lift
    // 20·270 / (170·50) = 0.635294.
    expect(res.body.customer).toEqual({
      id: kim?.id,
      buysMostly: 'buys mostly Furniture (88 % of spend)',
      categories: [
        {
          category: 'Furniture',
          spend: '150.00',
          share: 0.882352941176,
          baseShare: 0.814814814815,
          lift: 1.082887700535,
        },
        {
          category: 'Office',
          spend: '20.00',
          share: 0.117647058824,
          baseShare: 0.185185185185,
          lift: 0.635294117647,
        },
      ],
    });
    // Orders: O-1 {Furniture, Office}, O-2 {Furniture}, O-3 {Furniture, Office}: the pair is in 2 of 3
    // (support 0.666667); Furniture in 3, Office in 2 -> confidence F→O 2/3, O→F 1; lift 2·3 / (3·2) = 1.
    expect(res.body.orders).toBe(3);
    expect(res.body.pairs).toEqual([
      {
        a: 'Furniture',
        b: 'Office',
        orders: 2,
        support: 0.666666666667,
        confidenceAB: 0.666666666667,
        confidenceBA: 1,
        lift: 1,
      },
    ]);
    // By sub-category no pair reaches 2 orders.
    const sub = await read(
      reportRoute(t, 'affinity', lead.token).$get({ query: { allTime: 'true', level: 'subCategory' } }),
    );
    expect(sub.body.base.map((b: { category: string }) => b.category)).toEqual(['Chairs', 'Tables', 'Paper']);
    expect(sub.body.pairs).toEqual([]);
    const missing = await read(
      reportRoute(t, 'affinity', lead.token).$get({ query: { customerId: 'nope' } }),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('relationships: who knows a contact best, from weighted, decaying, two-way interactions', async () => {
    const { t, rep1, rep2 } = await reportFixture(ctx.store);
    const contact = await read(api(t, rep1.token).contacts.$post({ json: { name: 'Pat' } }));
    const now = t.clock.now().getTime();
    const log = async (token: string, kind: string, direction: string, daysAgo: number) => {
      const res = await read(
        api(t, token).interactions.$post({
          json: {
            contactId: contact.body.id,
            kind,
            channel: 'other',
            direction,
            at: new Date(now - daysAgo * 86_400_000).toISOString(),
          },
        }),
      );
      expect(res.status).toBe(201);
    };
    // Rep One: meeting now (3) + a call in 60 days ago (2 × 0.5 = 1) = 4, two-way -> 8.
    await log(rep1.token, 'meeting', 'out', 0);
    await log(rep1.token, 'call', 'in', 60);
    // Rep Two: four emails out now = 4, one-way; a note weighs nothing; a meeting 200 days ago is too old.
    for (let i = 0; i < 4; i++) await log(rep2.token, 'email', 'out', 0);
    await log(rep2.token, 'note', 'out', 0);
    await log(rep2.token, 'meeting', 'out', 200);
    const res = await read(
      reportRoute(t, 'relationships', rep2.token).$get({ query: { contactId: contact.body.id } }),
    );
    expect(res.status).toBe(200);
    expect(
      res.body.members.map((m: Record<string, unknown>) => [m.name, m.score, m.twoWay, m.warmth]),
    ).toEqual([
      ['Rep One', 8, true, 'warm'],
      ['Rep Two', 4, false, 'warm'],
    ]);
    // Rep One's quarter: one meeting, one call; the tie goes to the kind's name.
    expect(res.body.knowsBest).toEqual({
      memberId: rep1.user.id,
      name: 'Rep One',
      line: 'ask Rep One — 1 call this quarter',
    });
    // Raw: contactId is missing on purpose, which the typed client refuses to compile.
    expect((await t.request('GET', '/api/v1/reports/relationships', { token: rep2.token })).status).toBe(400);
    const unknown = await read(
      reportRoute(t, 'relationships', rep2.token).$get({ query: { contactId: 'nobody' } }),
    );
    expect(unknown.status).toBe(404);
  });
});
