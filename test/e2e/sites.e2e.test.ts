// X and LinkedIn end to end, plus the dark theme: contacts with X handles linked to ranked customers
// badge the timeline's authors, a LinkedIn profile is captured from its "+" and reaches the server with
// its handle and headline, and a dark page gets dark badges.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { screenshot } from './harness/index.ts';
import {
  attr,
  clickButton,
  knownBadges,
  openWithBadges as open,
  pierceDocument,
  readBadges,
  waitForBadges,
  waitForKnownBadges,
  walk,
} from './pages/badges.ts';
import {
  addContact,
  type ContactRow,
  daysAgo,
  type InteractionRow,
  type RapportApi,
} from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const X_HOME = 'https://x.com/home';
const LINKEDIN_PROFILE = 'https://www.linkedin.com/in/priya-raman-07b3a1/';
const LINKEDIN_2025 = 'https://www.linkedin.com/in/mira-okafor-4b1a2c/';
const LINKEDIN_FEED = 'https://www.linkedin.com/feed/';
const LINKEDIN_SEARCH = 'https://www.linkedin.com/search/results/people/?keywords=sean%20miller';
// Search results link this person by member id only; the case is part of the id.
const LINKEDIN_THREAD = 'https://www.linkedin.com/messaging/thread/2-ZXhhbXBsZS10aHJlYWQ=/';
const SEAN_MEMBER_ID = 'ACoAAFx7QkZbW2pLmNoPqRsTuVwXyZa1b2c3d4e';

// Positive profit P = 10,000: Northwind Goods 7,000 (70% of P) → A; Dana Quill's studio 2,000 (90%) → B;
// Harbour 1,000 → C. Orders 30 days ago sit in the default trailing-365-day window.
const ORDERS = [
  'Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Profit',
  `1,CA-1,${daysAgo(30).slice(0, 10)},NG-1,Northwind Goods,Corporate,P-1,Furniture,Chairs,Task chair,20000.00,2,7000.00`,
  `2,CA-2,${daysAgo(30).slice(0, 10)},QS-2,Quill Studio,Consumer,P-1,Furniture,Chairs,Task chair,8000.00,1,2000.00`,
  `3,CA-3,${daysAgo(30).slice(0, 10)},HB-3,Harbour Supply,Corporate,P-1,Furniture,Chairs,Task chair,4000.00,1,1000.00`,
].join('\n');

/** The theme class ("light"/"dark") each badge renders under, by accessible name. */
async function badgeThemes(page: Page): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const host of [...walk(await pierceDocument(page))].filter((n) => n.localName === 'rapport-badge')) {
    const nodes = [...walk(host)];
    const button = nodes.find((n) => n.localName === 'button');
    const wrapper = nodes.find((n) => n.localName === 'span');
    if (button && wrapper) out.set(attr(button, 'aria-label') ?? '', attr(wrapper, 'class') ?? '');
  }
  return out;
}

/** Computed text colour of the first known-person badge button named `name`. */
async function badgeColor(page: Page, name: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: Parameters<typeof walk>[0] & { nodeId: number };
    };
    const button = [...walk(root)].find(
      (n) => n.localName === 'button' && (attr(n, 'aria-label') ?? '').startsWith(`${name} in Rapport:`),
    ) as { nodeId: number } | undefined;
    if (!button) throw new Error(`no badge for ${name} on ${page.url()}`);
    const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: button.nodeId })) as {
      computedStyle: { name: string; value: string }[];
    };
    return computedStyle.find((p) => p.name === 'color')?.value ?? '';
  } finally {
    await cdp.detach();
  }
}

