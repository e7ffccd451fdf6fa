// Freshness end to end: a Gmail tab stays open while the team's data changes on the server — an order
// import, then a lead's new tier window. The server pokes the extension over its live stream, the
// extension pulls and tells the page, and the badge shows the new tier within 5 s, with nobody
// pressing Sync.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { type BadgeView, waitForBadges, waitForKnownBadges } from './pages/badges.ts';
import { addContact, daysAgo, type RapportApi } from './pages/rapport-api.ts';

const GMAIL_INBOX = 'https://mail.google.com/mail/u/0/';
const HEADER =
  'Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Profit';
const day = daysAgo(30).slice(0, 10);
// Mira 7,000 of 10,000 positive profit → A (Northwind takes the rest).
const FIRST = [
  HEADER,
  `1,CA-1,${day},MO-10485,Mira Okafor,Consumer,P-1,Furniture,Chairs,Task chair,20000.00,2,7000.00`,
  `2,CA-2,${day},NT-20110,Northwind Traders,Corporate,P-1,Furniture,Chairs,Task chair,8000.00,1,3000.00`,
].join('\n');
// A returned order: Mira's profit becomes 7,000 − 9,000 = −2,000 → D.
const RETURN = [
  HEADER,
  `3,CA-3,${day},MO-10485,Mira Okafor,Consumer,P-2,Technology,Copiers,Copier,1000.00,1,-9000.00`,
].join('\n');
const FRESH_WITHIN_MS = 5_000;

describe('an open Gmail tab follows the server', () => {
  let world: ExtensionWorld;
  let api: RapportApi;
  let page: Page;

  const mira = async (): Promise<BadgeView | undefined> =>
    (await waitForKnownBadges(page, ['Mira Okafor'])).get('Mira Okafor');

  beforeAll(async () => {
    world = await startExtensionWorld({ pages: { [GMAIL_INBOX]: 'gmail/2014-inbox.html' } });
    api = world.api;
    await api.importOrders(FIRST);
    const customer = await api.customerIdsByExternalId();
    await addContact(api, {
      name: 'Mira Okafor',
      emails: ['mira.okafor@pipeline.example'],
      customerId: customer('MO-10485'),
    });
    await world.signIn();
    page = await world.newPage(undefined, `${GMAIL_INBOX}#inbox`);
    await waitForBadges(page, 1);
    expect((await mira())?.tier).toBe('A');
  });

  afterAll(() => world?.close());

  it('shows the new tier within 5 s of an order import', async () => {
    await api.importOrders(RETURN);
    await expect
      .poll(async () => (await mira())?.tier, { timeout: FRESH_WITHIN_MS, interval: 200 })
      .toBe('D');
    expect((await mira())?.profit).toBe('-$2K');
  });

  it("shows the new tier within 5 s of a lead's tier-window change", async () => {
    // A window that holds none of the orders: Mira has no lines in it, so no tier and no money.
    await api.request('PATCH', '/settings', {
      tierWindow: { kind: 'range', from: '2000-01-01', to: '2001-01-01' },
    });
    await expect
      .poll(async () => (await mira())?.tier, { timeout: FRESH_WITHIN_MS, interval: 200 })
      .toBe('–');
    expect((await mira())?.profit).toBeNull();
  });
});
