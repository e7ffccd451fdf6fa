// The Pipeline screen and an opportunity's quote in real Chromium: the real server in-process
// (SQLite), the dashboard built by Vite, deals, a product and a task created over the API.
// Screenshots land in test/artifacts/pipeline/ (copied to test/screenshots/ for the README).

import type { User } from '@rapport/server/store/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardWorld, screenshot, startDashboardWorld } from './harness/index.ts';

const LEAD = 'lead@rapport.test';

describe('pipeline screen and quotes', () => {
  let world: DashboardWorld;
  let dealId: string;
  let productId: string;
  const api = <T = Record<string, unknown>>(path: string, method = 'GET', json?: unknown): Promise<T> =>
    world.api<T>(path, { method, json, as: LEAD });

  beforeAll(async () => {
    world = await startDashboardWorld({
      members: [
        { email: LEAD, name: 'Lena Lead', role: 'lead' },
        { email: 'rita@rapport.test', name: 'Rita Rep', role: 'rep' },
        { email: 'sam@rapport.test', name: 'Sam Rep', role: 'rep' },
      ],
    });
    const rita = world.users.get('rita@rapport.test') as User;
    const sam = world.users.get('sam@rapport.test') as User;
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
  }, 120_000);

  afterAll(() => world?.close());

  it('shows the funnel, forecast and tasks, then edits, saves and prints a quote', async () => {
    const dashboard = await world.open(LEAD, { viewport: { width: 1280, height: 900 } });
    const { page } = dashboard;
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
    await page.close();
  }, 120_000);
});
