// In-page badges end to end: orders imported into the real server rank customers into tiers, contacts
// linked to them sync to the extension, and frozen Gmail and LinkedIn pages (served under their real
// hostnames) show each person's tier, compact profit and follow-up dot. Capture goes the other way.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { screenshot } from './harness/index.ts';
import {
  knownBadges,
  openWithBadges as open,
  pierceDocument,
  readBadges,
  text,
  waitForBadges,
  waitForKnownBadges,
} from './pages/badges.ts';
import {
  addContact,
  addInteraction,
  type ContactRow,
  daysAgo,
  type InteractionRow,
  type RapportApi,
} from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const GMAIL_INBOX = 'https://mail.google.com/mail/u/0/';
const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';
const LINKEDIN = 'https://www.linkedin.com/in/danielokoye/details/experience/';
// A Workspace thread with the user's just-sent reply, and a 2025 profile of a stranger who shares the name
// of a known customer, beside two more people of that name.
const GMAIL_REPLY = 'https://mail.google.com/mail/u/2/';
const LINKEDIN_NAMESAKE = 'https://www.linkedin.com/in/mira-okafor-4b1a2c/';

// Positive profit P = 10,000: Mira 7,000 (C = 70% of P) → A; Northwind 2,000 (90%) → B; Okoye 1,000 → C;
// Accounts loses 1,234.50 → D. Orders 30 days ago sit in the default trailing-365-day window.
const ORDERS = [
  'Row ID,Order ID,Order Date,Customer ID,Customer Name,Segment,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Profit',
  `1,CA-1,${daysAgo(30).slice(0, 10)},MO-10485,Mira Okafor,Consumer,P-1,Furniture,Chairs,Task chair,20000.00,2,7000.00`,
  `2,CA-2,${daysAgo(30).slice(0, 10)},NT-20110,Northwind Traders,Corporate,P-1,Furniture,Chairs,Task chair,8000.00,1,2000.00`,
  `3,CA-3,${daysAgo(30).slice(0, 10)},OI-1,Okoye Industries,Corporate,P-1,Furniture,Chairs,Task chair,4000.00,1,1000.00`,
  `4,CA-4,${daysAgo(30).slice(0, 10)},AC-33019,Accounts Co,Corporate,P-2,Technology,Machines,Copier,9000.00,3,-1234.50`,
].join('\n');

