import { nameKey } from '@rapport/shared/domain/name-key';
import { expect, it } from 'vitest';
import { csvOf } from '../imports/test-kit.ts';
import type { Clock } from '../lib/clock.ts';
import { DAY_MS } from '../lib/clock.ts';
import { metricsFreshFor } from '../metrics/freshness.ts';
import { teamTierWindow } from '../metrics/tier-window.ts';
import { reportFixture } from '../routes/reports/fixture.ts';
import { backfillCustomerDirectorySql } from '../store/migrations/006-customer-directory.ts';
import { backfillReportTotalsSql } from '../store/migrations/010-report-totals.ts';
import { backfillCustomerNameKeys } from '../store/migrations/012-customer-name-keys.ts';
import type { Store } from '../store/store.ts';
import { forEachStore } from '../testing/test-store.ts';
import { CustomersQuery, customersReport } from './customers.ts';

// The customers report pages in SQL (customer_directory + rollups, tiers ranked by a window function)
// whenever the query only sorts and filters by plain columns; otherwise it builds every customer's row
// here. Both must answer the same, on both databases, before and after every kind of write the
// projection has to follow.

const HEADER = [
  'Row ID',
  'Order ID',
  'Order Date',
  'Customer ID',
  'Customer Name',
  'Owner',
  'Product ID',
  'Product Name',
  'Sales',
  'Profit',
];

/**
 * On top of the fixture (C-1 166.265 / 62.5, C-2 240 / 98, C-3 1000 / 10):
 *   C-4 (rep1): order O-10 spans Dec 2015 and Jan 2016 (split): 50 / −20 on 12/30, 30 / 5 on 1/2.
 *   C-5 (unowned): O-11 on 3/15/2016, 500 / 98 — the same profit as C-2.
 */
const moreCsv = (rep1Email: string) =>
  csvOf(HEADER, [
    ['9', 'O-10', '12/30/2015', 'C-4', 'Finn Four', rep1Email, 'P-L', 'Low paper', '50', '-20'],
    ['10', 'O-10', '1/2/2016', 'C-4', 'Finn Four', rep1Email, 'P-L', 'Low paper', '30', '5'],
    ['11', 'O-11', '3/15/2016', 'C-5', 'Gus Five', '', 'P-H', 'High chair', '500', '98'],
  ]);

const SORTS = ['revenue', 'profit', 'orders', 'tier', 'lastOrderAt', 'name'] as const;
/** Searches (name or external id, case-insensitive by the shared rule): accents, CJK, ids, none. */
const SEARCHES = ['ada', 'ADA', 'é', 'É', 'e', '小明', 'c-1', 'C-4', 'deleted', 'LTD', 'zzz'];
const WINDOWS: Record<string, string>[] = [
  {},
  { allTime: 'true' },
  { from: '2016-01-01', to: '2016-02-01' },
  { from: '2015-12-31', to: '2016-02-05' },
  { from: '2016-01-03', to: '2016-01-20' },
];

