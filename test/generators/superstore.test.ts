import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { superstoreCustomers } from './customers.ts';
import { customersByRevenue, expectedTotals } from './expected-totals.ts';
import {
  ordersCsv,
  SUPERSTORE_COLUMNS,
  type SuperstoreRow,
  superstoreChunks,
  superstoreCsv,
  superstoreHeader,
  superstoreLines,
  superstoreRows,
} from './superstore.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const parse = (text: string): Record<string, string>[] => {
  const result = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
};
const rows = (n: number, seed = 1): SuperstoreRow[] => [...superstoreRows({ rows: n, seed })];
const withoutRowId = (r: SuperstoreRow): string => JSON.stringify({ ...r, 'Row ID': undefined });

describe('superstore generator', () => {
  it('is deterministic: same options, same bytes; another seed, other bytes', () => {
    const a = superstoreCsv({ rows: 500, seed: 7 });
    expect(sha(superstoreCsv({ rows: 500, seed: 7 }))).toBe(sha(a));
    expect(sha(superstoreCsv({ rows: 500, seed: 8 }))).not.toBe(sha(a));
  });

  it('gives the first N rows of a bigger file as the N-row file', () => {
    expect(rows(137)).toEqual(rows(1000).slice(0, 137));
  });

  it('writes exactly the canonical columns, in order, and parses back to the same rows', () => {
    const text = superstoreCsv({ rows: 300 }).toString('utf8');
    expect(text.slice(0, text.indexOf('\n')).split(',')).toEqual([...SUPERSTORE_COLUMNS]);
    const parsed = parse(text);
    const generated = rows(300);
    expect(parsed).toHaveLength(300);
    expect(parsed.map((p) => Object.keys(p))).toEqual(parsed.map(() => [...SUPERSTORE_COLUMNS]));
    expect(parsed).toEqual(
      generated.map((r) => Object.fromEntries(SUPERSTORE_COLUMNS.map((c) => [c, r[c]]))),
    );
  });

  it('quotes fields that hold commas or quotes', () => {
    const text = superstoreCsv({ rows: 3000 }).toString('utf8');
    expect(text).toContain(',"Bretford CR4500 Series Slim Rectangular Table, Cherry",');
    expect(text).toContain(',"HP Designjet T520 Inkjet Large Format Printer - 24"" - Color",');
  });

  it('has realistic ids, dates and amounts', () => {
    const all = rows(2000);
    expect(all.map((r) => r['Row ID'])).toEqual(all.map((_, i) => String(i + 1)));
    for (const r of all) {
      expect(r['Order ID']).toMatch(/^(CA|US)-\d{4}-\d{6}$/);
      expect(r['Order ID'].slice(3, 7)).toBe(r['Order Date'].slice(-4));
      expect(r['Customer ID']).toMatch(/^[A-Z]{2}-\d{5}$/);
      expect(r['Order Date']).toMatch(/^\d{1,2}\/\d{1,2}\/201[4-7]$/);
      expect(Date.parse(r['Ship Date'])).toBeGreaterThanOrEqual(Date.parse(r['Order Date']));
      expect(r.Sales).toMatch(/^\d+(\.\d{1,4})?$/);
      expect(r.Profit).toMatch(/^-?\d+(\.\d{1,4})?$/);
      expect(r.Discount).toMatch(/^0(\.\d+)?$/);
    }
    expect(all.some((r) => /^\d+\.\d{4}$/.test(r.Sales))).toBe(true);
    expect(all.some((r) => /^-?\d+\.\d{4}$/.test(r.Profit))).toBe(true);
    expect(all.some((r) => r.Profit.startsWith('-'))).toBe(true);
    // Lines of one order are adjacent and share date, customer and place.
    const byOrder = new Map<string, SuperstoreRow>();
    for (const r of all) {
      const first = byOrder.get(r['Order ID']) ?? r;
      byOrder.set(r['Order ID'], first);
      expect([r['Order Date'], r['Customer ID'], r.City]).toEqual([
        first['Order Date'],
        first['Customer ID'],
        first.City,
      ]);
    }
  });

  it('keeps Sales = Cost + Profit to the ten-thousandth', () => {
    const units = (s: string): bigint => {
      const [w = '', f = ''] = s.replace('-', '').split('.');
      const v = BigInt(w + f.padEnd(4, '0'));
      return s.startsWith('-') ? -v : v;
    };
    for (const r of rows(500)) expect(units(r.Cost) + units(r.Profit)).toBe(units(r.Sales));
  });

  it('repeats products within an order, including fully identical rows with different Row IDs', () => {
    const all = rows(1000);
    const identical = all.filter(
      (r, i) =>
        i > 0 &&
        all.slice(0, i).some((p) => p['Order ID'] === r['Order ID'] && withoutRowId(p) === withoutRowId(r)),
    );
    expect(identical.length).toBeGreaterThan(1);
    const sameProductDifferentLine = all.filter((r, i) =>
      all
        .slice(0, i)
        .some(
          (p) =>
            p['Order ID'] === r['Order ID'] &&
            p['Product ID'] === r['Product ID'] &&
            withoutRowId(p) !== withoutRowId(r),
        ),
    );
    expect(sameProductDifferentLine.length).toBeGreaterThan(0);
    // Even a three-row file has an identical pair.
    const tiny = rows(3);
    expect(withoutRowId(tiny[2] as SuperstoreRow)).toBe(withoutRowId(tiny[0] as SuperstoreRow));
  });

  it('has a few big customers who lose money overall, the biggest among them', () => {
    const totals = expectedTotals(superstoreRows({ rows: 10_000, seed: 1 }));
    const losing = superstoreCustomers({ customers: 793, seed: 1 }).filter((c) => c.losing);
    expect(losing.length).toBe(8);
    for (const c of losing) expect(totals.byCustomer.get(c.id)?.profit).toMatch(/^-/);
    const top = customersByRevenue(totals)[0];
    expect(top?.profit).toMatch(/^-/);
    expect(losing.map((c) => c.id)).toContain(top?.customerId);
    expect(totals.overall.profit).not.toMatch(/^-/);
    // The handbook's example customer is in every file and loses money.
    expect(totals.byCustomer.get('SM-20320')).toMatchObject({
      name: 'Sean Miller',
      profit: expect.stringMatching(/^-/),
    });
  });

  it('supports ISO dates, a Cost column, an Email column and renamed headers without changing the data', () => {
    const base = rows(50);
    const options = {
      rows: 50,
      dateFormat: 'iso',
      costInsteadOfProfit: true,
      withEmail: true,
      rename: { Country: 'Country/Region', Email: 'Customer Email' },
    } as const;
    const header = superstoreHeader(options);
    expect(header).toEqual([
      ...SUPERSTORE_COLUMNS.slice(0, 6),
      'Customer Email',
      'Segment',
      'Country/Region',
      ...SUPERSTORE_COLUMNS.slice(8, 18),
      'Cost',
    ]);
    const parsed = parse(superstoreCsv(options).toString('utf8'));
    const customers = new Map(superstoreCustomers({ customers: 793, seed: 1 }).map((c) => [c.id, c.email]));
    parsed.forEach((p, i) => {
      const r = base[i] as SuperstoreRow;
      const [m, d, y] = r['Order Date'].split('/');
      expect(p['Order Date']).toBe(`${y}-${m?.padStart(2, '0')}-${d?.padStart(2, '0')}`);
      expect(p.Cost).toBe(r.Cost);
      expect(p.Profit).toBeUndefined();
      expect(p['Customer Email']).toBe(customers.get(r['Customer ID']));
      expect(p['Country/Region']).toBe('United States');
    });
    // Totals from the Cost file equal the totals from the Profit rows.
    expect(expectedTotals(parsed as never)).toEqual(expectedTotals(base));
  });

  it('encodes as UTF-8 with a BOM or as windows-1252 bytes', () => {
    const utf8 = superstoreCsv({ rows: 3000 });
    const bom = superstoreCsv({ rows: 3000, encoding: 'utf8-bom' });
    const cp1252 = superstoreCsv({ rows: 3000, encoding: 'windows-1252' });
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).equals(utf8)).toBe(true);
    expect(iconv.decode(cp1252, 'win1252')).toBe(utf8.toString('utf8'));
    // é is one byte (0xE9) in windows-1252 and two (C3 A9) in UTF-8; ™ is 0x99 there.
    expect(cp1252.includes(Buffer.from([0xe9]))).toBe(true);
    expect(cp1252.includes(Buffer.from([0x99]))).toBe(true);
    expect(cp1252.includes(Buffer.from([0xc3, 0xa9]))).toBe(false);
    expect(utf8.toString('utf8')).toMatch(/Chloé|José|Renée|Noémie/);
  });

  it('streams in ~64 KiB chunks that add up to the lines', () => {
    const chunks = [...superstoreChunks({ rows: 2000 })];
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(Buffer.concat(chunks).toString('utf8')).toBe([...superstoreLines({ rows: 2000 })].join(''));
  });

  it('writes hand-made rows with the columns they fill, in file order, Email after Customer Name', () => {
    expect(
      ordersCsv([
        { Profit: '-1.50', 'Customer Name': 'Ada, Ltd', 'Order ID': 'CA-1', Email: 'ada@x.test' },
        { 'Order ID': 'CA-2', 'Customer Name': 'Bo "B" Li', Profit: '2' },
      ]),
    ).toBe('Order ID,Customer Name,Email,Profit\nCA-1,"Ada, Ltd",ada@x.test,-1.50\nCA-2,"Bo ""B"" Li",,2\n');
  });

  it('rejects bad options with a readable message', () => {
    expect(() => superstoreCsv({ rows: -1 })).toThrow(/rows/);
    expect(() => superstoreCsv({ encoding: 'latin9' as never })).toThrow(/encoding/);
    expect(() => superstoreCsv({ rename: { Colour: 'x' } as never })).toThrow(/rename/);
  });

  it('keeps customer ids unique and the same whatever the row count', () => {
    const customers = superstoreCustomers({ customers: 20_000, seed: 3 });
    expect(new Set(customers.map((c) => c.id)).size).toBe(20_000);
    expect(new Set(customers.map((c) => c.email)).size).toBe(20_000);
    const ids = new Set(customers.slice(0, 793).map((c) => c.id));
    expect(superstoreCustomers({ customers: 793, seed: 3 }).map((c) => c.id)).toEqual([...ids]);
    for (const r of rows(500, 3)) expect(ids.has(r['Customer ID'])).toBe(true);
  });
});
