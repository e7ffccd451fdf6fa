// Quick lookup end to end: a clerk types a caller's number as they hear it ("415-555-0100") into the
// side panel and finds the contact stored as +1 415 555 0100; a customer id finds a customer nobody
// has a contact for, and its view shows the money figures, open tickets and the order list and orders
// by month the real server answers. The popup's lookup finds the same.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { type RapportServer, screenshot } from './harness/index.ts';
import { addContact, addInteraction, daysAgo, type RapportApi } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const day = (n: number) => daysAgo(n).slice(0, 10);
// Zoë Ortega (ZO-21000) has no contact: Z-1 1200.00/300.00, Z-2 two lines 500.00/125.00 + 250.50/−20.25,
// Z-3 99.99/30.00. Acme Corp (AC-100) has Lin Hui.
const ORDERS = [
  'Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Profit',
  `1,Z-1,${day(70)},ZO-21000,Zoë Ortega,Consumer,P-1,Furniture,Chairs,Task chair,1200.00,4,300.00`,
  `2,Z-2,${day(40)},ZO-21000,Zoë Ortega,Consumer,P-1,Furniture,Chairs,Task chair,500.00,2,125.00`,
  `3,Z-2,${day(40)},ZO-21000,Zoë Ortega,Consumer,P-2,Technology,Phones,Desk phone,250.50,1,-20.25`,
  `4,Z-3,${day(5)},ZO-21000,Zoë Ortega,Consumer,P-3,Office Supplies,Paper,Copy paper,99.99,10,30.00`,
  `5,A-1,${day(20)},AC-100,Acme Corp,Corporate,P-1,Furniture,Chairs,Task chair,5000.00,20,1500.00`,
].join('\n');