/** Every paged-in-SQL query shape: sorts × directions × windows × filters × pages. */
function queries(rep1: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const filters: Record<string, string>[] = [
    {},
    { tier: 'A' },
    { tier: 'C' },
    { tier: 'D' },
    { tier: 'none' },
    { ownerId: rep1 },
    { unowned: 'true' },
  ];
  for (const w of WINDOWS) {
    for (const sort of SORTS)
      for (const order of ['asc', 'desc']) out.push({ ...w, sort, order, limit: '100' });
    for (const f of filters)
      for (const [sort, order] of [
        ['profit', 'desc'],
        ['tier', 'asc'],
        ['lastOrderAt', 'desc'],
        ['name', 'asc'],
        ['name', 'desc'],
      ] as const)
        out.push({ ...w, ...f, sort, order, limit: '100' });
  }
  // Unfiltered money and order sorts of the team's window and all time: short pages whose last row
  // beats zero are read from the top of an index (store/repos/customer-directory.ts, topPage).
  for (const w of WINDOWS.slice(0, 2))
    for (const sort of ['revenue', 'profit', 'orders'])
      for (const order of ['asc', 'desc'])
        for (const [limit, offset] of [
          [1, 0],
          [2, 1],
          [3, 0],
          [1, 3],
        ] as const)
          out.push({ ...w, sort, order, limit: String(limit), offset: String(offset) });
  // Name order (the directory's name index on the team's window) and searches, in pages.
  for (const w of WINDOWS.slice(0, 3)) {
    for (const order of ['asc', 'desc'])
      for (const [limit, offset] of [
        [1, 0],
        [2, 1],
        [3, 4],
        [5, 50],
      ] as const)
        out.push({ ...w, sort: 'name', order, limit: String(limit), offset: String(offset) });
    for (const search of SEARCHES) {
      out.push({ ...w, search, sort: 'name', limit: '100' });
      out.push({ ...w, search, sort: 'profit', limit: '2' });
    }
    out.push({ ...w, search: 'a', tier: 'none', sort: 'name', order: 'desc', limit: '100' });
    out.push({ ...w, search: 'a', ownerId: rep1, sort: 'revenue', limit: '100' });
  }
  for (const w of WINDOWS) {
    out.push({ ...w, sort: 'profit', limit: '2', offset: '1' });
    out.push({ ...w, sort: 'revenue', order: 'asc', limit: '3', offset: '4' });
    out.push({ ...w, sort: 'orders', limit: '5', offset: '50' });
    out.push({ ...w, tier: 'B', ownerId: 'nobody', limit: '5' });
  }
  return out;
}

/**
 * Every query shape answers the same paged in SQL and per customer; the team's tier window (the
 * queries without from/to/allTime) is also paged from the rollups (`metrics: false`), and is served
 * from customer_metrics exactly when `metricsFresh` says they are fresh for it.
 */
async function expectSameAnswers(
  store: Store,
  teamId: string,
  rep1: string,
  clock: Clock,
  metricsFresh: boolean,
) {
  expect(await metricsFreshFor(store, teamId, await teamTierWindow(store, clock, teamId))).toBe(metricsFresh);
  for (const raw of queries(rep1)) {
    const q = CustomersQuery.parse(raw);
    const inSql = await customersReport(store, clock, teamId, q);
    const here = await customersReport(store, clock, teamId, q, { inSql: false });
    expect(inSql, JSON.stringify(raw)).toEqual(here);
    if (raw.from === undefined && raw.allTime === undefined) {
      const rollups = await customersReport(store, clock, teamId, q, { metrics: false });
      expect(rollups, JSON.stringify(raw)).toEqual(here);
    }
  }
}

/**
 * report_totals (kept by triggers, migration 010) holds what the migration's backfill computes from
 * the tables as they are (rows left at zero by the triggers aside).
 */
async function expectTotalsMatchTables(store: Store) {
  const read = async () =>
    (
      await store.db.all<Record<string, unknown>>(
        'SELECT team_id, scope, customers, revenue, profit, orders, lines, positive, orphans FROM report_totals ORDER BY team_id, scope',
      )
    )
      .map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])),
      )
      .filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0));
  const kept = await read();
  await store.db.run('DELETE FROM report_totals');
  await store.db.exec(backfillReportTotalsSql());
  expect(kept).toEqual(await read());
  expect(kept.length).toBeGreaterThan(0);
}

/** The directory holds exactly the live customers' external id, name and owner. */
async function expectDirectoryMatchesRows(store: Store, teamId: string) {
  const live = await store.rowQueries.live<{
    id: string;
    externalId: string | null;
    name: string;
    ownerId: string | null;
  }>(teamId, 'customer');
  const rows = await store.db.all<Record<string, unknown>>(
    'SELECT customer_id, sort_id, external_id, name, owner_id, name_key, external_key FROM customer_directory WHERE team_id = ? ORDER BY customer_id',
    [teamId],
  );
  expect(rows).toEqual(
    live
      .map((c) => ({
        customer_id: c.id,
        sort_id: c.externalId ?? c.id,
        external_id: c.externalId,
        name: c.name,
        owner_id: c.ownerId,
        name_key: nameKey(c.name),
        external_key: nameKey(c.externalId ?? ''),
      }))
      .sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1)),
  );
}

