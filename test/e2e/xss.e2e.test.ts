// Hostile text from the server (a contact's name, a customer's name, a note) stays text in the in-page
// badge and card and in the side panel: nothing from it runs, and no element is made from it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { screenshot } from './harness/index.ts';
import { pierceDocument, text, waitForKnownBadges, walk } from './pages/badges.ts';
import { addContact, addInteraction, daysAgo } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '"><script>window.__xss=2</script>';
const NAME = `Eve ${IMG} ${SCRIPT}`;
const NOTE = `Asked about ${SCRIPT} and ${IMG}`;
const CUSTOMER = `Evil ${IMG} Ltd`;
const EMAIL = 'eve@evil.example';

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// A Gmail-shaped inbox row served WITH scripts allowed (no CSP): if the extension turned data into
// markup, its handlers would run. The canary proves that they can run here.
const INBOX = `<!doctype html><html><head><title>Inbox - Gmail</title></head><body>
<div role="main"><div role="listitem"><span class="gD" email="${EMAIL}" name="${escapeAttr(NAME)}">${escapeText(NAME)}</span> — Re: your order</div></div>
<img id="canary" src="/missing.png" onerror="window.__canary=1" alt="">
</body></html>`;

interface Injected {
  xss: unknown;
  /** <img> elements carrying the payload's handler, and <script>s with its code, anywhere (shadow roots too). */
  elements: number;
}

async function injected(page: Page): Promise<Injected> {
  let elements = 0;
  for (const n of walk(await pierceDocument(page))) {
    if (n.localName === 'img' && (n.attributes ?? []).some((a) => a.includes('__xss'))) elements++;
    if (n.localName === 'script' && text(n).includes('__xss')) elements++;
  }
  return { xss: await page.evaluate(() => (window as { __xss?: unknown }).__xss), elements };
}

describe('hostile names and notes render as text', () => {
  let world: ExtensionWorld;
  let session: SignedInBrowser;

  beforeAll(async () => {
    world = await startExtensionWorld({
      routes: [{ url: 'https://mail.google.com/mail/u/0/', body: INBOX, keepScripts: true }],
    });
    const { api } = world;
    await api.importOrders(
      [
        'Row ID,Order ID,Order Date,Customer ID,Customer Name,Product ID,Product Name,Sales,Quantity,Profit',
        `1,EV-1,${daysAgo(10).slice(0, 10)},EV-1,${csvCell(CUSTOMER)},P-1,Chair,500.00,1,120.00`,
      ].join('\n'),
    );
    const [customer] = await api.list<{ id: string }>('customers');
    const contact = await addContact(api, { name: NAME, emails: [EMAIL], customerId: customer!.id });
    await addInteraction(api, contact, daysAgo(2), NOTE);
    session = await world.signIn();
  });

  afterAll(() => world?.close());

  it('in the Gmail badge and card', async () => {
    const page = await session.browser.context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    const badge = (await waitForKnownBadges(page, [NAME])).get(NAME);
    expect(badge?.label).toContain(`${NAME} in Rapport: Tier A, profit $120. Follow-up: On track · due `);
    expect(badge?.tags.filter((t) => t === 'img' || t === 'script')).toEqual([]);

    await page.locator('rapport-badge').first().click();
    await expect
      .poll(async () => JSON.stringify(await pierceDocument(page)).includes('Last interactions'))
      .toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'e2e/xss-gmail-card');
    const dom = JSON.stringify(await pierceDocument(page));
    // The card shows the hostile strings as text nodes: the DOM holds them verbatim as nodeValues.
    for (const s of [NAME, CUSTOMER, NOTE]) expect(dom).toContain(JSON.stringify(s).slice(1, -1));
    expect(await page.evaluate(() => (window as { __canary?: unknown }).__canary)).toBe(1);
    expect(await injected(page)).toEqual({ xss: undefined, elements: 0 });
  });

  it('in the side panel list and contact view', async () => {
    const { panel } = session;
    await expect.poll(() => panel.search('eve@evil')).toEqual([NAME]);
    await panel.page.locator('.person').first().click();
    await expect.poll(() => panel.page.locator('.contact-head h2').textContent()).toBe(NAME);
    expect(await panel.page.locator('.event-summary').allTextContents()).toEqual([NOTE]);
    await screenshot(panel.page, 'e2e/xss-sidepanel-contact', { fullPage: true });
    expect(await injected(panel.page)).toEqual({ xss: undefined, elements: 0 });
  });
});
