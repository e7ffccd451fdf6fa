// The dashboard's import screen end to end: the real server (in-process, SQLite), the dashboard built
// by Vite, real Chromium at 1280 px. A generated retail file whose order id and revenue columns carry
// other names fails to map; the lead picks the columns in the screen, previews, imports, and the
// team's next file of that shape needs nothing. A file whose rows are all refused says so honestly.
// Screenshots (en and zh-CN) land in test/artifacts/import/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMoney } from '@rapport/shared/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedTotals } from '../generators/expected-totals.ts';
import { superstoreCsv, superstoreRows } from '../generators/superstore.ts';
import { type DashboardWorld, screenshot, startDashboardWorld } from './harness/index.ts';
import type { DashboardPage } from './pages/dashboard.ts';

const LEAD = 'lead@rapport.test';
/** Headers no preset knows: the order id and the revenue go unread until a person maps them. */
const RENAME = { 'Order ID': 'Ticket', Sales: 'Takings' };
const ROWS = 3_000;

describe('import screen: remap renamed columns, progress, honest messages', () => {
  let tmp: string;
  let world: DashboardWorld;
  const api = <T = Record<string, unknown>>(path: string): Promise<T> => world.api<T>(path, { as: LEAD });

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'rapport-import-e2e-'));
    world = await startDashboardWorld({ members: [{ email: LEAD, name: 'Lena Lead', role: 'lead' }] });
  }, 180_000);

  afterAll(async () => {
    await world?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function open(lang: 'en' | 'zh-CN'): Promise<DashboardPage> {
    const d = await world.open(LEAD, { lang });
    await d.nav('/import');
    return d;
  }

  it('maps the renamed columns in the screen, previews parsed beside raw, imports with progress; the next file of that shape needs nothing', async () => {
    const options = { rows: ROWS, seed: 3, rename: RENAME };
    const file = join(tmp, 'renamed.csv');
    writeFileSync(file, superstoreCsv(options));
    const d = await open('en');
    const { page } = d;
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();

    // The server could not find an order id or revenue column: one select per field, the file's columns in each.
    const mapping = page.locator('#h-unmapped').locator('..');
    await mapping.waitFor();
    const orderId = mapping.locator('select[name="orderId"]');
    const revenue = mapping.locator('select[name="revenue"]');
    expect(await orderId.inputValue()).toBe('');
    expect(await revenue.inputValue()).toBe('');
    expect(await mapping.locator('select[name="orderedAt"]').inputValue()).toBe('Order Date');
    expect(await orderId.locator('option').allTextContents()).toContain('Ticket');
    await orderId.selectOption('Ticket');
    await revenue.selectOption('Takings');
    await screenshot(page, 'import/remap-en', { fullPage: true });
    await mapping.getByRole('button', { name: 'Preview with this mapping' }).click();

    // The preview: every line new, the raw cells beside what they were read as.
    const preview = page.locator('#h-preview').locator('..');
    await preview.waitFor();
    const expected = expectedTotals(superstoreRows(options)).overall;
    const first = [...superstoreRows(options)][0] as Record<string, string>;
    const sampleRow = preview.locator('.how-read tbody tr', { hasText: 'Takings' }).first();
    await expect.poll(() => sampleRow.locator('code').textContent()).toBe(first.Sales);
    const parsedRevenue = (await sampleRow.locator('td').last().textContent()) ?? '';
    expect(parseMoney(parsedRevenue)).toBe(parseMoney(first.Sales as string));
    expect(await preview.locator('select[name="orderId"]').inputValue()).toBe('Ticket');
    await screenshot(page, 'import/preview-en', { fullPage: true });

    // Import: a progress bar while it runs (polled from the server), then the summary.
    // Recorded by a MutationObserver in the page, not by polling: on a fast machine the bar can come
    // and go between two polls.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress?: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('.import-progress progress')) w.sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await preview.getByRole('button', { name: `Import ${ROWS.toLocaleString('en-US')} lines` }).click();
    await page.locator('#h-done').waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(
      true,
    );
    const lines = await api<{ totals: { revenue: string; profit: string; lines: number } }>(
      '/reports/customers?allTime=true&limit=1',
    );
    expect(parseMoney(lines.totals.revenue)).toBe(parseMoney(expected.revenue));
    expect(parseMoney(lines.totals.profit)).toBe(parseMoney(expected.profit));

    // The team's next file with these headers reuses the mapping: the preview reads it at once.
    const next = join(tmp, 'renamed-next.csv');
    writeFileSync(next, superstoreCsv({ ...options, seed: 4, rows: 50 }));
    await page.locator('input[type="file"]').setInputFiles(next);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.locator('#h-preview').waitFor();
    expect(await page.locator('select[name="orderId"]').inputValue()).toBe('Ticket');
    expect(await page.locator('select[name="revenue"]').inputValue()).toBe('Takings');
    await page.close();
  });

  it('says that every row was refused, not that the lines are already there; in Chinese too', async () => {
    const bad = join(tmp, 'refused.csv');
    const header = 'Order ID,Order Date,Customer ID,Customer Name,Product ID,Product Name,Sales,Profit';
    writeFileSync(
      bad,
      `${header}\nX-1,2016-01-02,C-1,Ann,P-1,Desk,twelve,1.00\nX-2,2016-01-03,C-2,Bob,P-2,Chair,-,2.00\n`,
    );
    const d = await open('en');
    await d.page.locator('input[type="file"]').setInputFiles(bad);
    await d.page.getByRole('button', { name: 'Preview', exact: true }).click();
    const notice = d.page.locator('#h-preview').locator('..').locator('.notice');
    await expect
      .poll(() => notice.textContent())
      .toBe('Nothing can be imported: all 2 rows were refused (see the problems below).');
    // A refused row's cells are still read one by one: the date reads, the broken amount does not.
    const how = d.page.locator('.how-read tbody');
    expect(
      await how.locator('tr', { hasText: 'Order Date' }).first().locator('td').last().textContent(),
    ).toBe('2016-01-02');
    expect(await how.locator('tr', { hasText: 'Sales' }).first().locator('td').last().textContent()).toBe(
      'not read (see problems)',
    );
    // The problems name the row and the column.
    const firstError = d.page.locator('.row-errors tbody tr').first();
    expect(await firstError.locator('th').textContent()).toBe('2');
    expect(await firstError.locator('td').first().textContent()).toBe('Sales');
    await screenshot(d.page, 'import/refused-en', { fullPage: true });
    await d.page.close();

    const zh = await open('zh-CN');
    await zh.page.locator('input[type="file"]').setInputFiles(bad);
    await zh.page.locator('form.upload button[type="submit"]').click();
    await expect
      .poll(() => zh.page.locator('#h-preview').locator('..').locator('.notice').textContent())
      .toBe('无法导入任何内容：全部 2 行都被拒绝（见下方问题）。');
    await screenshot(zh.page, 'import/refused-zh-CN', { fullPage: true });

    // The remap screen in Chinese.
    const renamed = join(tmp, 'renamed-zh.csv');
    writeFileSync(
      renamed,
      superstoreCsv({ rows: 20, seed: 5, rename: { 'Order ID': '单据', Sales: '实收' } }),
    );
    await zh.page.locator('input[type="file"]').setInputFiles(renamed);
    await zh.page.locator('form.upload button[type="submit"]').click();
    const mapping = zh.page.locator('#h-unmapped').locator('..');
    await mapping.waitFor();
    await mapping.locator('select[name="orderId"]').selectOption('单据');
    await mapping.locator('select[name="revenue"]').selectOption('实收');
    await screenshot(zh.page, 'import/remap-zh-CN', { fullPage: true });
    await mapping.locator('button[type="submit"]').click();
    await zh.page.locator('#h-preview').waitFor();
    await screenshot(zh.page, 'import/preview-zh-CN', { fullPage: true });
    await zh.page.close();
  });
});
