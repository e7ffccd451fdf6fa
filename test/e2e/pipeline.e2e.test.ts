// The Pipeline screen and an opportunity's quote in real Chromium: the real server in-process
// (SQLite), the dashboard built by Vite, deals, a product and a task created over the API.
// Screenshots land in test/artifacts/pipeline/ (copied to test/screenshots/ for the README).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { bootstrap } from '@rapport/server/accounts/bootstrap';
import { createUser } from '@rapport/server/accounts/users';
import { createApp } from '@rapport/server/app';
import { systemClock } from '@rapport/server/lib/clock';
import { ensureDashboardBuilt } from '@rapport/server/routes/dashboard/dashboard.build';
import { createTestStore, type TestStore } from '@rapport/server/testing/test-store';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, screenshot } from './harness/index.ts';
import { DashboardPage } from './pages/dashboard.ts';

const PASSWORD = 'a long test password';
const LEAD = 'lead@rapport.test';

describe('pipeline screen and quotes', () => {
  let tmp: string;
  let db: TestStore;
  let server: ReturnType<typeof createAdaptorServer>;
  let url: string;
  let token: string;
  let browser: Browser;
  let dealId: string;
  let productId: string;

  const api = async <T = Record<string, unknown>>(
    path: string,
    method = 'GET',
    body?: unknown,
  ): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'rapport-pipeline-e2e-'));
    const dist = join(tmp, 'dist');
    expect(await ensureDashboardBuilt(dist)).toBe('built');
    db = await createTestStore('sqlite');
    await bootstrap(db.store, systemClock, { email: 'admin@rapport.test', password: PASSWORD });
    const team = await db.store.teams.getDefault();
    if (!team) throw new Error('no default team');
    const add = (email: string, name: string, role: 'lead' | 'rep') =>
      createUser(db.store, systemClock, { teamId: team.id, email, name, role, password: PASSWORD });
    await add(LEAD, 'Lena Lead', 'lead');
    const rita = await add('rita@rapport.test', 'Rita Rep', 'rep');
    const sam = await add('sam@rapport.test', 'Sam Rep', 'rep');
    server = createAdaptorServer({ fetch: createApp({ store: db.store, dashboardDir: dist }).fetch });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: LEAD, password: PASSWORD }),
    });
    token = ((await login.json()) as { token: string }).token;
    const today = new Date().toISOString().slice(0, 10);
    const thisMonth = `${today.slice(0, 8)}28`;
    const deal = (title: string, amount: string, stage: string, ownerId: string, closeDate: string | null) =>
      api<{ id: string }>('/opportunities', 'POST', { title, amount, stage, ownerId, closeDate });
    dealId = (await deal('Acme office chairs', '10000', 'proposal', rita.id, thisMonth)).id;
    await deal('Globex standing desks', '5000', 'negotiation', sam.id, null);
    await deal('Initech lamps', '2000', 'won', rita.id, null);
    await deal('Umbrella rugs', '700', 'lost', sam.id, null);
    await deal('Hooli monitors', '3200', 'lead', sam.id, null);
    await deal('Stark cabinets', '4100', 'qualified', rita.id, null);
    productId = (
      await api<{ id: string }>('/products', 'POST', { name: 'Ergo chair', standardMargin: '0.40' })
    ).id;
    await api('/tasks', 'POST', { title: 'Send Acme the quote', due: today, assigneeId: rita.id });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the funnel, forecast and tasks, then edits, saves and prints a quote', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const dashboard = new DashboardPage(page, url);
    await dashboard.signIn(LEAD, PASSWORD);
    await dashboard.nav('/pipeline');
    await dashboard.settled();
    const kpis = page.locator('section.kpis');
    // Open: 10,000 + 5,000 + 3,200 + 4,100 = 22,300; weighted 5,000 + 3,750 + 320 + 1,025 = 10,095.
    await expect.poll(() => kpis.textContent()).toContain('22,300');
    expect(await kpis.textContent()).toContain('10,095');
    expect(await kpis.textContent()).toContain('50');
    await expect.poll(() => page.locator('#h-tasks').locator('..').textContent()).toContain('Rita Rep');
    await screenshot(page, 'pipeline/pipeline', { fullPage: true });

    await page.locator(`a[href="/opportunities/${dealId}"]`).first().click();
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByRole('button', { name: 'Add line' }).click();
    const rows = page.locator('table.quote-lines tbody tr');
    await rows.nth(0).getByLabel('Product').selectOption(productId);
    await rows.nth(0).getByLabel('Qty').fill('3');
    await rows.nth(0).getByLabel('Unit price').fill('19.99');
    await rows.nth(0).getByLabel('Discount %').fill('10');
    await rows.nth(1).getByLabel('Product').selectOption(productId);
    await rows.nth(1).getByLabel('Item').fill('Chair mats');
    await rows.nth(1).getByLabel('Unit price').fill('100');
    // 53.973 + 100 = 153.973; all at 40 %: margin 40 %, high.
    await expect.poll(() => page.locator('table.quote-lines tfoot').textContent()).toContain('153.97');
    expect(await page.locator('table.quote-lines tfoot').textContent()).toMatch(/40(\.0)?%.*high/);
    await page.getByRole('button', { name: 'Save quote' }).click();
    await page.getByRole('status').waitFor();
    const saved = await api<{ quote: unknown[]; amount: string }>(`/opportunities/${dealId}`);
    expect(saved.quote).toHaveLength(2);
    expect(saved.amount).toBe('153.973');
    await screenshot(page, 'pipeline/opportunity-quote', { fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'pipeline/quote-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    await dashboard.setLanguage('zh-CN');
    await dashboard.nav('/pipeline');
    await dashboard.settled();
    await expect.poll(() => page.locator('main h1').textContent()).toBe('销售管道');
    await screenshot(page, 'pipeline/pipeline-zh-CN', { fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