describe('badges on X and capture on LinkedIn from the real server', () => {
  let world: ExtensionWorld;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;

  beforeAll(async () => {
    world = await startExtensionWorld({
      pages: {
        [X_HOME]: 'x/2025-timeline.html',
        [LINKEDIN_PROFILE]: 'linkedin/2022-profile-topcard.html',
        [LINKEDIN_2025]: 'linkedin/2025-profile.html',
        [LINKEDIN_FEED]: 'linkedin/2025-feed.html',
        [LINKEDIN_SEARCH]: 'linkedin/2025-search.html',
        [LINKEDIN_THREAD]: 'linkedin/2026-messaging-thread.html',
      },
    });
    api = world.api;
    const customer = await api.importNewCustomers(ORDERS, { rows: 3, customers: 3 });
    // The fixture's handles are @NorthwindGoods and @dana_quill; handles match case-insensitively.
    await addContact(api, {
      name: 'Northwind Goods',
      handles: [{ network: 'x', id: 'northwindgoods' }],
      customerId: customer('NG-1'),
    });
    await addContact(api, {
      name: 'Dana Quill',
      handles: [{ network: 'x', id: 'dana_quill' }],
      customerId: customer('QS-2'),
    });
    await addContact(api, {
      name: 'Sean Miller',
      handles: [{ network: 'linkedin', id: SEAN_MEMBER_ID }],
      customerId: customer('NG-1'),
    });
    await addContact(api, {
      name: 'Priya Raman',
      handles: [{ network: 'linkedin', id: 'priya-raman-example' }],
      customerId: customer('HB-3'),
    });
    session = await world.signIn();
    page = await world.newPage({ width: 1200, height: 800 });
  });

  afterAll(() => world?.close());

  it('shows tier and compact profit beside known X authors and only a "+" beside unknown ones', async () => {
    const badges = await open(page, X_HOME, ['Northwind Goods', 'Dana Quill']);
    await screenshot(page, 'e2e/sites-x-timeline', { fullPage: true });
    const view = (name: string) => {
      const b = badges.get(name);
      return b && [b.tier, b.profit];
    };
    expect(view('Northwind Goods')).toEqual(['A', '$7K']);
    expect(view('Dana Quill')).toEqual(['B', '$2K']);
    const orla = (await readBadges(page)).filter((b) => b.label === 'Save Orla Byrne to Rapport');
    expect(orla.length).toBeGreaterThan(0);
    expect(orla.every((b) => b.tier === null && b.profit === null && b.dot === null)).toBe(true);
    expect(badges.has('Orla Byrne')).toBe(false);
  });

  it('gives badges on a dark X page the dark theme', async () => {
    const light = await badgeThemes(page);
    const lightColor = await badgeColor(page, 'Northwind Goods');
    const dark = await session.browser.context.newPage();
    try {
      await dark.setViewportSize({ width: 1200, height: 800 });
      await dark.emulateMedia({ colorScheme: 'dark' });
      // X's dark mode: dark background, light text (the extension reads the anchor's text colour first).
      await dark.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent =
            'html, body { background: #15202b !important; } body * { color: #e7e9ea !important; background-color: transparent !important; }';
          document.head.append(style);
        });
      });
      await open(dark, X_HOME, ['Northwind Goods', 'Dana Quill']);
      await screenshot(dark, 'e2e/sites-x-timeline-dark', { fullPage: true });
      await screenshot(dark.locator('rapport-badge').first(), 'e2e/sites-x-badge-dark');
      await screenshot(page.locator('rapport-badge').first(), 'e2e/sites-x-badge-light');
      const themes = await badgeThemes(dark);
      const northwind = [...themes].find(([label]) => label.startsWith('Northwind Goods in Rapport:'));
      const lightNorthwind = [...light].find(([label]) => label.startsWith('Northwind Goods in Rapport:'));
      expect(lightNorthwind?.[1]).toBe('light');
      expect(northwind?.[1]).toBe('dark');
      // The dark badge's text is styles.ts's #e6edf3, not the light badge's colour.
      const darkColor = await badgeColor(dark, 'Northwind Goods');
      expect(darkColor).toBe('rgb(230, 237, 243)');
      expect(darkColor).not.toBe(lightColor);
    } finally {
      await dark.close();
    }
  });

  it('captures a LinkedIn profile from its "+" and the server receives it after sync', async () => {
    await open(page, LINKEDIN_PROFILE);
    expect((await readBadges(page))[0]?.label).toBe('Save Priya Raman to Rapport');
    const plus = page.locator('rapport-badge').first();
    await plus.hover();
    await plus.click();
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/sites-linkedin-capture-form');
    // The form opens with the profile's name and Save focused: Enter saves.
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await knownBadges(page)).has('Priya Raman'), { timeout: 10_000 })
      .toBe(true);
    await screenshot(page, 'e2e/sites-linkedin-captured');

    await session.panel.syncNow();
    const contacts = await api.list<ContactRow>('contacts', { search: 'priya-raman-07b3a1' });
    // This top card shows no current position: the headline is kept as the headline, not as a job title.
    expect(contacts.map((c) => [c.name, c.handles, c.title, c.headline, c.source])).toEqual([
      [
        'Priya Raman',
        [{ network: 'linkedin', id: 'priya-raman-07b3a1' }],
        null,
        'Head of Procurement at Lakeside Foods',
        'linkedin',
      ],
    ]);
  });

  it('matches a LinkedIn member id case-exactly, and a namesake with another id gets only a "+"', async () => {
    await page.goto('about:blank');
    await page.goto(LINKEDIN_SEARCH);
    await waitForKnownBadges(page, ['Sean Miller']);
    await screenshot(page, 'e2e/sites-linkedin-search', { fullPage: true });
    const badges = await readBadges(page);
    // One badge per result (not on the avatar with its presence text, nor on "View profile"), none for
    // "LinkedIn Member".
    expect(badges.map((b) => [b.label.replace(/:.*$/, ''), b.tier, b.profit])).toEqual([
      ['Sean Miller in Rapport', 'A', '$7K'],
      ['Save Sean Miller to Rapport', null, null],
    ]);
  });

  it('badges feed authors by name without degree or headline, once per post, and never the user', async () => {
    await page.goto('about:blank');
    await page.goto(LINKEDIN_FEED);
    await waitForBadges(page, 2);
    await page.waitForTimeout(1000);
    await screenshot(page, 'e2e/sites-linkedin-feed', { fullPage: true });
    expect((await readBadges(page)).map((b) => b.label)).toEqual([
      'Save Ana Lima to Rapport',
      'Save Ana Lima to Rapport',
    ]);
  });

  it('captures a 2025 profile with its job title and location, badged in the top card only', async () => {
    await page.goto('about:blank');
    await page.goto(LINKEDIN_2025);
    await waitForBadges(page, 3);
    await page.waitForTimeout(500);
    // The first badge is the heading's: inside the top card's <h1>, not in the sticky header.
    const host = page.locator('rapport-badge').first();
    expect(await host.evaluate((el) => [el.parentElement?.tagName, el.closest('main') !== null])).toEqual([
      'H1',
      true,
    ]);
    expect(await page.locator('.pv-profile-sticky-header-v2__container rapport-badge').count()).toBe(0);
    await host.hover();
    await host.click();
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/sites-linkedin-2025-capture-form');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await knownBadges(page)).has('Mira Okafor'), { timeout: 10_000 })
      .toBe(true);

    await session.panel.syncNow();
    const contacts = await api.list<ContactRow>('contacts', { search: 'mira-okafor-4b1a2c' });
    expect(contacts.map((c) => [c.name, c.handles, c.title, c.headline, c.location])).toEqual([
      [
        'Mira Okafor',
        [{ network: 'linkedin', id: 'mira-okafor-4b1a2c' }],
        'Head of Procurement',
        'Buying fresh food for 40 stores | Category lead, chilled and frozen',
        'Leeds, England, United Kingdom',
      ],
    ]);
    // Saved from this profile, the owner is not lent to the namesakes listed beside it.
    const labels = (await readBadges(page)).map((b) => b.label.replace(/:.*$/, ''));
    expect(labels).toEqual([
      'Mira Okafor in Rapport',
      'Save Mira Okafor to Rapport',
      'Save Mira Okafor to Rapport',
    ]);
  });

  it('badges each message once, never the user, and logs a weekday-dated message on that day', async () => {
    await page.goto('about:blank');
    await page.goto(LINKEDIN_THREAD);
    await waitForKnownBadges(page, ['Priya Raman']);
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/sites-linkedin-messaging', { fullPage: true });
    // The title bar and Priya's two message groups; not her avatar (with its presence text) as well,
    // and nothing beside Leo Brandt, the signed-in user who sent the unmarked messages.
    const badges = await readBadges(page);
    expect(badges.map((b) => [b.label.replace(/:.*$/, ''), b.tier])).toEqual([
      ['Priya Raman in Rapport', 'C'],
      ['Priya Raman in Rapport', 'C'],
      ['Priya Raman in Rapport', 'C'],
    ]);

    const badge = page.locator('rapport-badge').first();
    await badge.hover();
    await badge.click();
    await page.waitForTimeout(500);
    await clickButton(page, 'Log last messages');
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/sites-linkedin-messaging-logged');
    const [priya] = await api.list<ContactRow>('contacts', { search: 'priya-raman-example' });
    // The last message's day reads "Tuesday": the most recent Tuesday before today in the browser's zone
    // (UTC here), at 9:15 AM, not the moment it was logged.
    const today = new Date();
    const back = (today.getUTCDay() - 2 + 7) % 7 || 7;
    const tuesday = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - back, 9, 15),
    );
    await expect
      .poll(async () => {
        await session.panel.syncNow();
        const rows = await api.list<InteractionRow>('interactions', { contactId: priya!.id });
        return rows.map((i) => [i.direction, i.at]).sort();
      })
      .toEqual(
        [
          ['in', '2026-11-20T16:24:00.000Z'],
          ['in', tuesday.toISOString()],
          ['out', '2026-11-20T17:02:00.000Z'],
          ['out', '2026-11-20T17:02:00.000Z'],
        ].sort(),
      );
  });
});