forEachStore('customers report paged in SQL', (ctx) => {
  it('pages an explicit from/to window by profit exactly: mid-month edges, split orders, zero and negative profit, ties at a tier boundary, a deleted customer with lines', async () => {
    const { t, team, lead, rep1 } = await reportFixture(ctx.store);
    const imported = async (rows: string[][]) => {
      const res = await t.request('POST', '/api/v1/imports/orders', {
        token: lead.token,
        body: csvOf(HEADER, rows),
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(200);
      expect(res.body.errorCount).toBe(0);
    };
    await imported([
      ['9', 'O-10', '12/30/2015', 'C-4', 'Finn Four', rep1.user.email, 'P-L', 'Low paper', '50', '-20'],
      ['10', 'O-10', '1/2/2016', 'C-4', 'Finn Four', rep1.user.email, 'P-L', 'Low paper', '30', '5'],
      ['11', 'O-11', '3/15/2016', 'C-5', 'Gus Five', '', 'P-H', 'High chair', '500', '98'],
      // March 2016: C-6 ties C-5 at 98; C-7 nets zero over two orders; C-8 loses; C-9 a little.
      ['12', 'O-12', '3/20/2016', 'C-6', 'Hal Six', '', 'P-H', 'High chair', '300', '98'],
      ['13', 'O-13', '3/12/2016', 'C-7', 'Ida Seven', '', 'P-L', 'Low paper', '20', '2'],
      ['14', 'O-14', '3/14/2016', 'C-7', 'Ida Seven', '', 'P-L', 'Low paper', '20', '-2'],
      ['15', 'O-15', '3/25/2016', 'C-8', 'Jon Eight', '', 'P-M', 'Mid lamp', '40', '-7'],
      ['16', 'O-16', '3/2/2016', 'C-9', 'Kim Nine', '', 'P-M', 'Mid lamp', '40', '4'],
      // An order spanning March and April (split), and an April line.
      ['17', 'O-17', '3/31/2016', 'C-9', 'Kim Nine', '', 'P-L', 'Low paper', '10', '1'],
      ['18', 'O-17', '4/1/2016', 'C-9', 'Kim Nine', '', 'P-L', 'Low paper', '10', '1'],
      ['19', 'O-18', '4/20/2016', 'C-2', 'Dan Two', '', 'P-H', 'High chair', '60', '30'],
    ]);
    const res = await t.request('POST', '/api/v1/customers', {
      token: lead.token,
      json: { name: 'Lou None', kind: 'person', externalId: 'C-20' },
    });
    expect(res.status).toBe(201);
    const ranges: Record<string, string>[] = [
      { from: '2016-03-01', to: '2016-04-01' },
      { from: '2016-03-05', to: '2016-03-31' },
      { from: '2016-02-15', to: '2016-04-10' },
      { from: '2015-12-15', to: '2016-04-21' },
      { from: '2016-01-06', to: '2016-03-21' },
      { from: '2016-04-02', to: '2016-04-30' },
      { from: '2019-01-01', to: '2019-02-01' },
    ];
    const same = async () => {
      for (const w of ranges)
        for (const order of ['desc', 'asc'])
          for (const [limit, offset] of [
            [100, 0],
            [1, 0],
            [2, 0],
            [2, 1],
            [3, 2],
            [1, 4],
            [2, 6],
            [5, 50],
          ] as const) {
            const raw = { ...w, sort: 'profit', order, limit: String(limit), offset: String(offset) };
            const q = CustomersQuery.parse(raw);
            const inSql = await customersReport(ctx.store, t.clock, team.id, q);
            expect(inSql, JSON.stringify(raw)).toEqual(
              await customersReport(ctx.store, t.clock, team.id, q, { inSql: false }),
            );
          }
    };
    await same();
    // March 2016 by hand: C-5 500 / 98 and C-6 300 / 98 tie (ranked by record id), C-9 50 / 5 (O-16
    // and O-17's March line; C-9 is split, so summed from its lines), C-7 40 / 0 (two orders), C-8
    // 40 / −7. Positive total 201; A while 100 × running ≤ 70 × 201 = 14,070 (or first): the first 98;
    // the second runs to 196 (19,600 > 90 × 201 = 18,090): C, and C-9 too. Listed: the 10 customers.
    const march = await t.request('GET', '/api/v1/reports/customers?from=2016-03-01&to=2016-04-01&limit=3', {
      token: lead.token,
    });
    const ids = new Map(
      (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
        c.externalId,
        c.id,
      ]),
    );
    const [first, second] = [ids.get('C-5') ?? '', ids.get('C-6') ?? ''].sort();
    expect(
      march.body.items.map((r: { id: string; tier: string; profit: string }) => [r.id, r.tier, r.profit]),
    ).toEqual([
      [first, 'A', '98.00'],
      [second, 'C', '98.00'],
      [ids.get('C-9'), 'C', '5.00'],
    ]);
    expect(march.body.totals).toEqual({
      revenue: '930.00',
      profit: '194.00',
      orders: 7,
      lines: 7,
      customers: 5,
    });
    expect(march.body.total).toBe(10);
    const marchAsc = await t.request(
      'GET',
      '/api/v1/reports/customers?from=2016-03-01&to=2016-04-01&order=asc&limit=1',
      { token: lead.token },
    );
    expect(marchAsc.body.items).toMatchObject([{ customerId: 'C-8', tier: 'D', profit: '-7.00' }]);
    // Delete C-6 (it has lines in March): it stays listed, as a deleted customer; the counts follow.
    const deleted = await t.request('DELETE', `/api/v1/customers/${ids.get('C-6') ?? ''}`, {
      token: lead.token,
    });
    expect([200, 204]).toContain(deleted.status);
    await same();
    const after = await t.request('GET', '/api/v1/reports/customers?from=2016-03-01&to=2016-04-01&limit=2', {
      token: lead.token,
    });
    expect(after.body.total).toBe(10);
    expect(after.body.items.map((r: { name: string }) => r.name)).toContain('(deleted customer)');
  }, 240_000);

  it('answers exactly as the per-customer path through imports, edits, merges, deletes and a new tier window', async () => {
    const { t, team, lead, rep1 } = await reportFixture(ctx.store);
    const more = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: moreCsv(rep1.user.email),
      headers: { 'content-type': 'text/csv' },
    });
    expect(more.status).toBe(200);
    expect(more.body.errorCount).toBe(0);
    for (const json of [
      { name: 'Émile Zéro', kind: 'person', externalId: 'C-10' },
      { name: 'Nameless Ltd', kind: 'company' },
      { name: 'ada lower', kind: 'person', externalId: 'C-11', ownerId: rep1.user.id },
      // Names that differ only by case, by accents, CJK, and two equal names (tie-break by customerId).
      { name: 'Ada Lower', kind: 'person', externalId: 'C-12' },
      { name: 'ADA LOWER', kind: 'person', externalId: 'C-13' },
      { name: 'Ádá Lower', kind: 'person', externalId: 'C-14', ownerId: rep1.user.id },
      { name: '王小明', kind: 'person', externalId: 'C-16' },
      { name: '王小明', kind: 'person', externalId: 'C-15' },
      { name: 'Émile zéro', kind: 'person' },
    ]) {
      const res = await t.request('POST', '/api/v1/customers', { token: lead.token, json });
      expect(res.status).toBe(201);
    }
    await expectDirectoryMatchesRows(ctx.store, team.id);
    await expectTotalsMatchTables(ctx.store);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);
    const ids = new Map(
      (await ctx.store.rowQueries.live<{ id: string; externalId: string }>(team.id, 'customer')).map((c) => [
        c.externalId,
        c.id,
      ]),
    );

    // Contacts give the page follow-up states: C-1 two contacts (one scheduled, one talked to), C-2 one
    // with an open opportunity, C-4 one overdue by its cadence.
    const contact = async (name: string, customer: string, extra: Record<string, unknown> = {}) => {
      const res = await t.request('POST', '/api/v1/contacts', {
        token: lead.token,
        json: { name, customerId: ids.get(customer), ...extra },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const talk = async (contactId: string, at: string) => {
      const res = await t.request('POST', '/api/v1/interactions', {
        token: lead.token,
        json: { contactId, kind: 'note', channel: 'other', direction: 'out', at, subject: 'Hi' },
      });
      expect(res.status).toBe(201);
    };
    await contact('Carla Buyer', 'C-1', { followUpOn: '2016-03-01' });
    await talk(await contact('Carl Payer', 'C-1'), '2016-02-10T09:00:00.000Z');
    const dan = await contact('Dan Buyer', 'C-2');
    const opp = await t.request('POST', '/api/v1/opportunities', {
      token: lead.token,
      json: { title: 'Chairs', amount: '100', stage: 'proposal', contactId: dan, customerId: ids.get('C-2') },
    });
    expect(opp.status).toBe(201);
    await talk(await contact('Finn Buyer', 'C-4'), '2015-06-01T09:00:00.000Z');
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);

    const q = (s: string) => t.request('GET', `/api/v1/reports/customers?${s}`, { token: lead.token });
    const idsOf = async (s: string) =>
      (await q(s)).body.items.map((r: { customerId: string }) => r.customerId) as string[];
    // Name order by the lower-cased name ("ada lower" three times: ties by customerId; "á" after "a"),
    // CJK by code unit, equal names by customerId; searches are case-insensitive but keep accents.
    expect(await idsOf('sort=name&search=ada&order=asc')).toEqual(['C-11', 'C-12', 'C-13']);
    expect(await idsOf('sort=name&search=LOWER&order=desc')).toEqual(['C-14', 'C-11', 'C-12', 'C-13']);
    expect(await idsOf('sort=name&search=%E5%B0%8F%E6%98%8E')).toEqual(['C-15', 'C-16']);
    expect(await idsOf('sort=name&search=%C3%89MILE&order=asc')).toHaveLength(2);
    const withContacts = await q('allTime=true&sort=revenue&limit=100');
    const c1row = withContacts.body.items.find((r: { customerId: string }) => r.customerId === 'C-1');
    expect(c1row.lastInteractionAt).toBe('2016-02-10T09:00:00.000Z');
    expect(c1row.followUp).not.toBe('none');
    // Hand sums. All time: revenue 166.265 + 240 + 1000 + 80 + 500, profit 62.5 + 98 + 10 − 15 + 98,
    // orders 3 + 2 + 1 + 1 + 1, lines 5 + 2 + 1 + 2 + 1; 5 customers with lines, 8 in all.
    const all = await q('allTime=true&sort=profit&limit=3');
    expect(all.body.totals).toEqual({
      revenue: '1986.265',
      profit: '253.50',
      orders: 8,
      lines: 11,
      customers: 5,
    });
    expect(all.body.total).toBe(14);
    // C-2 and C-5 tie at 98: the tie goes to the customerId.
    expect(all.body.items.map((r: { customerId: string }) => r.customerId)).toEqual(['C-2', 'C-5', 'C-1']);
    expect(all.body.items[0]).toMatchObject({ tier: 'A', revenue: '240.00', profit: '98.00', orders: 2 });
    // January 2016 (a whole month, from the month rollups; C-4 is split, so summed from its lines):
    // C-1 150.01 / 62.5 (O-1), C-2 240 / 98, C-3 1000 / 10, C-4 30 / 5 (O-10's January line).
    const jan = await q('from=2016-01-01&to=2016-02-01&sort=orders&order=asc&limit=100');
    expect(jan.body.totals).toEqual({
      revenue: '1420.01',
      profit: '175.50',
      orders: 5,
      lines: 6,
      customers: 4,
    });
    // 31 Dec – 4 Feb: January plus C-1's 3 Feb line (10.005 / −1) from the partial February.
    const partial = await q('from=2015-12-31&to=2016-02-05&sort=revenue&limit=1');
    expect(partial.body.totals).toEqual({
      revenue: '1430.015',
      profit: '174.50',
      orders: 6,
      lines: 7,
      customers: 4,
    });
    expect(partial.body.items[0]).toMatchObject({ customerId: 'C-3', revenue: '1000.00' });
    // Customers without lines: tier none, zeros, sorted last by profit (ties by customerId).
    const none = await q('allTime=true&tier=none&sort=profit');
    expect(none.body.items.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Émile Zéro', 'Nameless Ltd', 'ada lower']),
    );
    expect(none.body.total).toBe(9);

    // Rename and re-own: the page shows the new name, the owner filter follows.
    const c3 = ids.get('C-3') as string;
    const renamed = await t.request('PATCH', `/api/v1/customers/${c3}`, {
      token: lead.token,
      json: { name: 'Eve Renamed', ownerId: rep1.user.id },
    });
    expect(renamed.status).toBe(200);
    const mine = await q(`allTime=true&ownerId=${rep1.user.id}&sort=revenue&limit=1`);
    expect(mine.body.items[0]).toMatchObject({
      customerId: 'C-3',
      name: 'Eve Renamed',
      ownerId: rep1.user.id,
    });
    await expectDirectoryMatchesRows(ctx.store, team.id);
    await expectTotalsMatchTables(ctx.store);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);

    // Merge C-2 into C-1: one customer with both's lines; C-2 leaves the directory.
    const merged = await t.request('POST', `/api/v1/customers/${ids.get('C-1')}/merge`, {
      token: lead.token,
      json: { from: ids.get('C-2') },
    });
    expect(merged.status).toBe(200);
    const afterMerge = await q('allTime=true&sort=profit&limit=1');
    expect(afterMerge.body.items[0]).toMatchObject({ customerId: 'C-1', profit: '160.50', orders: 5 });
    expect(afterMerge.body.total).toBe(13);
    await expectDirectoryMatchesRows(ctx.store, team.id);
    await expectTotalsMatchTables(ctx.store);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);

    // Delete C-5 (it has lines): it stays in the report as a deleted customer, unowned.
    const deleted = await t.request('DELETE', `/api/v1/customers/${ids.get('C-5') ?? ''}`, {
      token: lead.token,
    });
    expect([200, 204]).toContain(deleted.status);
    const gone = await q('allTime=true&unowned=true&sort=revenue&limit=1');
    expect(gone.body.items[0]).toMatchObject({
      id: ids.get('C-5'),
      customerId: ids.get('C-5'),
      name: '(deleted customer)',
      externalId: null,
    });
    await expectDirectoryMatchesRows(ctx.store, team.id);
    await expectTotalsMatchTables(ctx.store);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);

    // A new tier window (the default window of the report), then re-importing moved amounts.
    const settings = await t.request('PATCH', '/api/v1/settings', {
      token: lead.token,
      json: { tierWindow: { kind: 'range', from: '2016-01-01', to: '2016-02-01' } },
    });
    expect(settings.status).toBe(200);
    const reimport = await t.request('POST', '/api/v1/imports/orders', {
      token: lead.token,
      body: csvOf(HEADER, [
        ['6', 'O-6', '1/7/2016', 'C-3', 'Eve Three', '', 'P-L', 'Low paper', '900', '-5'],
      ]),
      headers: { 'content-type': 'text/csv' },
    });
    expect(reimport.status).toBe(200);
    const byTier = await q('sort=tier&limit=100');
    expect(byTier.body.window).toMatchObject({ from: '2016-01-01', to: '2016-02-01' });
    expect(byTier.body.items.find((r: { customerId: string }) => r.customerId === 'C-3')).toMatchObject({
      tier: 'D',
      profit: '-5.00',
    });
    await expectDirectoryMatchesRows(ctx.store, team.id);
    await expectTotalsMatchTables(ctx.store);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);

    // A trailing 365-day window ending today (2016-12-28: it starts 2015-12-30, so it holds C-4's
    // December line of O-10). Saving the setting recomputes: the metrics serve it.
    t.clock.set('2016-12-28T12:00:00.000Z');
    const trailing = () =>
      t.request('PATCH', '/api/v1/settings', {
        token: lead.token,
        json: { tierWindow: { kind: 'trailing', days: 365 } },
      });
    expect((await trailing()).status).toBe(200);
    const c4 = async () =>
      (await q('sort=profit&order=asc&limit=100')).body.items.find(
        (r: { customerId: string }) => r.customerId === 'C-4',
      );
    expect(await c4()).toMatchObject({ revenue: '80.00', profit: '-15.00', lines: 2 });
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);
    // A day later the window starts 2015-12-31: C-4's December line has left it, the stored metrics
    // are a day old, so the report sums the rollups (30 / 5, one line) until the daily recompute.
    t.clock.advance(DAY_MS);
    expect(await c4()).toMatchObject({ revenue: '30.00', profit: '5.00', lines: 1 });
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, false);
    expect((await trailing()).status).toBe(200);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, true);
    // Lines written without a recompute (their rollups are dirty): not fresh.
    await ctx.store.db.run('UPDATE customer_rollups SET dirty = 1 WHERE team_id = ?', [team.id]);
    await expectSameAnswers(ctx.store, team.id, rep1.user.id, t.clock, false);
    await expectTotalsMatchTables(ctx.store);

    // The freshness flag (metrics_state.lines_unknown, kept by triggers): the recompute clears it; a
    // rollup going away (all of a customer's lines removed) or a metrics row written without a lines
    // count sets it, and only the next recompute clears it again.
    const fresh = async () =>
      metricsFreshFor(ctx.store, team.id, await teamTierWindow(ctx.store, t.clock, team.id));
    expect((await trailing()).status).toBe(200);
    expect(await fresh()).toBe(true);
    await ctx.store.db.run('DELETE FROM customer_rollups WHERE team_id = ? AND customer_id = ?', [
      team.id,
      ids.get('C-3') ?? '',
    ]);
    expect(await fresh()).toBe(false);
    await ctx.store.db.run('UPDATE customer_metrics SET lines = 0 WHERE team_id = ? AND customer_id = ?', [
      team.id,
      ids.get('C-3') ?? '',
    ]);
    expect(await fresh()).toBe(false);
    await expectTotalsMatchTables(ctx.store);
    expect((await trailing()).status).toBe(200);
    expect(await fresh()).toBe(true);
    await ctx.store.db.run('UPDATE customer_metrics SET lines = NULL WHERE team_id = ? AND customer_id = ?', [
      team.id,
      ids.get('C-1') ?? '',
    ]);
    expect(await fresh()).toBe(false);
    await expectTotalsMatchTables(ctx.store);

    // The migrations' backfills build the same directory from the rows (006's SQL, then 012's keys in JS).
    await ctx.store.db.run('DELETE FROM customer_directory');
    await ctx.store.db.run(backfillCustomerDirectorySql(ctx.store.dialect));
    await ctx.store.db.run("UPDATE customer_directory SET name_key = '', external_key = ''");
    await backfillCustomerNameKeys(ctx.store.db);
    await expectDirectoryMatchesRows(ctx.store, team.id);
  }, 240_000);
});
