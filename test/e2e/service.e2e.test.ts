// Service end to end: a rep logs a complaint from a Gmail thread card (the customer's message as its first
// entry), the sender's badge gets the open-ticket marker, a lead resolves it through the REST API the
// dashboard uses, and after sync the marker is gone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { screenshot } from './harness/index.ts';
import { clickButton, pierceDocument, readBadges, text, waitForKnownBadges } from './pages/badges.ts';
import { addContact, daysAgo, type RapportApi } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';
const day = (n: number) => daysAgo(n).slice(0, 10);
// Three months of orders so the overview (and its triangle) has months to show.
const ORDERS = [
  'Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Profit',
  `1,CA-1,${day(75)},SU-1,Supplier Co,Corporate,P-1,Furniture,Chairs,Task chair,9000.00,3,2100.00`,
  `2,CA-2,${day(45)},SU-1,Supplier Co,Corporate,P-1,Furniture,Chairs,Task chair,6000.00,2,1400.00`,
  `3,CA-3,${day(10)},SU-1,Supplier Co,Corporate,P-2,Technology,Copiers,Copier,4000.00,1,-300.00`,
].join('\n');

interface TicketRow {
  id: string;
  title: string;
  status: string;
  description: string | null;
  sourceUrl: string | null;
  history: { status: string; at: string; by: string | null }[];
}

