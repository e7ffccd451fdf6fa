// The dashboard's import screen, survey kind, end to end: the real server (in-process, SQLite), the
// dashboard built by Vite, real Chromium. The fixture order file makes the customers and contacts; the
// lead picks "Survey responses", previews the survey fixture (6 accepted, 6 refused by row and column),
// imports it, and a re-import in Chinese has nothing new. Screenshots land in test/artifacts/import/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { bootstrap } from '@rapport/server/accounts/bootstrap';
import { createUser } from '@rapport/server/accounts/users';
import { createApp } from '@rapport/server/app';
import { systemClock } from '@rapport/server/lib/clock';
import { ensureDashboardBuilt } from '@rapport/server/routes/dashboard/dashboard.build';
import { createTestStore, type TestStore } from '@rapport/server/testing/test-store';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, screenshot, TEST_ADMIN } from './harness/index.ts';
import { DashboardPage } from './pages/dashboard.ts';

const PASSWORD = 'a long test password';
const LEAD = 'lead@rapport.test';
const FIXTURES = fileURLToPath(new URL('../../server/src/imports/fixtures/surveys/', import.meta.url));

describe('import screen: survey responses', () => {
  let tmp: string;
  let db: TestStore;
  let server: ReturnType<typeof createAdaptorServer>;
  let url: string;
  let leadToken: string;
  let browser: Browser;

  const api = async <T = Record<string, unknown>>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${leadToken}`, ...(init.headers as Record<string, string>) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'rapport-import-surveys-e2e-'));
    const dist = join(tmp, 'dist');
    expect(await ensureDashboardBuilt(dist)).toBe('built');
    db = await createTestStore('sqlite');
    await bootstrap(db.store, systemClock, TEST_ADMIN);
    const team = await db.store.teams.getDefault();
    if (!team) throw new Error('no default team');
    await createUser(db.store, systemClock, {
      teamId: team.id,
      email: LEAD,
      name: 'Lena Lead',
      role: 'lead',
      password: PASSWORD,
    });
    server = createAdaptorServer({ fetch: createApp({ store: db.store, dashboardDir: dist }).fetch });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: PASSWORD }),
    });
    leadToken = ((await login.json()) as { token: string }).token;
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function open(lang: 'en' | 'zh-CN'): Promise<DashboardPage> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('close', () => expect(errors).toEqual([]));
    const d = new DashboardPage(page, url);
    await d.signIn(LEAD, PASSWORD);
    if (lang !== 'en') await d.setLanguage(lang);
    await d.nav('/import');
    return d;
  }

  it('picks "Survey responses", previews the fixture with its refused rows, imports, and the report counts them', async () => {
    await api('/imports/orders', {
      method: 'POST',
      body: readFileSync(join(FIXTURES, 'customers-orders.csv'), 'utf8'),
      headers: { 'content-type': 'text/csv' },
    });
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
