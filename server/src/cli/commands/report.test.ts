import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseMoney } from '@rapport/shared/money';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedTotals, superstoreCsv, superstoreRows } from '../../imports/test-kit.ts';
import { manualClock } from '../../lib/clock.ts';
import { captureCli } from '../../testing/cli.ts';

const OPTIONS = { rows: 2000, seed: 11, withEmail: true };
const SERVER = fileURLToPath(new URL('../../../', import.meta.url));

describe('CLI: import, report, export', () => {
  let dir = '';
  let env: Record<string, string> = {};
  const clock = manualClock('2026-01-15T09:00:00.000Z');

  const cli = (...argv: string[]) => captureCli(argv, { env, clock });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
    env = { RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' };
    writeFileSync(join(dir, 'orders.csv'), superstoreCsv(OPTIONS));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports orders, then `report customers --format json` prints only the promised JSON array', async () => {
    const file = join(dir, 'orders.csv');
    const preview = await cli('import', 'orders', file, '--dry-run');
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.out)).toMatchObject({ dryRun: true, lines: { new: 2000 } });

    const imported = await cli('import', 'orders', file);
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.out);
    const expected = expectedTotals(superstoreRows(OPTIONS));
    expect(summary).toMatchObject({ lines: { new: 2000 }, customers: { new: expected.overall.customers } });
    // The Email column links (here: creates) one contact per customer.
    expect(summary.contacts).toEqual({ new: expected.overall.customers, linked: 0 });
    expect(imported.err).toMatch(/2000 rows .* 2000 new/);

    const report = await cli('report', 'customers', '--all-time', '--format', 'json');
    expect(report.code).toBe(0);
    const rows = JSON.parse(report.out) as Record<string, unknown>[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(expected.overall.customers);
    for (const row of rows) {
      expect(row).toEqual(
        expect.objectContaining({
          customerId: expect.stringMatching(/^[A-Z]{2}-\d{5}$/),
          name: expect.any(String),
          revenue: expect.stringMatching(/^-?\d+\.\d{2,4}$/),
          profit: expect.stringMatching(/^-?\d+\.\d{2,4}$/),
          orders: expect.any(Number),
          tier: expect.stringMatching(/^(A|B|C|D|none)$/),
        }),
      );
      expect(row).toHaveProperty('margin');
      const want = expected.byCustomer.get(row.customerId as string)!;
      expect([parseMoney(row.revenue as string), parseMoney(row.profit as string), row.orders]).toEqual([
        parseMoney(want.revenue),
        parseMoney(want.profit),
        want.orders,
      ]);
    }
    const total = rows.reduce((sum, r) => sum + parseMoney(r.revenue as string), 0n);
    expect(total).toBe(parseMoney(expected.overall.revenue));

    const csv = await cli(
      'report',
      'customers',
      '--from',
      '2015-01-01',
      '--to',
      '2016-01-01',
      '--format',
      'csv',
    );
    const parsed = Papa.parse<string[]>(csv.out.trim()).data;
    expect(parsed[0]).toEqual([
      'customerId',
      'name',
      'revenue',
      'profit',
      'orders',
      'margin',
      'tier',
      'lines',
      'lastOrderAt',
      'ownerId',
      'id',
    ]);
    const in2015 = expectedTotals(superstoreRows(OPTIONS), { from: '2015-01-01', to: '2016-01-01' });
    expect(parsed.slice(1).reduce((sum, r) => sum + parseMoney(r[3]!), 0n)).toBe(
      parseMoney(in2015.overall.profit),
    );

    expect((await cli('report', 'customers', '--all-time', '--from', '2015-01-01')).code).toBe(2);
    expect((await cli('report', 'customers', '--from', '2015-02-30')).code).toBe(2);
    expect((await cli('import', 'orders', file, '--map', 'Sales')).code).toBe(2);
    expect((await cli('import', 'orders', join(dir, 'missing.csv'))).code).toBe(2);
  }, 30_000);

  it('exports contacts as vCard and imports them into another team, skipping duplicates in the same team', async () => {
    const exported = await cli(
      'export',
      'contacts',
      '--format',
      'vcard',
      '--vcard-version',
      '3.0',
      '--out',
      join(dir, 'contacts.vcf'),
    );
    expect(exported.code).toBe(0);
    const count = Number(/Exported (\d+) contacts/.exec(exported.err)?.[1]);
    expect(count).toBeGreaterThan(100);
    const team = JSON.parse((await cli('team', 'add', 'Second team')).out);
    const imported = await cli('import', 'contacts', join(dir, 'contacts.vcf'), '--team', team.id);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({
      format: 'vcard',
      created: count,
      duplicateCount: 0,
      errorCount: 0,
    });
    const again = await cli('import', 'contacts', join(dir, 'contacts.vcf'));
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, duplicateCount: count });
    const asCsv = await cli('export', 'contacts', '--format', 'csv', '--team', team.id);
    expect(Papa.parse(asCsv.out.trim()).data).toHaveLength(count + 1);
  });

  it('runs as a child process with nothing but JSON on stdout', async () => {
    const { stdout } = await promisify(execFile)(
      join(SERVER, '../node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'report', 'customers', '--all-time', '--format', 'json'],
      {
        cwd: SERVER,
        env: { ...process.env, ...env, DATABASE_URL: '' },
      },
    );
    const rows = JSON.parse(stdout) as { customerId: string }[];
    expect(rows.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('CLI: report customers --format csv and formula injection', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes customer names a spreadsheet would run, and keeps negative amounts as numbers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapport-cli-csv-'));
    const header =
      'Row ID,Order ID,Order Date,Customer ID,Customer Name,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit';
    const names = ['+1+HYPERLINK("http://x","y")', "-2+3+cmd|' /C calc'!A0", '=1+1', '@SUM(A1)'];
    const rows = names.map(
      (name, i) =>
        `${i + 1},O-${i + 1},2025-03-0${i + 1},EV-0000${i + 1},"${name.replaceAll('"', '""')}",P-1,Furniture,Chairs,Chair,100.00,1,0,-12.50`,
    );
    writeFileSync(join(dir, 'evil.csv'), `${[header, ...rows].join('\n')}\n`);
    const io = { out: '' };
    const run = async (...argv: string[]) => {
      const result = await captureCli(argv, {
        env: { RAPPORT_DATA_DIR: dir },
        clock: manualClock('2026-01-15T09:00:00.000Z'),
      });
      io.out = result.out;
      return result.code;
    };
    expect(await run('import', 'orders', join(dir, 'evil.csv'))).toBe(0);
    expect(await run('report', 'customers', '--all-time', '--format', 'csv', '--sort', 'name')).toBe(0);
    const [head, ...cells] = Papa.parse<string[]>(io.out.trim()).data;
    const col = (row: string[], name: string) => row[head!.indexOf(name)];
    expect(cells.map((r) => col(r, 'name')).sort()).toEqual(names.map((n) => `'${n}`).sort());
    for (const row of cells) {
      expect(col(row, 'profit')).toBe('-12.50');
      expect(col(row, 'revenue')).toBe('100.00');
    }
  });
});