describe('a complaint from Gmail to resolution', () => {
  let world: ExtensionWorld;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;

  const rahul = async () => (await waitForKnownBadges(page, ['Rahul Mehta'])).get('Rahul Mehta');

  beforeAll(async () => {
    world = await startExtensionWorld({
      pages: { [GMAIL_THREAD]: 'gmail/2025-thread.html' },
    });
    api = world.api;
    await api.importOrders(ORDERS);
    const rahul = await addContact(api, { name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] });
    // Earlier tickets and survey answers, so the Service screen has history to show.
    const past = (category: string, opened: number, hours: number, satisfaction: number) =>
      api.create('tickets', {
        contactId: rahul.id,
        title: `Earlier ${category} issue`,
        channel: 'email',
        category,
        severity: 'medium',
        status: 'resolved',
        createdAt: daysAgo(opened),
        resolvedAt: new Date(Date.parse(daysAgo(opened)) + hours * 3_600_000).toISOString(),
        satisfaction,
      });
    await past('delivery', 40, 30, 3);
    await past('delivery', 12, 6, 5);
    await past('billing', 20, 50, 4);
    for (const [days, csat, nps] of [
      [70, 4, 8],
      [40, 3, 6],
      [8, 5, 10],
    ] as const)
      await api.create('surveys', { contactId: rahul.id, date: day(days), csat, nps });
    session = await world.signIn();
    page = await world.newPage(
      { width: 1280, height: 860 },
      `${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`,
    );
  });

  afterAll(() => world?.close());

  it('logs a ticket from the thread card, marks the badge, and the marker goes once a lead resolves it', async () => {
    expect((await rahul())?.label).not.toContain('open ticket');
    await page.locator('rapport-badge').first().click();
    await page.waitForTimeout(500);
    await clickButton(page, 'Log a ticket');
    await page.waitForTimeout(500);
    // The form starts with the thread's subject and Rahul's message as the first entry.
    const form = text(await pierceDocument(page));
    expect(form).toContain('New ticket');
    expect(form).toContain('From the open email');
    await screenshot(page, 'e2e/service-ticket-form');
    await clickButton(page, 'Save ticket');
    await expect
      .poll(async () => (await rahul())?.label ?? '', { timeout: 10_000 })
      .toContain('1 open ticket: Autumn order: updated price list');
    const card = text(await pierceDocument(page));
    expect(card).toContain('Open complaint: Autumn order: updated price list');
    await screenshot(page, 'e2e/service-ticket-marker');
    expect((await readBadges(page)).length).toBeGreaterThan(0);

    await session.panel.syncNow();
    // The side panel's contact shows it with its history, status actions and the survey entry.
    expect(await session.panel.search('Rahul')).toEqual(['Rahul Mehta']);
    await session.panel.page.locator('.person-name', { hasText: 'Rahul Mehta' }).click();
    const item = session.panel.page.locator('li.ticket', { hasText: 'Autumn order: updated price list' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Start work' }).click();
    await expect.poll(() => item.locator('.chip').first().textContent()).toBe('In progress');
    await item.locator('details summary').click();
    await item.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(session.panel.page, 'e2e/sidepanel-service');
    // The weekly pulse on the Follow-ups view: a score, then it stays away until next week.
    await session.panel.tab('Follow-ups').click();
    const pulse = session.panel.page.locator('section.pulse');
    await pulse.waitFor();
    await pulse.getByRole('button', { name: 'Score 4' }).click();
    await screenshot(session.panel.page, 'e2e/sidepanel-pulse');
    await pulse.getByRole('button', { name: 'Save', exact: true }).click();
    await session.panel.page.getByText('Thanks — see you next week.').waitFor();
    await session.panel.syncNow();
    const trend = await api.request<{ byWeek: { average: number; count: number }[] }>(
      'GET',
      '/reports/pulse',
    );
    expect(trend.byWeek.at(-1)).toMatchObject({ average: 4, count: 1 });
    const [ticket] = await api.list<TicketRow>('tickets');
    expect(ticket).toMatchObject({
      title: 'Autumn order: updated price list',
      status: 'in-progress',
      sourceUrl: expect.stringContaining('mail.google.com'),
    });
    expect(ticket?.description?.length ?? 0).toBeGreaterThan(10);
    expect(ticket?.history.map((h) => h.status)).toEqual(['open', 'in-progress']);

    // A lead resolves it on the dashboard's Service screen (PATCH /api/v1/tickets/{id}).
    const dash = await world.openDashboard({ width: 1280, height: 1100 });
    await dash.nav('/service');
    await dash.settled();
    const row = dash.page.locator('section[aria-labelledby="h-queue"] tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('Autumn order: updated price list');
    await screenshot(dash.page, 'e2e/dashboard-service', { fullPage: true });
    // By category sorts on a click (DataTable): most opened first, then fewest; ties keep their order.
    const categories = dash.page.locator('section[aria-labelledby="h-category"]');
    const firstColumn = () => categories.locator('tbody th').allTextContents();
    const before = await firstColumn();
    await categories.getByRole('button', { name: 'Opened' }).click();
    expect(await categories.locator('th[aria-sort="descending"]').textContent()).toContain('Opened');
    expect((await firstColumn())[0]).toBe('Delivery');
    await categories.getByRole('button', { name: 'Opened' }).click();
    expect((await firstColumn()).slice(0, 2)).toEqual(['Service attitude', 'Other']);
    expect((await firstColumn()).sort()).toEqual([...before].sort());
    await row.first().getByRole('button', { name: 'Resolve' }).click();
    await dash.page.locator('section[aria-labelledby="h-queue"] .state.empty').waitFor();
    const [done] = await api.list<TicketRow>('tickets');
    expect(done?.status).toBe('resolved');
    expect(done?.history.map((h) => h.status)).toEqual(['open', 'in-progress', 'resolved']);
    await dash.settled();
    await screenshot(dash.page, 'e2e/dashboard-service-resolved', { fullPage: true });
    await dash.setLanguage('zh-CN');
    await dash.settled();
    await screenshot(dash.page, 'e2e/dashboard-service-zh-CN', { fullPage: true });
    await dash.setLanguage('en');
    await dash.nav('/');
    await dash.settled();
    const triangle = dash.page.locator('section[aria-labelledby="h-triangle"]');
    await triangle.scrollIntoViewIfNeeded();
    expect(await triangle.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await screenshot(triangle, 'e2e/dashboard-triangle');
    await dash.page.close();

    await page.bringToFront();
    await page.keyboard.press('Escape');
    await session.panel.syncNow();
    await expect
      .poll(async () => (await rahul())?.label ?? '', { timeout: 10_000 })
      .not.toContain('open ticket');
    await screenshot(page, 'e2e/service-ticket-resolved');
  });
});
