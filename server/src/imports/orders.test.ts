import { parseMoney } from '@rapport/shared/money';
import type { Customer } from '@rapport/shared/schemas/customer';
import iconv from 'iconv-lite';
import { uuidv7 } from 'uuidv7';
import { expect, it } from 'vitest';
import { saveRows, writeWithVersion } from '../entities/save.ts';
import { customersReport } from '../reports/customers.ts';
import { forEachStore } from '../testing/test-store.ts';
import { OrderImportOptions } from './order-columns.ts';
import { CHUNK, type ImportProgress, importOrders } from './orders.ts';
import { newRow } from './row-edits.ts';
import { bufferSource } from './source.ts';
import {
  csvOf,
  customersByRevenue,
  expectedTotals,
  importCsv,
  importDeps,
  newTeam,
  ORDER_FILE_COLUMNS,
  type SuperstoreOptions,
  superstoreCsv,
  superstoreRows,
} from './test-kit.ts';

const HEADER: readonly string[] = ORDER_FILE_COLUMNS;
const ALL_TIME = { allTime: true, sort: 'revenue', order: 'desc', limit: 100_000, offset: 0 } as const;

/** Tiny files whose dates all have both numbers ≤ 12 cannot say their order: they say it here. */
const US = { dateFormat: 'mdy' } as const;

/** Money strings compared as exact amounts ("48" equals "48.00"). */
const units = (s: string) => parseMoney(s);

