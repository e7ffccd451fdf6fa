import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMoney } from '@rapport/shared/money';
import { expect, it } from 'vitest';
import { manualClock } from '../lib/clock.ts';
import { customersReport } from '../reports/customers.ts';
import { captureCli, tempDir } from '../testing/cli.ts';
import { createTestApp } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { newTeam } from './test-kit.ts';

// Order files that give a list price per unit, a quantity and a discount instead of the revenue.
// Every expected amount is computed by hand in the comments.
const DISCOUNT_FILES = [
  {
    file: 'discount-rate.csv',
    about: 'Unit Price × Quantity × (1 − Discount), the discount as 15% or a fraction',
    text: [
      'Order ID,Order Date,Customer ID,Customer Name,Product Name,Unit Price,Quantity,Discount,Cost',
      // 12.50 × 3 = 37.50, less 15 % (5.625) = 31.875; profit 31.875 − 20 = 11.875
      'O1,2026-03-01,C1,Acme,Widget,12.50,3,15%,20.00',
      // 19.99 × 7 = 139.93 × 0.925 = 129.43525 -> 129.4353 (half away from zero); profit 29.4353
      'O1,2026-03-01,C1,Acme,Gadget,19.99,7,0.075,100.00',
      // 12.50 × 2 = 25.00, no discount; profit 25 − 30 = −5 (a loss: tier D)
      'O2,2026-03-02,C2,Bolt,Widget,12.50,2,0,30.00',
    ],
    revenue: '186.3103', // 31.875 + 129.4353 + 25
    profit: '36.3103', // 11.875 + 29.4353 − 5
    customers: { C1: ['161.3103', '41.3103', 'A'], C2: ['25', '-5', 'D'] },
    says: 'computed exactly as "Unit Price" × "Quantity" × (1 − "Discount") (revenue computed from the discount)',
  },
  {
    file: 'discount-percent-header.csv',
    about: '"Discount %" holding 7.5 (the header says percent)',
    text: [
      'Order ID,Order Date,Customer Name,Product Name,List Price,Qty,Discount %,Profit',
      // 10.00 × 4 = 40.00 × (1 − 7.5 %) = 37.00
      'O30,2026-05-01,Cobalt,Widget,10.00,4,7.5,17.00',
      // 0.3333 × 3 = 0.9999 × 0.6667 = 0.66663333 -> 0.6666
      'O31,2026-05-02,Cobalt,Nut,0.3333,3,33.33,0.10',
    ],
    revenue: '37.6666',
    profit: '17.1',
    customers: { Cobalt: ['37.6666', '17.1', 'A'] },
    says: '"List Price" × "Qty" × (1 − "Discount %")',
  },
  {
    file: 'discount-points.csv',
    about: 'a plain "Discount" column in percentage points (15, 0.5), read from all its values',
    text: [
      'Order ID,Order Date,Customer Name,Product Name,Unit Price,Quantity,Discount,Profit',
      // 20.00 × 2 = 40.00 × (1 − 15 %) = 34.00
      'O40,2026-06-01,Delta,Widget,20.00,2,15,10.00',
      // 8.00 × 5 = 40.00 × (1 − 0.5 %) = 39.80: beside 15, a 0.5 is half a percent, not 50 %
      'O41,2026-06-02,Delta,Nut,8.00,5,0.5,4.00',
    ],
    revenue: '73.8',
    profit: '14',
    customers: { Delta: ['73.8', '14', 'A'] },
    says: '(1 − "Discount" %, its values being percentage points since some exceed 1)',
  },
  {
    file: 'discount-amount.csv',
    about: 'List Price × Qty − Discount Amount, fractional quantities, an empty discount',
    text: [
      'Order ID,Order Date,Customer Name,Product Name,List Price,Qty,Discount Amount,Profit',
      // 4.10 × 2.5 = 10.25 − 0.25 = 10.00
      'O10,2026-04-01,Zeta,Bolt,4.10,2.5,0.25,1.00',
      // 1.3333 × 3 = 3.9999, no discount
      'O11,2026-04-02,Zeta,Nut,1.3333,3,,0.50',
    ],
    revenue: '13.9999',
    profit: '1.5',
    customers: { Zeta: ['13.9999', '1.5', 'A'] },
    says: '"List Price" × "Qty" − "Discount Amount"',
  },
] as const;

