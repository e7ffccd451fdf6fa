// The dashboard's import screen, survey kind, end to end: the real server (in-process, SQLite), the
// dashboard built by Vite, real Chromium. The fixture order file makes the customers and contacts; the
// lead picks "Survey responses", previews the survey fixture (6 accepted, 6 refused by row and column),
// imports it, and a re-import in Chinese has nothing new. A generated 4,500-row file shows the server's
// progress as a real bar reaching 100 %. Screenshots land in test/artifacts/import/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardWorld, screenshot, startDashboardWorld } from './harness/index.ts';
import type { DashboardPage } from './pages/dashboard.ts';

const LEAD = 'lead@rapport.test';
const FIXTURES = fileURLToPath(new URL('../../server/src/imports/fixtures/surveys/', import.meta.url));

describe('import screen: survey responses', () => {
  let world: DashboardWorld;
  const api = <T = Record<string, unknown>>(path: string): Promise<T> => world.api<T>(path, { as: LEAD });

  beforeAll(async () => {
    world = await startDashboardWorld({ members: [{ email: LEAD, name: 'Lena Lead', role: 'lead' }] });
  }, 180_000);

  afterAll(() => world?.close());

  async function open(lang: 'en' | 'zh-CN'): Promise<DashboardPage> {
    const d = await world.open(LEAD, { lang });
    await d.nav('/import');
    return d;
  }

  it('picks "Survey responses", previews the fixture with its refused rows, imports, and the report counts them', async () => {
    await world.importOrders(readFileSync(join(FIXTURES, 'customers-orders.csv'), 'utf8'), LEAD);
    const d = await open('en');
    const { page } = d;
    await page.getByLabel('Survey responses').check();
    await page.getByRole('heading', { name: 'Import survey responses' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(join(FIXTURES, 'responses.csv'));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.locator('#h-survey-preview').locator('..');
    await preview.waitFor();
    await expect.poll(() => preview.locator('.facts dd').first().textContent()).toBe('6');
    expect(await preview.textContent()).toContain('3.67');
    expect(await preview.locator('.row-errors tbody tr').count()).toBe(6);
    expect(await preview.locator('select[name="score"]').inputValue()).toBe('Score');
    await screenshot(page, 'import/surveys-preview-en', { fullPage: true });
    await preview.getByRole('button', { name: 'Import 6 responses' }).click();
    const done = page.locator('#h-survey-done');
    await done.waitFor();
    await screenshot(page, 'import/surveys-done-en', { fullPage: true });
    const report = await api<{ csatResponses: number; npsResponses: number }>(
      '/reports/satisfaction?allTime=true',
    );
    expect(report).toMatchObject({ csatResponses: 3, npsResponses: 3 });
    await page.close();

    // zh-CN: the same file again is all "already in Rapport"; nothing to import.
    const zh = await open('zh-CN');
    await zh.page.getByLabel('调查回复').check();
    await zh.page.locator('input[type="file"]').setInputFiles(join(FIXTURES, 'responses.csv'));
    await zh.page.getByRole('button', { name: '预览', exact: true }).click();
    const zhPreview = zh.page.locator('#h-survey-preview').locator('..');
    await zhPreview.waitFor();
    expect(await zhPreview.textContent()).toContain('所有可接受的回复都已在 Rapport 中');
    await screenshot(zh.page, 'import/surveys-preview-zh-CN', { fullPage: true });
    await zh.page.close();
  }, 120_000);

  /**
   * Holds the next survey upload's answer in the page (the server has already sent it) until the bar,
   * polled from GET /imports/progress/{id}, says 100 %; then screenshots it and lets the answer through.
   * Chromium does not hand a file upload's body to a Playwright route, so the page's fetch is wrapped
   * instead. Call before the click that uploads.
   */
  async function holdNextUpload(page: Page): Promise<(label: string, shot: string) => Promise<void>> {
    await page.evaluate(() => {
      const w = window as unknown as { __release?: () => void; __held?: boolean };
      const original = window.fetch;
      const released = new Promise<void>((resolve) => {
        w.__release = resolve;
      });
      window.fetch = async (input, init) => {
        const response = await original(input, init);
        if (String(input).includes('/api/v1/imports/surveys?')) {
          window.fetch = original;
          w.__held = true;
          await released;
        }
        return response;
      };
    });
    return async (label, shot) => {
      const bar = page.locator('.import-progress');
      await expect.poll(() => page.evaluate(() => (window as { __held?: boolean }).__held)).toBe(true);
      await expect.poll(() => bar.locator('.small.muted').textContent()).toBe('100 %');
      expect(await bar.locator('#import-progress-label').textContent()).toBe(label);
      expect(await bar.locator('progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
      await screenshot(page, shot, { fullPage: true });
      await page.evaluate(() => {
        const w = window as unknown as { __release?: () => void; __held?: boolean };
        w.__held = false;
        w.__release?.();
      });
    };
  }

  it('draws the server’s progress for a 4,500-row survey file as a real bar that reaches 100 %, in en and zh-CN', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'rapport-surveys-'));
    const file = join(tmp, 'csat-4500.csv');
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const rows = Array.from({ length: 4500 }, (_, i) => `carol@example.com,csat,${(i % 5) + 1},${day(i)}`);
    writeFileSync(file, `Email,Kind,Score,Date\n${rows.join('\n')}\n`);
    // The fixture's customers and contacts (a re-import changes nothing), Carol among them.
    await world.importOrders(readFileSync(join(FIXTURES, 'customers-orders.csv'), 'utf8'), LEAD);
    const csat = async () =>
      (await api<{ csatResponses: number }>('/reports/satisfaction?allTime=true')).csatResponses;
    const before = await csat();

    const d = await open('en');
    const { page } = d;
    await page.getByLabel('Survey responses').check();
    await page.locator('input[type="file"]').setInputFiles(file);
    let full = await holdNextUpload(page);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await full('Checking rows: 4,500 of 4,500', 'import/surveys-progress-en');
    const preview = page.locator('#h-survey-preview').locator('..');
    await preview.waitFor();
    full = await holdNextUpload(page);
    await preview.getByRole('button', { name: 'Import 4,500 responses' }).click();
    await full('Importing rows: 4,500 of 4,500', 'import/surveys-progress-import-en');
    await page.locator('#h-survey-done').waitFor();
    expect((await csat()) - before).toBe(4500);
    await page.close();

    const zh = await open('zh-CN');
    await zh.page.getByLabel('调查回复').check();
    await zh.page.locator('input[type="file"]').setInputFiles(file);
    full = await holdNextUpload(zh.page);
    await zh.page.getByRole('button', { name: '预览', exact: true }).click();
    await full('正在检查行：4,500 / 4,500', 'import/surveys-progress-zh-CN');
    await zh.page.locator('#h-survey-preview').waitFor();
    await zh.page.close();
  }, 180_000);
});