describe('badges on Gmail and LinkedIn from the real server', () => {
  let world: ExtensionWorld;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;

  beforeAll(async () => {
    world = await startExtensionWorld({
      pages: {
        [GMAIL_INBOX]: 'gmail/2014-inbox.html',
        [GMAIL_THREAD]: 'gmail/2025-thread.html',
        [LINKEDIN]: 'linkedin/2024-profile-details.html',
        [GMAIL_REPLY]: 'gmail/2025-thread-reply.html',
        [LINKEDIN_NAMESAKE]: 'linkedin/2025-profile.html',
      },
    });
    api = world.api;
    const customer = await api.importNewCustomers(ORDERS, { rows: 4, customers: 4 });
    // Follow-up cadence A 14, B 30, C 60, D 90 days from the last interaction.
    const seeded: [Record<string, unknown> & { name: string }, number][] = [
      [
        { name: 'Mira Okafor', emails: ['mira.okafor@pipeline.example'], customerId: customer('MO-10485') },
        20,
      ],
      [{ name: 'Northwind Team', emails: ['news@northwind.example'], customerId: customer('NT-20110') }, 5],
      [{ name: 'Accounts', emails: ['no-reply@accounts.example'], customerId: customer('AC-33019') }, 88],
      [
        {
          name: 'Daniel Okoye',
          handles: [{ network: 'linkedin', id: 'danielokoye' }],
          customerId: customer('OI-1'),
        },
        60,
      ],
      [{ name: 'Hana Lindqvist', handles: [{ network: 'linkedin', id: 'hanalindqvist' }] }, 3],
    ];
    for (const [fields, lastContact] of seeded) {
      const contact = await addContact(api, fields);
      await addInteraction(api, contact, daysAgo(lastContact), 'Talked through the reorder');
    }
    session = await world.signIn();
    page = await world.newPage({ width: 1200, height: 800 });
  });

  afterAll(() => world?.close());

  it('lists the synced contacts in the side panel', async () => {
    await expect
      .poll(() => session.panel.search(''))
      .toEqual(['Accounts', 'Daniel Okoye', 'Hana Lindqvist', 'Mira Okafor', 'Northwind Team']);
    await screenshot(session.panel.page, 'e2e/badges-sidepanel-after-sync');
  });

  it('shows tier, compact profit and follow-up status beside known Gmail senders', async () => {
    const badges = await open(page, `${GMAIL_INBOX}#inbox`, ['Mira Okafor', 'Northwind Team', 'Accounts']);
    await screenshot(page, 'e2e/badges-gmail-inbox', { fullPage: true });
    const view = (name: string) => {
      const b = badges.get(name);
      return b && { tier: b.tier, profit: b.profit, dot: b.dot };
    };
    expect(view('Mira Okafor')).toEqual({ tier: 'A', profit: '$7K', dot: 'overdue' });
    expect(view('Northwind Team')).toEqual({ tier: 'B', profit: '$2K', dot: 'ok' });
    expect(view('Accounts')).toEqual({ tier: 'D', profit: '-$1.2K', dot: 'soon' });
    expect(badges.get('Mira Okafor')?.label).toBe(
      'Mira Okafor in Rapport: Tier A, profit $7K. Follow-up: Overdue · due ' +
        new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(daysAgo(6))),
    );
    // Someone Rapport does not know gets the "+" to save them, never a money badge.
    const unknown = (await readBadges(page)).filter(
      (b) => b.label === 'Save Pipeline Notifications to Rapport',
    );
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((b) => b.tier === null && b.profit === null)).toBe(true);
  });

  it('shows badges on a LinkedIn profile and the people it lists', async () => {
    const badges = await open(page, LINKEDIN, ['Daniel Okoye', 'Hana Lindqvist']);
    await screenshot(page, 'e2e/badges-linkedin-profile', { fullPage: true });
    const daniel = badges.get('Daniel Okoye');
    expect(daniel && [daniel.tier, daniel.profit, daniel.dot]).toEqual(['C', '$1K', 'due']);
    const hana = badges.get('Hana Lindqvist');
    expect(hana && [hana.tier, hana.profit, hana.dot]).toEqual(['–', null, 'none']);
    expect(hana?.label).toBe('Hana Lindqvist in Rapport: no customer linked. Follow-up: No cadence');
  });

  it('captures an unknown Gmail sender with the email, and the server receives both after sync', async () => {
    await open(page, `${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`);
    const plus = page.locator('rapport-badge').first();
    expect((await readBadges(page))[0]?.label).toBe('Save Rahul Mehta to Rapport');
    await plus.hover();
    await plus.click();
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/capture-gmail-thread-form');
    // The form opens with the name read from the page and Save focused: Enter saves.
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await knownBadges(page)).has('Rahul Mehta'), { timeout: 10_000 })
      .toBe(true);
    await screenshot(page, 'e2e/capture-gmail-thread-saved');

    await session.panel.syncNow();
    const contacts = await api.list<ContactRow>('contacts', { search: 'rahul.mehta@supplier.example' });
    expect(contacts.map((c) => [c.name, c.emails, c.source])).toEqual([
      ['Rahul Mehta', ['rahul.mehta@supplier.example'], 'gmail'],
    ]);
    const interactions = await api.list<InteractionRow>('interactions', { contactId: contacts[0]!.id });
    expect(interactions.map((i) => [i.kind, i.channel, i.subject])).toEqual([
      ['email', 'email', 'Autumn order: updated price list'],
    ]);
  });

  it('gives strangers who share a customer’s name no money, and each person one badge', async () => {
    await page.goto('about:blank');
    await page.goto(LINKEDIN_NAMESAKE);
    await waitForBadges(page, 3);
    await page.waitForTimeout(1000);
    await screenshot(page, 'e2e/badges-linkedin-namesakes', { fullPage: true });
    const badges = await readBadges(page);
    // Mira Okafor (tier A, $7K) is known by her email only: the profile's owner and the two others named
    // like her are strangers. One badge each: none beside "Contact info", "Show all …", skills,
    // endorsements, "View profile" or the sticky header, and none for the signed-in user (Leo Brandt).
    expect(badges.map((b) => b.label)).toEqual([
      'Save Mira Okafor to Rapport',
      'Save Mira Okafor to Rapport',
      'Save Mira Okafor to Rapport',
    ]);
    expect(badges.every((b) => b.tier === null && b.profit === null)).toBe(true);

    // Saved, the profile's owner is a contact of its own: still no money, and the same-name customer is
    // only suggested as a link, for the user to confirm.
    const plus = page.locator('rapport-badge').first();
    await plus.hover();
    await plus.click();
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () => (await readBadges(page)).map((b) => [b.label.replace(/:.*$/, ''), b.tier, b.profit]),
        {
          timeout: 10_000,
        },
      )
      .toEqual([
        ['Mira Okafor in Rapport', '–', null],
        ['Save Mira Okafor to Rapport', null, null],
        ['Save Mira Okafor to Rapport', null, null],
      ]);
    await page.keyboard.press('Escape');
    await plus.click();
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e/badges-linkedin-namesake-suggestion');
    const card = text(await pierceDocument(page));
    expect(card).toContain('Link to customer Mira Okafor (MO-10485)?');
  });

  it('logs the user’s just-sent reply once and offers neither "me" nor a short name as a person', async () => {
    await page.goto('about:blank');
    await page.goto(`${GMAIL_REPLY}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`);
    // Rahul Mehta was saved by the test before: the thread is auto-logged.
    await waitForKnownBadges(page, ['Rahul Mehta']);
    await page.waitForTimeout(1000);
    await screenshot(page, 'e2e/badges-gmail-reply', { fullPage: true });
    const labels = (await readBadges(page)).map((b) => b.label);
    expect(labels.filter((l) => l.startsWith('Save '))).toEqual([
      'Save buyers to Rapport',
      'Save Acme, Inc. to Rapport',
      'Save Acme, Inc. to Rapport',
    ]);
    expect(labels.some((l) => /\b(me|Inc\.|Priya Nair)\b/.test(l.replace('Acme, Inc.', '')))).toBe(false);

    const [rahul] = await api.list<ContactRow>('contacts', { search: 'rahul.mehta@supplier.example' });
    await expect
      .poll(async () => {
        await session.panel.syncNow();
        const rows = await api.list<InteractionRow>('interactions', { contactId: rahul!.id });
        return rows.map((i) => [i.direction, i.sourceKey]).sort();
      })
      .toEqual([
        ['in', '198c7a0b1c2d3e4f'],
        ['out', 'msg-a:r-8474029812201839403'],
      ]);
  });
});