describe('quick lookup in the side panel and popup', () => {
  let world: ExtensionWorld;
  let server: RapportServer;
  let session: SignedInBrowser;
  let panel: Page;
  let api: RapportApi;

  beforeAll(async () => {
    world = await startExtensionWorld();
    ({ server, api } = world);
    await api.request('PATCH', '/settings', { phoneRegion: 'US' });
    await api.importOrders(ORDERS);
    const ids = await api.customerIdsByExternalId();
    const lin = await addContact(api, {
      name: 'Lin Hui',
      phones: ['+14155550100'],
      title: 'Buyer',
      customerId: ids('AC-100'),
    });
    await addContact(api, { name: 'Other Area', phones: ['+16465550100'] });
    await addInteraction(api, lin, daysAgo(3), 'Asked about the spring catalogue');
    await api.create('tickets', {
      customerId: ids('ZO-21000'),
      title: 'Chair arrived scratched',
      channel: 'phone',
      category: 'product-quality',
      severity: 'high',
      status: 'open',
    });
    session = await world.signIn();
    panel = session.panel.page;
  });

  afterAll(() => world?.close());

  it('finds the +1 415 555 0100 contact from "415-555-0100" and other ways of typing it', async () => {
    expect(await session.panel.lookup('415-555-0100')).toEqual({ people: ['Lin Hui'], customers: [] });
    await screenshot(panel, 'e2e/sidepanel-lookup-phone');
    for (const typed of ['4155550100', '(415) 555-0100', '+1 415 555 0100'])
      expect((await session.panel.lookup(typed)).people, typed).toEqual(['Lin Hui']);
    await panel.locator('.person-name', { hasText: 'Lin Hui' }).click();
    await panel.locator('.contact-head h2', { hasText: 'Lin Hui' }).waitFor();
  });

  it('finds a customer with no contact by its id and shows money, tickets and orders from the server', async () => {
    expect(await session.panel.lookup('ZO-21000')).toEqual({ people: [], customers: ['Zoë Ortega'] });
    expect((await session.panel.lookup('zoe ort')).customers).toEqual(['Zoë Ortega']);
    expect(await panel.locator('.person[data-customer-id] .person-sub').textContent()).toBe(
      'ZO-21000 · no contact yet',
    );
    await screenshot(panel, 'e2e/sidepanel-lookup-customer-results');
    await panel.locator('.person[data-customer-id]').click();
    const view = panel.locator('.customer-lookup');
    await view.locator('.orders-table').waitFor({ timeout: 15_000 });
    const orders = await view.locator('.orders-table tbody tr').allTextContents();
    // Newest first; Z-2 is 750.50 revenue, 104.75 profit (13.96 %), Z-1 is 25 %.
    expect(orders.map((r) => r.match(/Z-\d/)?.[0])).toEqual(['Z-3', 'Z-2', 'Z-1']);
    expect(orders[1]).toContain('$750.50');
    expect(orders[1]).toContain('$104.75');
    expect(orders[2]).toContain('25');
    expect(await view.locator('.months-table tbody tr').count()).toBeGreaterThanOrEqual(2);
    const text = (await view.textContent()) ?? '';
    // Synced metrics (trailing 365 days): 2050.49 revenue, 434.75 profit.
    expect(text).toContain('$2,050.49');
    expect(text).toContain('$434.75');
    expect(text).toContain('Chair arrived scratched');
    expect(text).toContain('Newest 3 of 3 orders');
    // The synced row's 12 monthly profits (monthProfits) as bars, one per month; all three orders are
    // within the last 12 months, so their months' profits add up to 300.00 + 104.75 + 30.00 = 434.75.
    const bars = await view
      .locator('.bars .bar-col')
      .evaluateAll((cols) => cols.map((c) => c.getAttribute('title')));
    expect(bars).toHaveLength(12);
    const cents = bars.map((t) => Math.round(Number((t ?? '').split(': ')[1]?.replace(/[$,]/g, '')) * 100));
    expect(cents.reduce((a, b) => a + b, 0)).toBe(43_475);
    await screenshot(panel, 'e2e/sidepanel-lookup-customer', { fullPage: true });
    // The same view in Simplified Chinese.
    const setLanguage = (language: string) =>
      panel.evaluate(
        (changes) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).chrome.runtime.sendMessage({ type: 'settings.set', changes }),
        { language },
      );
    await setLanguage('zh-CN');
    await view.getByText('按月订单').waitFor();
    await screenshot(panel, 'e2e/sidepanel-lookup-customer-zh-CN', { fullPage: true });
    await setLanguage('en');
    await view.getByText('Orders by month').waitFor();
  });

  it('looks up from the popup too', async () => {
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 360, height: 520 });
    await popup.goto(session.browser.extensionUrl('/popup.html'));
    await popup.getByLabel('Look up a customer').fill('(415) 555-0100');
    await popup.locator('.person-name', { hasText: 'Lin Hui' }).waitFor();
    await popup.getByLabel('Look up a customer').fill('ZO-21000');
    await popup.locator('.person[data-customer-id]', { hasText: 'Zoë Ortega' }).waitFor();
    await screenshot(popup, 'e2e/popup-lookup');
    await popup.close();
  });

  it("sets the team's phone region on the dashboard's Settings screen, refusing unknown regions", async () => {
    const dash = await world.openDashboard({ width: 1280, height: 1000 });
    await dash.nav('/settings');
    await dash.settled();
    const field = dash.page.getByLabel('Region (e.g. US, CN; empty: none)');
    expect(await field.inputValue()).toBe('US');
    const save = dash.page.getByRole('button', { name: 'Save settings' });
    await field.fill('zz');
    await save.click();
    await dash.page
      .locator('.form-error')
      .getByText(/phoneRegion must be a supported two-letter region/)
      .waitFor();
    expect(
      (await api.request<{ settings: { phoneRegion: string } }>('GET', '/settings')).settings.phoneRegion,
    ).toBe('US');
    await field.fill('cn');
    await save.click();
    await dash.page.locator('.saved').waitFor();
    expect(
      (await api.request<{ settings: { phoneRegion: string } }>('GET', '/settings')).settings.phoneRegion,
    ).toBe('CN');
    await dash.page.locator('section[aria-labelledby="h-phone"]').scrollIntoViewIfNeeded();
    await screenshot(
      dash.page.locator('section[aria-labelledby="h-phone"]'),
      'e2e/dashboard-settings-phone-region',
    );
    await dash.page.close();
  });

  it('says order history needs a connection when the server is gone, and still shows the local figures', async () => {
    await server.close();
    await session.panel.lookup('ZO-21000');
    await panel.locator('.person[data-customer-id]').click();
    const view = panel.locator('.customer-lookup');
    await view.getByText('Offline — order history needs a connection.').waitFor({ timeout: 15_000 });
    const text = (await view.textContent()) ?? '';
    expect(text).toContain('$434.75');
    expect(text).toContain('Chair arrived scratched');
    await screenshot(panel, 'e2e/sidepanel-lookup-offline');
  });
});
