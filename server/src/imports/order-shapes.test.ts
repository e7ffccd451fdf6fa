import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMoney } from '@rapport/shared/money';
import { expect, it } from 'vitest';
import { manualClock } from '../lib/clock.ts';
import { customersReport } from '../reports/customers.ts';
import { captureCli, tempDir } from '../testing/cli.ts';
import { createTestApp } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { AMBIGUOUS_ORDERS, ORDER_SHAPES, type OrderShape, shapeRows } from './fixtures/order-shapes.ts';
import { expectedTotals, newTeam } from './test-kit.ts';

const ALL_TIME = { allTime: true, sort: 'revenue', order: 'desc', limit: 1000, offset: 0 } as const;
const expected = expectedTotals(shapeRows());
const dir = tempDir('rapport-shapes-');
// The user ran the command in `dir`: file arguments are relative to it, not to server/.
const cli = (argv: string[], env: Record<string, string | undefined>) =>
  captureCli(argv, { env: { ...env, INIT_CWD: dir } });

forEachStore('order files in real shapes', (ctx) => {
  /** Per customer id: revenue, profit, orders and tier, as the report shows them. */
  async function tiers(teamId: string) {
    const report = await customersReport(ctx.store, manualClock(), teamId, ALL_TIME);
    return Object.fromEntries(
      report.items.map((r) => [
        r.customerId,
        [parseMoney(r.revenue), parseMoney(r.profit), r.orders, r.tier],
      ]),
    );
  }

  function expectExactTotals(summary: {
    totals: { revenue: string; profit: string; lines: number; orders: number };
  }) {
    expect(parseMoney(summary.totals.revenue)).toBe(parseMoney(expected.overall.revenue));
    expect(parseMoney(summary.totals.profit)).toBe(parseMoney(expected.overall.profit));
    expect(summary.totals.lines).toBe(60);
    expect(summary.totals.orders).toBe(expected.overall.orders);
  }

  async function viaHttp(shape: OrderShape, extra: Record<string, string> = {}) {
    const t = createTestApp(ctx.store);
    const team = await newTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const form = new FormData();
    form.set('file', new File([Buffer.from(await shape.bytes())], shape.file));
    const query = new URLSearchParams({ ...shape.query, ...extra });
    const res = await t.app.request(`/api/v1/imports/orders?${query}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${lead.token}` },
    });
    return { team, status: res.status, body: await res.json() };
  }

  let baseline: Record<string, unknown> | null = null;
  for (const shape of ORDER_SHAPES) {
    it(`imports ${shape.file} (${shape.about}) through the CLI and HTTP with exact totals and the same tiers`, async () => {
      writeFileSync(join(dir, shape.file), await shape.bytes());
      const cliTeam = await newTeam(ctx.store);
      const dry = await cli(
        ['import', 'orders', shape.file, '--team', cliTeam.id, '--dry-run', ...shape.flags],
        ctx.env,
      );
      expect(dry.err).not.toMatch(/failed|usage/);
      expect(dry.code).toBe(0);
      const preview = JSON.parse(dry.out);
      expect(preview.errors).toEqual([]);
      expect(preview.detected).toMatchObject({
        dates: { format: shape.detected.dates },
        decimal: { mark: shape.detected.decimal },
        delimiter: shape.detected.delimiter,
        headerRow: shape.detected.headerRow,
      });
      expect(dry.err).toContain(`Dates in "`);
      expectExactTotals(preview);

      const real = await cli(['import', 'orders', shape.file, '--team', cliTeam.id, ...shape.flags], ctx.env);
      expect(real.code).toBe(0);
      const summary = JSON.parse(real.out);
      expect([summary.rejectedRows, summary.lines.new]).toEqual([0, 60]);
      expectExactTotals(summary);
      const cliTiers = await tiers(cliTeam.id);
      expect(Object.keys(cliTiers)).toHaveLength(expected.byCustomer.size);
      for (const [id, want] of expected.byCustomer) {
        expect(cliTiers[id]?.slice(0, 3), id).toEqual([
          parseMoney(want.revenue),
          parseMoney(want.profit),
          want.orders,
        ]);
      }
      if (shape.file === 'us-superstore.csv') baseline = cliTiers;
      else if (baseline) expect(cliTiers).toEqual(baseline);
      // Some customer loses money and is tier D however much it buys.
      expect(Object.values(cliTiers).some((t) => t[3] === 'D')).toBe(true);

      const http = await viaHttp(shape);
      expect(http.status).toBe(200);
      expect(http.body.rejectedRows).toBe(0);
      expectExactTotals(http.body);
      expect(await tiers(http.team.id)).toEqual(cliTiers);

      // Re-importing the same file changes nothing.
      const again = await cli(
        ['import', 'orders', shape.file, '--team', cliTeam.id, ...shape.flags],
        ctx.env,
      );
      expect(JSON.parse(again.out).lines).toEqual({ new: 0, changed: 0, unchanged: 60 });
    });
  }

  it('asks which date format an ambiguous file uses instead of refusing every row, then imports the answer', async () => {
    writeFileSync(join(dir, AMBIGUOUS_ORDERS.file), AMBIGUOUS_ORDERS.csv);
    const team = await newTeam(ctx.store);
    const asked = await cli(
      ['import', 'orders', AMBIGUOUS_ORDERS.file, '--team', team.id, '--dry-run'],
      ctx.env,
    );
    expect(asked.code).toBe(1);
    expect(asked.out).toBe('');
    expect(asked.err).toContain('Which date format does "Order Date" use?');
    expect(asked.err).toContain('--date-format dmy');
    expect(asked.err).toContain('"03/05/16" as 2016-05-03');

    const answered = await cli(
      ['import', 'orders', AMBIGUOUS_ORDERS.file, '--team', team.id, '--date-format', 'dd/mm/yy'],
      ctx.env,
    );
    expect(answered.code).toBe(0);
    const summary = JSON.parse(answered.out);
    expect(summary.totals).toMatchObject(AMBIGUOUS_ORDERS.totals);
    expect(summary.detected.dates).toMatchObject({
      format: 'dmy',
      reason: expect.stringContaining('as given'),
    });
    // The preview shows the cells as written beside how they were read.
    expect(summary.samples[0]).toEqual({
      row: 2,
      cells: [
        { field: 'orderedAt', header: 'Order Date', raw: '03/05/16', parsed: '2016-05-03' },
        { field: 'revenue', header: 'Sales', raw: '1,200.50', parsed: '1200.50' },
        { field: 'profit', header: 'Profit', raw: '(20.25)', parsed: '-20.25' },
      ],
    });
    const lines = await ctx.store.orderLines.byKeys(team.id, ['A-1#1', 'B-7#1', 'C-2#1']);
    expect([...lines.values()].map((l) => l.orderedAt).sort()).toEqual(AMBIGUOUS_ORDERS.days);

    // Over HTTP the question is a 400 whose details list the choices; dateFormat= answers it.
    const shape = {
      ...ORDER_SHAPES[0]!,
      file: 'ambiguous.csv',
      query: {},
      bytes: async () => Buffer.from(AMBIGUOUS_ORDERS.csv),
    };
    const question = await viaHttp(shape, { dryRun: 'true' });
    expect(question.status).toBe(400);
    expect(question.body.error.details.question).toEqual({
      option: 'dateFormat',
      column: 'Order Date',
      choices: [
        { format: 'dmy', name: 'day first (d/m/y)', example: '03/05/16', reads: '2016-05-03' },
        { format: 'mdy', name: 'month first (m/d/y)', example: '03/05/16', reads: '2016-03-05' },
      ],
    });
    const mdy = await viaHttp(shape, { dateFormat: 'mdy' });
    expect(mdy.status).toBe(200);
    expect(mdy.body.totals).toMatchObject(AMBIGUOUS_ORDERS.totals);
    const bad = await viaHttp(shape, { dateFormat: 'sometimes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('a date format is one of dmy, mdy, ymd, serial');
  });

  it('asks whether "1,234" is a thousand or one and a bit when no amount tells, then imports the answer', async () => {
    writeFileSync(
      join(dir, 'marks.csv'),
      'Order ID,Order Date,Customer,Product,Sales,Profit\nO-1,2024-03-05,Ann,Desk,"1,234",100\nO-2,2024-03-06,Bo,Lamp,"2,500","-1,250"\n',
    );
    const team = await newTeam(ctx.store);
    const asked = await cli(['import', 'orders', 'marks.csv', '--team', team.id, '--dry-run'], ctx.env);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain('Is "1,234" a number with decimals or with a thousands separator?');
    expect(asked.err).toContain('--decimal , (1.234)');
    const comma = await cli(
      ['import', 'orders', 'marks.csv', '--team', team.id, '--dry-run', '--decimal', ','],
      ctx.env,
    );
    expect(JSON.parse(comma.out).totals).toMatchObject({ revenue: '3.734', profit: '98.75' });
    const dot = await cli(['import', 'orders', 'marks.csv', '--team', team.id, '--decimal', '.'], ctx.env);
    expect(JSON.parse(dot.out).totals).toMatchObject({ revenue: '3734.00', profit: '-1150.00' });
  });

  it("reuses a team's answers for the next file of the same shape, and only in that team", async () => {
    const header = 'Ref;When;Client;Item;Total;Margin';
    const march = `${header}\r\nR-1;03/05/16;C-1;Desk;10,50;2,25\r\n`;
    const april = `${header}\r\nR-2;04/06/16;C-1;Lamp;1.000,50;-0,5\r\nR-3;01/02/16;C-2;Desk;3;1\r\n`;
    writeFileSync(join(dir, 'march.csv'), march);
    writeFileSync(join(dir, 'april.csv'), april);
    const team = await newTeam(ctx.store);
    const flags = [
      '--map',
      'Ref=orderId',
      '--map',
      'When=orderedAt',
      '--map',
      'Client=customerId',
      '--map',
      'Item=productName',
      '--map',
      'Total=revenue',
      '--map',
      'Margin=profit',
    ];
    const first = await cli(
      ['import', 'orders', 'march.csv', '--team', team.id, ...flags, '--date-format', 'dmy'],
      ctx.env,
    );
    expect(first.code).toBe(0);
    const firstId = JSON.parse(first.out).importId;

    const next = await cli(['import', 'orders', 'april.csv', '--team', team.id], ctx.env);
    expect(next.code).toBe(0);
    const summary = JSON.parse(next.out);
    expect(summary.mapping).toMatchObject({ savedFrom: firstId, dateFormat: 'dmy', decimal: ',' });
    expect(summary.detected.dates.reason).toContain('as for the last file of this shape');
    expect(summary.totals).toMatchObject({ revenue: '1003.50', profit: '0.50', lines: 2 });
    const lines = await ctx.store.orderLines.byKeys(team.id, ['R-2#1']);
    expect(lines.get('R-2#1')?.orderedAt).toBe('2016-06-04');

    const other = await newTeam(ctx.store);
    const elsewhere = await cli(['import', 'orders', 'april.csv', '--team', other.id], ctx.env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err).toContain('no column maps to orderId');
  });

  it('takes a raw .xlsx body and names the sheets when the one asked for is missing', async () => {
    const t = createTestApp(ctx.store);
    const team = await newTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const xlsx = ORDER_SHAPES.find((s) => s.file.endsWith('.xlsx'))!;
    const send = async (query: string) => {
      const res = await t.app.request(`/api/v1/imports/orders?${query}`, {
        method: 'POST',
        body: Buffer.from(await xlsx.bytes()),
        headers: {
          authorization: `Bearer ${lead.token}`,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      });
      return { status: res.status, body: await res.json() };
    };
    const ok = await send('sheet=2&dryRun=true&filename=erp.xlsx');
    expect(ok.status).toBe(200);
    expect(ok.body.detected).toMatchObject({ kind: 'xlsx', sheet: 'Orders', sheets: ['Notes', 'Orders'] });
    expectExactTotals(ok.body);
    const missing = await send('sheet=Sales&filename=erp.xlsx');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('no sheet "Sales"; its sheets: "Notes", "Orders"');
    // The first sheet holds no order columns: the error says what is missing there.
    const first = await send('filename=erp.xlsx');
    expect(first.status).toBe(400);
    expect(first.body.error.details.problems).toContain('no column maps to orderId (order id)');
  });

  it('resolves file arguments against the directory the command ran in', async () => {
    writeFileSync(join(dir, 'here.csv'), AMBIGUOUS_ORDERS.csv);
    const team = await newTeam(ctx.store);
    const ok = await cli(
      ['import', 'orders', 'here.csv', '--team', team.id, '--date-format', 'mdy'],
      ctx.env,
    );
    expect(ok.code).toBe(0);
    const missing = await cli(['import', 'orders', 'nowhere.csv', '--team', team.id], ctx.env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`looked for ${join(dir, 'nowhere.csv')}`);
  });
});

it('the committed fixture files are the ones the shapes generate', async () => {
  for (const shape of ORDER_SHAPES) {
    if (shape.file.endsWith('.xlsx')) continue; // zip timestamps differ between runs
    const committed = readFileSync(new URL(`./fixtures/files/${shape.file}`, import.meta.url));
    expect(Buffer.compare(committed, Buffer.from(await shape.bytes())), shape.file).toBe(0);
  }
});
