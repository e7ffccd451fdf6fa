// The dashboard's import screen, survey kind, end to end: the real server (in-process, SQLite), the
// dashboard built by Vite, real Chromium. The fixture order file makes the customers and contacts; the
// lead picks "Survey responses", previews the survey fixture (6 accepted, 6 refused by row and column),
// imports it, and a re-import in Chinese has nothing new. Screenshots land in test/artifacts/import/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
});
