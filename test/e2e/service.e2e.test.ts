// Service end to end: a rep logs a complaint from a Gmail thread card (the customer's message as its first
// entry), the sender's badge gets the open-ticket marker, a lead resolves it through the REST API the
// dashboard uses, and after sync the marker is gone.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureServer,
  type RapportServer,
  screenshot,
  startFixtureServer,
  startServer,
} from './harness/index.ts';
import { clickButton, pierceDocument, readBadges, text, waitForKnownBadges } from './pages/badges.ts';
import { addContact, RapportApi } from './pages/rapport-api.ts';
import { type SignedInBrowser, signedInBrowser } from './pages/signed-in-browser.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const GMAIL_THREAD = 'https://mail.google.com/mail/u/1/';

interface TicketRow {
  id: string;
  title: string;
  status: string;
  description: string | null;
  sourceUrl: string | null;
  history: { status: string; at: string; by: string | null }[];
}

describe('a complaint from Gmail to resolution', () => {
  let server: RapportServer;
  let fixtures: FixtureServer;
  let api: RapportApi;
  let session: SignedInBrowser;
  let page: Page;

  const rahul = async () => (await waitForKnownBadges(page, ['Rahul Mehta'])).get('Rahul Mehta');

  beforeAll(async () => {
    [server, fixtures] = await Promise.all([
      startServer(),
      startFixtureServer({
        routes: [{ url: GMAIL_THREAD, file: join(FIXTURES, 'gmail', '2025-thread.html') }],
      }),
    ]);
    api = await RapportApi.as(server);
    await addContact(api, { name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] });
    session = await signedInBrowser(server, fixtures);
    await session.panel.syncNow();
    page = await session.browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${GMAIL_THREAD}#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz`);
  });

  afterAll(async () => {
    await session?.close();
    await Promise.all([fixtures?.close(), server?.close()]);
  });

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
    const [ticket] = await api.list<TicketRow>('tickets');
    expect(ticket).toMatchObject({
      title: 'Autumn order: updated price list',
      status: 'open',
      sourceUrl: expect.stringContaining('mail.google.com'),
    });
    expect(ticket?.description?.length ?? 0).toBeGreaterThan(10);
    expect(ticket?.history.map((h) => h.status)).toEqual(['open']);

    // A lead resolves it as the dashboard does (PATCH /api/v1/tickets/{id}).
    const resolved = await api.request<TicketRow>('PATCH', `/tickets/${ticket?.id}`, {
      status: 'resolved',
      resolution: 'Sent the corrected price list',
      satisfaction: 4,
    });
    expect(resolved.history.map((h) => h.status)).toEqual(['open', 'resolved']);
    await page.keyboard.press('Escape');
    await session.panel.syncNow();
    await expect
      .poll(async () => (await rahul())?.label ?? '', { timeout: 10_000 })
      .not.toContain('open ticket');
    await screenshot(page, 'e2e/service-ticket-resolved');
  });
});
