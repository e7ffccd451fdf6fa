// @vitest-environment happy-dom
// The in-page controller against the real background: the command router, handlers and IndexedDB
// (fake-indexeddb), with only the browser's message transport left out.
import { describe, expect, it, vi } from 'vitest';
import { backgroundHarness } from '../background/testing.ts';
import { addContact, addCustomer, addMetrics } from '../db/queries/fixtures.ts';
import { click, openPagesPerTest } from './testing/page.ts';

const open = openPagesPerTest();

async function realBackground() {
  const h = await backgroundHarness();
  const send = h.pageSend;
  return { ...h, send };
}

const RAHUL = 'rahul.mehta@supplier.example';

describe('content script + real background', () => {
  it('badges, auto-logs once across rescans and reloads, and links a suggested customer in one click', async () => {
    const bg = await realBackground();
    const customerId = await addCustomer(bg.db, { name: 'Rahul Mehta', externalId: 'RM-1', kind: 'person' });
    await addMetrics(bg.db, customerId, { tier: 'A', revenue: '200000.00', profit: '48211.25', orders: 4 });
    const contactId = await addContact(bg.db, { name: 'Rahul Mehta', emails: [RAHUL] });

    const page = await open('gmail', '2025-thread', { send: bg.send });
    const badge = () => page.controller.badges().find((b) => b.anchor.getAttribute('email') === RAHUL);
    // Known but not linked to a customer yet: no money on the badge.
    expect(badge()?.ui.root.textContent).toBe('–');

    const keyed = async () =>
      (await bg.db.interactions.where('contactId').equals(contactId).toArray()).map((r) => r.data?.sourceKey);
    expect(await keyed()).toEqual(['198c7a0b1c2d3e4f']);
    page.controller.refresh();
    await page.settle();
    await page.navigate('https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz');
    // A reload is a new content script with nothing remembered: the background refuses the duplicate.
    const _reload = await open('gmail', '2025-thread', { send: bg.send });
    expect(await keyed()).toEqual(['198c7a0b1c2d3e4f']);

    click(badge()?.ui.root.querySelector('button') as Element);
    await page.controller.card.ready(); // the card script loads on the first open
    const card = page.controller.card.root as ShadowRoot;
    await vi.waitFor(() =>
      expect(card.querySelector('.suggest span')?.textContent).toBe('Link to customer Rahul Mehta (RM-1)?'),
    );
    click(card.querySelector('.suggest button') as Element);
    // IndexedDB answers take a few turns: wait for the page's badges to be looked up again.
    await vi.waitFor(() => expect(badge()?.ui.root.textContent).toBe('A$48.2K'));
    expect((await bg.db.contacts.get(contactId))?.data?.customerId).toBe(customerId);
    expect(card.textContent).toContain('Customer: Rahul Mehta (RM-1)');
  });

  it('captures an unknown recipient with their work-email company', async () => {
    const bg = await realBackground();
    const page = await open('gmail', '2025-thread', { send: bg.send });
    const buyers = page.controller
      .badges()
      .find((b) => b.anchor.getAttribute('email') === 'buyers@retailer.example');
    click(buyers?.ui.root.querySelector('button') as Element);
    await page.settle();
    click(page.controller.card.root?.querySelector('button.act') as Element);
    await vi.waitFor(() => expect(page.controller.card.root?.querySelector('.notice')).not.toBeNull());
    const contacts = (await bg.db.contacts.toArray()).map((r) => r.data);
    expect(contacts).toMatchObject([
      { name: 'buyers', emails: ['buyers@retailer.example'], source: 'gmail' },
    ]);
    const company = (await bg.db.companies.toArray()).map((r) => r.data);
    expect(company).toMatchObject([{ domains: ['retailer.example'] }]);
    expect(page.controller.card.root?.querySelector('.notice')?.textContent).toBe('Saved to Rapport.');
  });
});
