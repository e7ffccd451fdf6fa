import Papa from 'papaparse';
import { expect, it } from 'vitest';
import { seedTeam } from '../../testing/test-app.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { reportFixture } from './fixture.ts';

type Row = Record<string, unknown>;

forEachStore('customer pages', (ctx) => {
  it("a customer's page: money by month and year, the previous period, products, tier, contacts with follow-up", async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const carla = customers.get('C-1') as string;
    // A contact of Carla's whose scheduled follow-up is long past: overdue.
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: rep1.token,
      json: {
        name: 'Carla Buyer',
        emails: ['carla@one.example'],
        customerId: carla,
        followUpOn: '2016-03-01',
      },
    });
    expect(contact.status).toBe(201);

    const all = await t.request('GET', `/api/v1/reports/customers/${carla}?allTime=true`, {
      token: lead.token,
    });
    expect(all.status).toBe(200);
    expect(all.body.customer).toMatchObject({
      id: carla,
      externalId: 'C-1',
      name: 'Carla One',
      ownerId: rep1.user.id,
    });
    expect(all.body.totals).toMatchObject({ revenue: '166.265', profit: '62.50', orders: 3, lines: 5 });
    expect(all.body.figures).toMatchObject({ tier: 'C', followUp: 'overdue', followUpDue: '2016-03-01' });
    expect(all.body.months.map((p: Row) => [p.period, p.revenue, p.profit])).toEqual([
      ['2016-01', '150.01', '62.50'],
      ['2016-02', '16.255', '0.00'],
    ]);
    expect(all.body.months[1].change).toMatchObject({ revenueChange: '-133.755', profitChange: '-62.50' });
    // Tier history: 2016 ranks like all time here (every line is from 2016).
    expect(all.body.years.map((p: Row) => [p.period, p.revenue, p.tier])).toEqual([['2016', '166.265', 'C']]);
    expect(all.body.comparison).toBeNull();
    expect(all.body.products.map((p: Row) => [p.name, p.revenue, p.quantity, p.lines])).toEqual([
      ['High chair', '110.005', 2, 2],
      ['Mid lamp', '50.01', 1, 1],
      ['Low paper', '6.25', 2, 2],
    ]);
    expect(all.body.contacts).toEqual([
      expect.objectContaining({ name: 'Carla Buyer', followUp: 'overdue', due: '2016-03-01' }),
    ]);

    // February against January (the previous window of equal length, month-aligned).
    const feb = await t.request('GET', `/api/v1/reports/customers/${carla}?from=2016-02-01&to=2016-03-01`, {
      token: lead.token,
    });
    expect(feb.body.comparison).toMatchObject({
      from: '2016-01-01',
      to: '2016-02-01',
      base: { revenue: '150.01', profit: '62.50' },
      change: { revenueChange: '-133.755', profitChange: '-62.50' },
    });
    expect(feb.body.figures.tier).toBe('D'); // February profit 0: not positive
  });

  it("a customer's order lines: filter, sort, page, with the matching lines' totals", async () => {
    const { t, lead, customers } = await reportFixture(ctx.store);
    const carla = customers.get('C-1') as string;
    const url = (q: string) => `/api/v1/reports/customers/${carla}/lines?allTime=true&${q}`;
    const page = await t.request('GET', url('sort=revenue&order=desc&limit=2'), { token: lead.token });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(5);
    expect(page.body.matching).toMatchObject({ revenue: '166.265', profit: '62.50', orders: 3 });
    expect(page.body.items.map((l: Row) => [l.orderId, l.revenue])).toEqual([
      ['O-1', '100.00'],
      ['O-1', '50.01'],
    ]);
    const next = await t.request('GET', url('sort=revenue&order=desc&limit=2&offset=2'), {
      token: lead.token,
    });
    expect(next.body.items.map((l: Row) => l.revenue)).toEqual(['10.005', '3.125']);
    const lamp = await t.request('GET', url('search=LAMP'), { token: lead.token });
    expect(lamp.body.items.map((l: Row) => [l.productName, l.margin])).toEqual(
      [['Mid lamp', '0.2500']] /* 12.5 / 50.01 = 0.24995 */,
    );
    const loss = await t.request('GET', url('loss=true'), { token: lead.token });
    expect(loss.body).toMatchObject({ total: 1, matching: { profit: '-1.00' } });
    const bad = await t.request('GET', url('sort=price'), { token: lead.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('tier history: the tier of each calendar year, ranked over that year', async () => {
    const { t, lead, customers } = await reportFixture(ctx.store);
    // One loss-making 2017 line for Eve (C-3): C in 2016, D in 2017.
    const res = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: 'Row ID,Order ID,Order Date,Customer ID,Customer Name,Product ID,Product Name,Sales,Profit\n9,O-9,2017-03-01,C-3,Eve Three,P-L,Low paper,10,-2\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    const eve = await t.request('GET', `/api/v1/reports/customers/${customers.get('C-3')}?allTime=true`, {
      token: lead.token,
    });
    expect(eve.body.years.map((y: Row) => [y.period, y.profit, y.tier])).toEqual([
      ['2016', '10.00', 'C'],
      ['2017', '-2.00', 'D'],
    ]);
  });

  it("another team's customer or an unknown id is not found", async () => {
    const { t, customers } = await reportFixture(ctx.store);
    const other = await t.member(await seedTeam(ctx.store, 'Other team'), 'lead');
    const carla = customers.get('C-1') as string;
    for (const path of [`/api/v1/reports/customers/${carla}`, `/api/v1/reports/customers/${carla}/lines`]) {
      const res = await t.request('GET', path, { token: other.token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await t.request('GET', '/api/v1/reports/customers/nope', { token: other.token })).status).toBe(
      404,
    );
  });

  it('customers report: the summary follows the filters; owner, follow-up and margin filters', async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const q = (s: string) =>
      t.request('GET', `/api/v1/reports/customers?allTime=true&${s}`, { token: lead.token });
    const tierC = await q('tier=C');
    expect(tierC.body.items.map((r: Row) => r.customerId)).toEqual(['C-1', 'C-3']);
    // C-1 166.265 / 62.50 + C-3 1000 / 10; the team totals stay the whole team's.
    expect(tierC.body.matching).toEqual({
      revenue: '1166.265',
      profit: '72.50',
      orders: 4,
      lines: 6,
      margin: '0.0622',
    });
    expect(tierC.body.totals).toMatchObject({ revenue: '1406.265', profit: '170.50' });
    const ids = async (s: string) => (await q(s)).body.items.map((r: Row) => r.customerId).sort();
    // Margins: C-1 0.3759, C-2 0.4083, C-3 0.01.
    expect(await ids('minMargin=0.3')).toEqual(['C-1', 'C-2']);
    expect(await ids('maxMargin=0.4')).toEqual(['C-1', 'C-3']);
    expect(await ids('minMargin=0.3759&maxMargin=0.3759')).toEqual([]);
    expect(await ids('minMargin=0.37&maxMargin=0.38')).toEqual(['C-1']);
    expect(await ids('unowned=true')).toEqual(['C-3']);
    expect(await ids(`ownerId=${rep1.user.id}`)).toEqual(['C-1']);
    expect(await ids('followUp=overdue')).toEqual([]);
    const eve = await t.request('POST', '/api/v1/contacts', {
      token: lead.token,
      json: { name: 'Eve Buyer', customerId: customers.get('C-3'), followUpOn: '2016-01-02' },
    });
    expect(await ids('followUp=overdue')).toEqual(['C-3']);
    // Last interaction: Eve was called five days ago; nobody talked to C-1 or C-2.
    const fiveDaysAgo = new Date(t.clock.now().getTime() - 5 * 86_400_000).toISOString();
    const call = await t.request('POST', '/api/v1/interactions', {
      token: lead.token,
      json: {
        contactId: eve.body.id,
        customerId: customers.get('C-3'),
        kind: 'call',
        channel: 'phone',
        direction: 'out',
        at: fiveDaysAgo,
        subject: 'Catch-up',
        summary: null,
        body: null,
        sourceUrl: null,
        sourceKey: null,
        supersedes: null,
      },
    });
    expect(call.status).toBe(201);
    expect(await ids('quietDays=30')).toEqual(['C-1', 'C-2']);
    expect(await ids('quietDays=3')).toEqual(['C-1', 'C-2', 'C-3']);
    expect((await q('search=C-3')).body.items[0].lastInteractionAt).toBe(fiveDaysAgo);
    expect((await q('quietDays=0')).status).toBe(400);
    expect(await ids('followUp=none')).toEqual(['C-1', 'C-2']);
    expect((await q('minMargin=abc')).status).toBe(400);
    expect((await q('followUp=late')).status).toBe(400);
  });

  it('CSV export: exactly the rows of the same query, every page, formula cells quoted', async () => {
    const { t, lead, rep1 } = await reportFixture(ctx.store);
    await t.request('POST', '/api/v1/customers', {
      token: lead.token,
      json: { name: '=HYPERLINK("http://evil.example")', kind: 'person', externalId: 'C-9' },
    });
    const query = 'allTime=true&sort=name&order=asc&limit=1&offset=1';
    const res = await t.request('GET', `/api/v1/reports/customers/export?${query}`, { token: lead.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="customers-all-time.csv"');
    const raw = await t.app.request(`/api/v1/reports/customers/export?${query}`, {
      headers: { authorization: `Bearer ${lead.token}` },
    });
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await raw.arrayBuffer());
    expect(
      csv.startsWith(
        '\uFEFFcustomerId,name,tier,revenue,profit,margin,orders,lines,lastOrderAt,followUp,churnScore,late,lastInteractionAt,owner,ownerEmail,ownerId,id\r\n',
      ),
    ).toBe(true);
    const parsed = Papa.parse<Row>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    const api = await t.request(
      'GET',
      `/api/v1/reports/customers?allTime=true&sort=name&order=asc&limit=100`,
      {
        token: lead.token,
      },
    );
    // Every page (limit and offset ignored), in the same order and with the same figures.
    expect(res.headers.get('x-record-count')).toBe('4');
    expect(parsed.map((r) => [r.customerId, r.tier, r.revenue, r.profit, r.margin, r.followUp])).toEqual(
      api.body.items.map((r: Row) => [r.customerId, r.tier, r.revenue, r.profit, r.margin ?? '', r.followUp]),
    );
    expect(parsed.find((r) => r.customerId === 'C-9')?.name).toBe('\'=HYPERLINK("http://evil.example")');
    expect(parsed.find((r) => r.customerId === 'C-1')).toMatchObject({
      owner: 'Rep One',
      ownerEmail: rep1.user.email,
    });
    const filtered = await t.request('GET', '/api/v1/reports/customers/export?allTime=true&tier=C', {
      token: lead.token,
    });
    expect(filtered.headers.get('x-record-count')).toBe('2');
  });

  it("company filter: the company's customers (a contact works there, or the domain is the company's), in the report, its totals and the CSV export", async () => {
    const { t, lead, rep1, customers } = await reportFixture(ctx.store);
    const company = await t.request('POST', '/api/v1/companies', {
      token: lead.token,
      json: { name: 'Acme Group', domains: ['acme.example'] },
    });
    expect(company.status).toBe(201);
    // C-1 through a contact who works at Acme; C-2 through its own domain; C-3 is not Acme's.
    const contact = await t.request('POST', '/api/v1/contacts', {
      token: rep1.token,
      json: { name: 'Ann Acme', customerId: customers.get('C-1'), companyId: company.body.id },
    });
    expect(contact.status).toBe(201);
    const patched = await t.request('PATCH', `/api/v1/customers/${customers.get('C-2')}`, {
      token: lead.token,
      json: { domains: ['acme.example'] },
    });
    expect(patched.status).toBe(200);
    const q = (s: string) =>
      t.request('GET', `/api/v1/reports/customers?allTime=true&${s}`, { token: lead.token });
    const acme = await q(`companyId=${company.body.id}`);
    expect(acme.body.items.map((r: Row) => r.customerId).sort()).toEqual(['C-1', 'C-2']);
    // C-1 166.265 / 62.50 + C-2 240 / 98.00 (the team's 1406.265 / 170.50 less C-3's 1000 / 10).
    expect(acme.body.matching).toMatchObject({ revenue: '406.265', profit: '160.50', orders: 5 }); // 3 + 2
    expect((await q(`companyId=${company.body.id}&tier=C`)).body.items.map((r: Row) => r.customerId)).toEqual(
      ['C-1'],
    );
    const csv = await t.request(
      'GET',
      `/api/v1/reports/customers/export?allTime=true&companyId=${company.body.id}`,
      {
        token: lead.token,
      },
    );
    expect(csv.headers.get('x-record-count')).toBe('2');
    // Another team's company (or none) matches nothing here.
    const otherLead = await t.member(await seedTeam(ctx.store, 'Other team'), 'lead');
    const theirs = await t.request('POST', '/api/v1/companies', {
      token: otherLead.token,
      json: { name: 'Acme Group', domains: ['acme.example'] },
    });
    expect((await q(`companyId=${theirs.body.id}`)).body.items).toEqual([]);
    expect((await q('companyId=nope')).body.items).toEqual([]);
  });
});