forEachStore('order import', (ctx) => {
  async function expectTotalsMatch(options: SuperstoreOptions, teamSettings: Record<string, unknown> = {}) {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, teamSettings);
    const summary = await importCsv(deps, team.id, superstoreCsv(options));
    const expected = expectedTotals(superstoreRows(options));
    expect(summary.errorCount).toBe(0);
    expect(units(summary.totals.revenue)).toBe(units(expected.overall.revenue));
    expect(units(summary.totals.profit)).toBe(units(expected.overall.profit));
    const report = await customersReport(ctx.store, deps.clock, team.id, ALL_TIME);
    expect(units(report.totals.revenue)).toBe(units(expected.overall.revenue));
    expect(units(report.totals.profit)).toBe(units(expected.overall.profit));
    return { deps, team, summary, expected, report };
  }

  it('streams in chunks, reading the file once: progress by bytes then rows, a bad row in a later chunk is named while the rest import', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const lines = superstoreCsv({ rows: 12_000 }).toString('utf8').split('\n');
    // A line in the second chunk without quoted cells gets a broken Sales cell (the 16th column);
    // line i of the file is spreadsheet row i + 1 (the header is row 1).
    const at = lines.findIndex((l, i) => i >= 7000 && !l.includes('"'));
    const cells = (lines[at] as string).split(',');
    cells[15] = 'twelve';
    lines[at] = cells.join(',');
    const bytes = Buffer.from(lines.join('\n'), 'utf8');
    const seen: ImportProgress[] = [];
    const summary = await importOrders(
      deps,
      team.id,
      bufferSource('big.csv', bytes),
      OrderImportOptions.parse({}),
      null,
      (p) => seen.push(p),
    );
    expect(summary.rows).toBe(12_000);
    expect(summary.lines.new).toBe(11_999);
    expect(summary.errors).toEqual([
      { row: at + 1, column: 'Sales', message: '"twelve" is not an amount: is not a number' },
    ]);
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading.at(-1)).toEqual({ phase: 'reading', done: bytes.byteLength, total: bytes.byteLength });
    // One pass: the file's first CHUNK rows decide how to read it and the rest is read as it is
    // written, so bytes are the progress until the row count is known at the end.
    expect(reading.length).toBeGreaterThan(2);
    const writing = seen.filter((p) => p.phase === 'writing').map((p) => [p.done, p.total]);
    expect(writing).toEqual([[12_000, 12_000]]);
    expect(seen.at(-1)).toEqual({ phase: 'metrics', done: 0, total: 0 });
    // Phases only move forward.
    const order = seen.map((p) => ['reading', 'writing', 'metrics'].indexOf(p.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('reads the file once, but reads it again when later rows change how it reads (a discount over 1)', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    const n = CHUNK + 1000;
    const rows = Array.from({ length: n }, (_, i) => {
      // Only a row after the first CHUNK holds 15: the whole column is then percentage points.
      const discount = i === CHUNK + 500 ? '15' : '0.2';
      return `O${i},2016-03-01,C${i % 7},Customer ${i % 7},Widget,10.00,1,${discount},1.00`;
    });
    const csv = [
      'Order ID,Order Date,Customer ID,Customer Name,Product Name,Unit Price,Quantity,Discount,Profit',
      ...rows,
    ].join('\n');
    const summary = await importCsv(deps, team.id, csv);
    // 5,999 rows of 10.00 × (1 − 0.2 %) = 9.98 and one of 10.00 × (1 − 15 %) = 8.50:
    // 59,870.02 + 8.50 = 59,878.52 (read as fractions, the first rows would have been 8.00 each).
    expect(summary.totals.revenue).toBe('59878.52');
    expect(summary.detected.revenue.reason).toContain('percentage points');
    expect(summary).toMatchObject({ rows: n, rejectedRows: 0, lines: { new: n, changed: 0, unchanged: 0 } });
    const report = await customersReport(ctx.store, deps.clock, team.id, ALL_TIME);
    expect(report.totals.revenue).toBe('59878.52');
  });

  it('reads the whole file first when its first rows leave the date format open', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store, { tierWindow: { kind: 'all' } });
    const n = CHUNK + 10;
    // 01/02/2016 reads day-first or month-first; only the last row (25/02/2016) says day-first.
    const rows = Array.from({ length: n }, (_, i) =>
      [`O${i}`, i === n - 1 ? '25/02/2016' : '01/02/2016', 'C1', 'Ann', 'Widget', '2.00', '1', '0.50'].join(
        ',',
      ),
    );
    const csv = [
      'Order ID,Order Date,Customer ID,Customer Name,Product Name,Sales,Quantity,Profit',
      ...rows,
    ].join('\n');
    const summary = await importCsv(deps, team.id, csv);
    expect(summary.detected.dates.format).toBe('dmy');
    expect(summary).toMatchObject({ rows: n, rejectedRows: 0 });
    // Every line on 1 February (day-first), the last on the 25th.
    const report = await customersReport(ctx.store, deps.clock, team.id, ALL_TIME);
    expect(report.items[0]).toMatchObject({ revenue: '10020.00', lastOrderAt: '2016-02-25' });
  });

  it('imports 10k generated lines whose report totals equal the file to the cent, and a re-import changes nothing', async () => {
    const options = { rows: 10_000 };
    const csv = superstoreCsv(options);
    const { deps, team, summary, expected, report } = await expectTotalsMatch(options);
    expect(summary.lines).toEqual({ new: 10_000, changed: 0, unchanged: 0 });
    expect(summary.totals.orders).toBe(expected.overall.orders);
    expect(summary.customers.new).toBe(expected.overall.customers);
    expect(await ctx.store.orderLines.count(team.id)).toBe(10_000);

    // Every customer's figures equal the file's exact per-customer sums.
    expect(report.total).toBe(expected.byCustomer.size);
    for (const row of report.items) {
      const want = expected.byCustomer.get(row.customerId);
      expect(want, row.customerId).toBeDefined();
      expect([units(row.revenue), units(row.profit), row.orders, row.lines, row.name]).toEqual([
        units(want!.revenue),
        units(want!.profit),
        want!.orders,
        want!.lines,
        want!.name,
      ]);
    }
    // The biggest buyer loses money: tier D however much they buy.
    const biggest = customersByRevenue(expected)[0]!;
    expect(units(biggest.profit)).toBeLessThan(0n);
    expect(report.items[0]).toMatchObject({ customerId: biggest.customerId, tier: 'D' });

    const version = (await ctx.store.teams.get(team.id))!.version;
    const again = await importCsv(deps, team.id, csv);
    expect(again.lines).toEqual({ new: 0, changed: 0, unchanged: 10_000 });
    expect(again.customers).toEqual({ new: 0, matched: expected.overall.customers });
    expect(again.products.new + again.products.changed).toBe(0);
    expect(again.metrics).toEqual({ customers: expected.overall.customers, changed: 0 });
    expect((await ctx.store.teams.get(team.id))!.version).toBe(version);
  }, 30_000);

  it('a new team: a Row ID repeated in a later chunk is refused, the first row stands in the rollups and the report', async () => {
    // A team without lines skips reading its keys back and builds its rollups once at the end:
    // safe because no key can repeat within a file.
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const row = (i: number, sales: string, profit: string) => [
      String(i),
      `O-${i}`,
      '1/15/2026',
      `C-${i % 7}`,
      `Customer ${i % 7}`,
      'P-1',
      'Pen',
      sales,
      '1',
      profit,
    ];
    const n = CHUNK + 2;
    const rows = Array.from({ length: n }, (_, i) => row(i, '10.00', '2.00'));
    rows.push(row(3, '30.00', '-5.00'));
    const summary = await importCsv(deps, team.id, csvOf(HEADER, rows), US);
    expect(summary.errors).toEqual([
      { row: n + 2, column: 'Row ID', message: 'repeats the line id "3" of an earlier row' },
    ]);
    expect(summary.lines).toEqual({ new: n, changed: 0, unchanged: 0 });
    expect(await ctx.store.orderLines.count(team.id)).toBe(n);

    const report = await customersReport(ctx.store, deps.clock, team.id, ALL_TIME);
    expect(units(report.totals.revenue)).toBe(units('10.00') * BigInt(n));
    expect(units(report.totals.profit)).toBe(units('2.00') * BigInt(n));
    // Customer C-3: rows 3, 10, 17, … of the file, one order each.
    const c3 = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 3).length;
    const three = report.items.find((r) => r.name === 'Customer 3');
    expect(three && [units(three.revenue), units(three.profit), three.lines, three.orders]).toEqual([
      units('10.00') * BigInt(c3),
      units('2.00') * BigInt(c3),
      c3,
      c3,
    ]);
    const rollup = (await ctx.store.orderLines.rollups(team.id)).get(three?.id ?? '');
    expect(rollup && [rollup.revenue, rollup.profit, rollup.lines, rollup.orders]).toEqual([
      units('10.00') * BigInt(c3),
      units('2.00') * BigInt(c3),
      c3,
      c3,
    ]);
  });

  it('keeps identical rows within an order as distinct lines (keys: order id + position when no Row ID)', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const header = HEADER.filter((h) => h !== 'Row ID');
    const row = ['CA-1', '1/5/2016', 'SM-1', 'Sean Miller', 'P-1', 'Chair', '10.50', '1', '2.25'];
    const csv = csvOf(header, [
      row,
      row,
      ['CA-2', '1/6/2016', 'SM-1', 'Sean Miller', 'P-1', 'Chair', '3', '1', '1'],
      row,
    ]);
    const s = await importCsv(deps, team.id, csv, US);
    expect(s.lines.new).toBe(4);
    const lines = await ctx.store.orderLines.byKeys(team.id, ['CA-1#1', 'CA-1#2', 'CA-1#3', 'CA-2#1']);
    expect([...lines.keys()].sort()).toEqual(['CA-1#1', 'CA-1#2', 'CA-1#3', 'CA-2#1']);
    expect(s.totals).toMatchObject({ revenue: '34.50', profit: '7.75', orders: 2, lines: 4 });
    // The generator's first order repeats its first line verbatim; with Row IDs both are kept too.
    const rows = [...superstoreRows({ rows: 3 })];
    expect(rows[0]!['Product ID']).toBe(rows[2]!['Product ID']);
    expect((await importCsv(deps, team.id, superstoreCsv({ rows: 3 }))).lines.new).toBe(3);
  });

  it('reads Cost instead of Profit (profit = revenue − cost) and a "Country/Region" header', async () => {
    const { summary } = await expectTotalsMatch({
      rows: 1500,
      seed: 7,
      costInsteadOfProfit: true,
      rename: { Country: 'Country/Region' },
    });
    expect(summary.columns).toContainEqual({ header: 'Cost', field: 'cost' });
    expect(summary.columns).toContainEqual({ header: 'Country/Region', field: 'country' });
    const tiny = csvOf(
      ['Order ID', 'Order Date', 'Customer ID', 'Product ID', 'Sales', 'Cost'],
      [['O-1', '2016-03-01', 'C-1', 'P-1', '100.0050', '60.1']],
    );
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    expect((await importCsv(deps, team.id, tiny)).totals).toMatchObject({
      revenue: '100.005',
      profit: '39.905',
    });
  });

  it('detects Windows-1252 and strips a UTF-8 BOM', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const csv = csvOf(HEADER, [
      ['1', 'O-1', '1/5/2016', 'CM-1', 'Chloé Müller', 'P-9', 'Post-it® Notes™', '10', '1', '2'],
    ]);
    const s = await importCsv(deps, team.id, iconv.encode(csv, 'win1252'), US);
    expect(s.encoding).toBe('windows-1252');
    const [customer] = await ctx.store.rowQueries.live<Customer>(team.id, 'customer');
    expect(customer?.name).toBe('Chloé Müller');
    const [product] = await ctx.store.rowQueries.live<{ name: string }>(team.id, 'product');
    expect(product?.name).toBe('Post-it® Notes™');

    await expectTotalsMatch({ rows: 800, seed: 3, encoding: 'windows-1252' });
    const bom = await expectTotalsMatch({ rows: 800, seed: 4, encoding: 'utf8-bom' });
    expect(bom.summary.encoding).toBe('utf-8');
    expect(bom.summary.columns[0]).toEqual({ header: 'Row ID', field: 'lineId' });
  });

  it('reads US m/d/yyyy and ISO dates alike and rejects impossible days per row', async () => {
    const us = await expectTotalsMatch({ rows: 600, seed: 5, dateFormat: 'us' });
    const iso = await expectTotalsMatch({ rows: 600, seed: 5, dateFormat: 'iso' });
    expect(iso.report.items).toEqual(us.report.items.map((r) => ({ ...r, id: expect.any(String) })));
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const csv = csvOf(HEADER, [
      ['1', 'O-1', '2/29/2016', 'C-1', 'A', 'P-1', 'X', '1', '1', '1'],
      ['2', 'O-2', '2/29/2017', 'C-1', 'A', 'P-1', 'X', '1', '1', '1'],
      ['3', 'O-3', '2016-13-01', 'C-1', 'A', 'P-1', 'X', '1', '1', '1'],
      ['4', 'O-4', '31.12.2016', 'C-1', 'A', 'P-1', 'X', '1', '1', '1'],
    ]);
    const s = await importCsv(deps, team.id, csv);
    expect(s.lines.new).toBe(1);
    expect(s.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Order Date'],
      [4, 'Order Date'],
      [5, 'Order Date'],
    ]);
    expect(s.errors[0]!.message).toMatch(/not a real day/);
  });

  it('reports bad rows by row and column while the good rows import', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const csv = csvOf(HEADER, [
      ['1', 'O-1', '1/5/2016', 'C-1', 'Ann', 'P-1', 'Desk', '100.25', '2', '20'],
      ['2', 'O-1', '1/5/2016', 'C-1', 'Ann', 'P-2', 'Lamp', '12,50', '1', '2'],
      ['3', 'O-2', '1/6/2016', '', 'Bob', 'P-1', 'Desk', '50', '0', 'x'],
      ['4', 'O-3', '1/7/2016', 'C-2', 'Cy', 'P-1', 'Desk', '1.00001', '1', '1'],
      ['1', 'O-4', '1/8/2016', 'C-2', 'Cy', 'P-1', 'Desk', '5', '1', '1'],
      ['6', 'O-5', '1/9/2016', 'C-2', 'Cy', 'P-3', 'Chair', '-5', '1', '-7.5'],
    ]);
    const s = await importCsv(deps, team.id, csv, US);
    expect(s.rows).toBe(6);
    expect(s.rejectedRows).toBe(4);
    expect(s.lines.new).toBe(2);
    expect(s.totals).toMatchObject({ revenue: '95.25', profit: '12.50', lines: 2 });
    expect(s.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'Sales'],
      [4, 'Customer ID'],
      [4, 'Quantity'],
      [4, 'Profit'],
      [5, 'Sales'],
      [6, 'Row ID'],
    ]);
    expect(s.errors[0]!.message).toContain('"12,50" is not an amount');
    expect(s.errors[5]!.message).toContain('repeats the line id "1"');
  });

  it('a dry run previews exactly and writes nothing', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const csv = superstoreCsv({ rows: 500, seed: 9 });
    const preview = await importCsv(deps, team.id, csv, { dryRun: true });
    expect(preview).toMatchObject({
      dryRun: true,
      importId: null,
      metrics: null,
      lines: { new: 500, changed: 0, unchanged: 0 },
    });
    expect(preview.customers.new).toBeGreaterThan(0);
    expect(await ctx.store.orderLines.count(team.id)).toBe(0);
    expect(await ctx.store.rowQueries.live(team.id, 'customer')).toEqual([]);
    expect(await ctx.store.imports.list(team.id, 10)).toEqual([]);
    expect((await ctx.store.teams.get(team.id))!.version).toBe(0);
    const real = await importCsv(deps, team.id, csv);
    expect({ ...real, importId: null, dryRun: true, metrics: null }).toEqual(preview);
  });

  it('rejects lines in another currency unless the mapping gives a rate, then converts exactly', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const header = [...HEADER, 'Currency'];
    const csv = csvOf(header, [
      ['1', 'O-1', '1/5/2016', 'C-1', 'Ann', 'P-1', 'Desk', '100.25', '1', '20', 'USD'],
      ['2', 'O-2', '1/6/2016', 'C-1', 'Ann', 'P-1', 'Desk', '10.0001', '1', '-3', 'EUR'],
      ['3', 'O-3', '1/7/2016', 'C-1', 'Ann', 'P-1', 'Desk', '7', '1', '1', ''],
    ]);
    const refused = await importCsv(deps, team.id, csv, { ...US, dryRun: true });
    expect(refused.lines.new).toBe(2);
    expect(refused.errors).toEqual([
      { row: 3, column: 'Currency', message: expect.stringContaining("in EUR, not the team's USD") },
    ]);
    const converted = await importCsv(deps, team.id, csv, { ...US, rates: { EUR: '1.1' } });
    expect(converted.errorCount).toBe(0);
    // 100.25 + 10.0001 × 1.1 (= 11.00011 -> 11.0001, half away from zero at 4 decimals) + 7; 20 − 3 × 1.1 + 1
    expect(converted.totals).toMatchObject({ revenue: '118.2501', profit: '17.70', lines: 3 });
    // A file whose lines have no currency column is in the team's currency unless told otherwise.
    const team2 = await newTeam(ctx.store);
    const plain = csvOf(HEADER, [['1', 'O-1', '1/5/2016', 'C-1', 'Ann', 'P-1', 'Desk', '2', '1', '1']]);
    expect((await importCsv(deps, team2.id, plain, { ...US, currency: 'GBP' })).errors[0]?.message).toContain(
      'GBP',
    );
    expect(
      (await importCsv(deps, team2.id, plain, { ...US, currency: 'GBP', rates: { GBP: '2' } })).totals
        .revenue,
    ).toBe('4.00');
  });

  it('links the contact an Email column names (creating it when new), and company-domain contacts', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    const existing = uuidv7();
    const acme = uuidv7();
    const colleague = uuidv7();
    await writeWithVersion(ctx.store, team.id, async (tx, version) => {
      await saveRows(
        tx,
        team.id,
        version,
        [
          newRow(
            'contact',
            { id: existing, name: 'Sean M.', emails: ['sean@gmail.com'], source: 'gmail' },
            deps.hlc,
          ),
          newRow(
            'customer',
            { id: acme, name: 'Acme', kind: 'company', externalId: 'AC-1', domains: ['acme.com'] },
            deps.hlc,
          ),
          newRow(
            'contact',
            { id: colleague, name: 'Jo', emails: ['jo@acme.com'], source: 'gmail' },
            deps.hlc,
          ),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      return { result: null, changed: true };
    });
    const header = [...HEADER, 'Email'];
    const csv = csvOf(header, [
      ['1', 'O-1', '1/5/2016', 'SM-20320', 'Sean Miller', 'P-1', 'Desk', '10', '1', '1', 'Sean@Gmail.com'],
      ['2', 'O-2', '1/6/2016', 'AB-1', 'Ann Bee', 'P-1', 'Desk', '10', '1', '1', 'ann@example.org'],
      ['3', 'O-3', '1/7/2016', 'AB-1', 'Ann Bee', 'P-1', 'Desk', '10', '1', '1', 'ann@example.org'],
    ]);
    const s = await importCsv(deps, team.id, csv, US);
    expect(s.contacts).toEqual({ new: 1, linked: 1 });
    expect(s.contactsLinkedByDomain).toBe(1);
    const customers = new Map(
      (await ctx.store.rowQueries.live<Customer>(team.id, 'customer')).map((c) => [c.externalId, c]),
    );
    const contacts = await ctx.store.rowQueries.live<{
      id: string;
      name: string;
      customerId: string | null;
      emails: string[];
    }>(team.id, 'contact');
    expect(contacts.map((c) => [c.name, c.emails, c.customerId])).toEqual([
      ['Sean M.', ['sean@gmail.com'], customers.get('SM-20320')!.id],
      ['Jo', ['jo@acme.com'], acme],
      ['Ann Bee', ['ann@example.org'], customers.get('AB-1')!.id],
    ]);
    expect(customers.get('AB-1')!.emails).toEqual(['ann@example.org']);
    // Linked contacts stay linked: a second import changes nothing.
    const again = await importCsv(deps, team.id, csv, US);
    expect(again.contacts).toEqual({ new: 0, linked: 0 });
    expect(again.contactsLinkedByDomain).toBe(0);
  });

  it('refuses a file whose columns cannot be order lines, naming what is missing', async () => {
    const deps = importDeps(ctx.store);
    const team = await newTeam(ctx.store);
    await expect(importCsv(deps, team.id, 'Name,Total\nA,1\n')).rejects.toThrow(
      /no column maps to orderId.*Its headers: "Name", "Total"/,
    );
    await expect(importCsv(deps, team.id, '')).rejects.toThrow(/empty/);
    // Overrides rescue unusual headers: Total -> revenue, Margin -> profit, …
    const csv = 'Ref,When,Client,Item,Total,Margin\nR-1,2016-01-02,C-1,Desk,10,2\n';
    const s = await importCsv(deps, team.id, csv, {
      columns: {
        Ref: 'orderId',
        When: 'orderedAt',
        Client: 'customerId',
        Item: 'productName',
        Total: 'revenue',
        Margin: 'profit',
      },
    });
    expect(s.lines.new).toBe(1);
  });
});
