// "Log complaint from selection" about someone not in Rapport yet, in Chromium with the built extension:
// the menu's command (sent to the tab as the context menu's click does) opens the card on the save-contact
// form, which quotes the waiting complaint; saving the contact opens the ticket form with the selected
// text, and the saved ticket reaches the server with the page as its source.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionWorld, startExtensionWorld } from './harness/extension-world.ts';
import { screenshot } from './harness/index.ts';
import { clickButton, pierceDocument, text } from './pages/badges.ts';
import type { RapportApi } from './pages/rapport-api.ts';
import type { SignedInBrowser } from './pages/signed-in-browser.ts';

const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';
type WorkerChrome = {
  tabs: {
    query(q: { url: string }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
};

const SELECTED = 'The invoice charged us twice for March. Please refund one of them.';

describe('a complaint about someone not in Rapport yet', () => {
  let world: ExtensionWorld;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;

  beforeAll(async () => {
    world = await startExtensionWorld({ pages: { [GMAIL_THREAD]: 'gmail/2025-thread.html' } });
    api = world.api;
    session = await world.signIn();
    page = await world.newPage(
      { width: 1280, height: 860 },
      `${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`,
    );
  });

  afterAll(() => world?.close());

  it('keeps the selected text through the save-contact step and logs it with the page as source', async () => {
    await page.locator('rapport-badge').first().waitFor();
    // What the context menu's click sends to the tab (background/capture-menus.ts).
    await session.browser.serviceWorker.evaluate(async (selectionText) => {
      // The worker's `chrome` (no extension typings in this package).
      const chrome = (globalThis as unknown as { chrome: WorkerChrome }).chrome;
      const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
      if (tab?.id === undefined) throw new Error('no Gmail tab');
      await chrome.tabs.sendMessage(
        tab.id,
        { type: 'rapport.menu', action: 'complaint', selectionText },
        { frameId: 0 },
      );
    }, SELECTED);
    await expect
      .poll(async () => text(await pierceDocument(page)), { timeout: 10_000 })
      .toContain('Save the contact first; the complaint form then opens with the selected text:');
    expect(text(await pierceDocument(page))).toContain(SELECTED);
    await screenshot(page, 'e2e/complaint-unknown-save-first');
    await clickButton(page, 'Save as contact');
    await expect
      .poll(async () => text(await pierceDocument(page)), { timeout: 10_000 })
      .toContain('From the selected text');
    await screenshot(page, 'e2e/complaint-unknown-ticket-form');
    await clickButton(page, 'Save ticket');
    await expect
      .poll(async () => text(await pierceDocument(page)), { timeout: 10_000 })
      .toContain('Ticket logged.');

    await session.panel.syncNow();
    const [contact] = await api.list<{ id: string; name: string }>('contacts');
    expect(contact?.name).toBe('Rahul Mehta');
    const tickets = await api.list<{
      contactId: string;
      title: string;
      description: string;
      sourceUrl: string;
    }>('tickets');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      contactId: contact?.id,
      title: 'The invoice charged us twice for March. Please refund one of them.',
      description: SELECTED,
      sourceUrl: expect.stringMatching(/^https:\/\/mail\.google\.com\/mail\/u\/1\//),
    });
  });
});