const dir = tempDir('rapport-discounts-');
// The user ran the command in `dir`: file arguments are relative to it, not to server/.
const cli = (argv: string[], env: Record<string, string | undefined>) =>
  captureCli(argv, { env: { ...env, INIT_CWD: dir } });

forEachStore('order files with a list price and a discount instead of revenue', (ctx) => {
  async function customers(teamId: string) {
    const report = await customersReport(ctx.store, manualClock(), teamId, {
      allTime: true,
      sort: 'revenue',
      order: 'desc',
      limit: 100,
      offset: 0,
    });
    return Object.fromEntries(
      report.items.map((r) => [r.externalId ?? r.name, [r.revenue, r.profit, r.tier].map(String)]),
    );
  }
  const exact = (m: string) => parseMoney(m);

  for (const f of DISCOUNT_FILES) {
    it(`imports ${f.file} (${f.about}) through the CLI and HTTP with exact totals`, async () => {
      const body = `${f.text.join('\r\n')}\r\n`;
      writeFileSync(join(dir, f.file), body);
      const team = await newTeam(ctx.store);
      const dry = await cli(['import', 'orders', f.file, '--team', team.id, '--dry-run'], ctx.env);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.err).toContain(f.says);
      const preview = JSON.parse(dry.out);
      expect(preview.detected.revenue.from).toBe('unitPrice');
      expect(exact(preview.totals.revenue)).toBe(exact(f.revenue));
      const run = await cli(['import', 'orders', f.file, '--team', team.id], ctx.env);
      expect(run.code, run.err).toBe(0);
      const s = JSON.parse(run.out);
      expect(s.errors).toEqual([]);
      expect([exact(s.totals.revenue), exact(s.totals.profit)]).toEqual([exact(f.revenue), exact(f.profit)]);
      const got = await customers(team.id);
      for (const [id, [revenue, profit, tier]] of Object.entries(f.customers)) {
        expect(got[id]?.[2], `${f.file} ${id} tier`).toBe(tier);
        expect([exact(got[id]?.[0] ?? ''), exact(got[id]?.[1] ?? '')]).toEqual([
          exact(revenue),
          exact(profit),
        ]);
      }

      const t = createTestApp(ctx.store);
      const httpTeam = await newTeam(ctx.store);
      const lead = await t.member(httpTeam, 'lead');
      const form = new FormData();
      form.set('file', new File([body], f.file));
      const res = await t.app.request('/api/v1/imports/orders', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${lead.token}` },
      });
      expect(res.status).toBe(200);
      const http = await res.json();
      expect(http.detected.revenue.reason).toContain(f.says);
      expect([exact(http.totals.revenue), exact(http.totals.profit)]).toEqual([
        exact(f.revenue),
        exact(f.profit),
      ]);
      expect(await customers(httpTeam.id)).toEqual(got);
    });
  }

  it('refuses a discount outside 0–100 % by row and column, and imports the other rows', async () => {
    // The bare 15 makes the column percentage points (15 = 15 %); 150 % is refused on its row.
    const body = [
      'Order ID,Order Date,Customer Name,Product Name,Unit Price,Quantity,Discount,Profit',
      'O1,2026-03-01,Acme,Widget,12.50,3,15%,1.00',
      'O2,2026-03-01,Acme,Widget,12.50,3,150%,1.00',
      'O3,2026-03-01,Acme,Widget,12.50,3,15,1.00',
    ].join('\n');
    writeFileSync(join(dir, 'bad-discount.csv'), body);
    const team = await newTeam(ctx.store);
    const run = await cli(['import', 'orders', 'bad-discount.csv', '--team', team.id], ctx.env);
    const s = JSON.parse(run.out);
    expect(s.errors).toEqual([
      {
        row: 3,
        column: 'Discount',
        message: '"150%" is not a discount rate between 0 and 100 % (such as 15% or 0.15)',
      },
    ]);
    expect(exact(s.totals.revenue)).toBe(exact('63.75')); // 31.875 twice
  });
});
