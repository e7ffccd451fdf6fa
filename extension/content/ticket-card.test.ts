// @vitest-environment happy-dom
// The card's ticket form picks an assignee from the team (team.members through the real background,
// the server's GET /users behind it) and the ticket is stored with that teammate.
import { describe, expect, it, vi } from 'vitest';
import { backgroundHarness } from '../background/testing.ts';
import { addContact } from '../db/queries/fixtures.ts';
import { click, openPagesPerTest } from './testing/page.ts';

const open = openPagesPerTest();

const RAHUL = 'rahul.mehta@supplier.example';

describe('the card’s ticket assignee picker', () => {
  it('offers you first, then teammates by name, and saves the one picked', async () => {
    const h = await backgroundHarness();
    const sam = h.server.addUser('sam@acme.com', 'secret-pass', 'Sam Support');
    const send = h.pageSend;
    const contactId = await addContact(h.db, { name: 'Rahul Mehta', emails: [RAHUL] });
    const page = await open('gmail', '2025-thread', { send });
    const badge = page.controller.badges().find((b) => b.anchor.getAttribute('email') === RAHUL);
    click(badge?.ui.root.querySelector('button') as Element);
    await page.controller.card.ready();
    const card = page.controller.card.root as ShadowRoot;
    const button = (label: string) =>
      Array.from(card.querySelectorAll('button')).find((b) => b.textContent === label) as Element;
    await vi.waitFor(() => expect(button('Log a ticket')).toBeDefined());
    click(button('Log a ticket'));
    await vi.waitFor(() => expect(card.querySelector('[name="ticket-assignee"]')).not.toBeNull());
    const picker = card.querySelector('[name="ticket-assignee"]') as HTMLSelectElement;
    expect(Array.from(picker.options).map((o) => o.textContent)).toEqual([
      'Rita Rep (me)',
      'Sam Support',
      'Unassigned',
    ]);
    expect(picker.value).toBe(h.user.id);
    picker.value = sam.id;
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    click(button('Save ticket'));
    await vi.waitFor(() => expect(card.querySelector('.notice')?.textContent).toBe('Ticket logged.'));
    const [ticket] = (await h.db.tickets.toArray()).map((r) => r.data);
    expect(ticket).toMatchObject({ contactId, assigneeId: sam.id, ownerId: h.user.id, status: 'open' });
  });
});

describe('"Log complaint from selection"', () => {
  it('opens the thread sender’s card on a new ticket with the selection as first entry and the page as source', async () => {
    const h = await backgroundHarness();
    const send = h.pageSend;
    const contactId = await addContact(h.db, { name: 'Rahul Mehta', emails: [RAHUL] });
    const page = await open('gmail', '2025-thread', { send });
    const selected = 'Two of the chairs arrived with cracked legs.\nPlease replace them.';
    await page.controller.handle({ type: 'rapport.menu', action: 'complaint', selectionText: selected });
    const card = page.controller.card.root as ShadowRoot;
    await vi.waitFor(() => expect(card.querySelector('[name="ticket-text"]')).not.toBeNull());
    expect((card.querySelector('[name="ticket-text"]') as HTMLTextAreaElement).value).toBe(selected);
    expect((card.querySelector('[name="ticket-title"]') as HTMLInputElement).value).toBe(
      'Two of the chairs arrived with cracked legs.',
    );
    expect(card.textContent).toContain('From the selected text');
    const save = Array.from(card.querySelectorAll('button')).find((b) => b.textContent === 'Save ticket');
    click(save as Element);
    await vi.waitFor(() => expect(card.querySelector('.notice')?.textContent).toBe('Ticket logged.'));
    const [ticket] = (await h.db.tickets.toArray()).map((r) => r.data);
    expect(ticket).toMatchObject({
      contactId,
      title: 'Two of the chairs arrived with cracked legs.',
      description: selected,
      sourceUrl: expect.stringMatching(/^https:\/\/mail\.google\.com\/mail\//),
      status: 'open',
    });
  });
});

describe('"Log complaint from selection" about someone not in Rapport yet', () => {
  it('keeps the selection through the save-contact step, then logs it as the new contact’s ticket', async () => {
    const h = await backgroundHarness();
    const send = h.pageSend;
    const page = await open('gmail', '2025-thread', { send });
    const selected = 'The invoice charged us twice for March.\nPlease refund one of them.';
    await page.controller.handle({ type: 'rapport.menu', action: 'complaint', selectionText: selected });
    const card = () => page.controller.card.root as ShadowRoot;
    const button = (label: string) =>
      Array.from(card().querySelectorAll('button')).find((b) => b.textContent === label);
    // Not stored yet: the card asks to save the sender first, and says the complaint waits for that.
    await vi.waitFor(() => expect(button('Save as contact')).toBeDefined());
    expect(card().textContent).toContain('Not in Rapport yet');
    expect(card().querySelector('.pending-complaint')?.textContent).toContain(
      'The invoice charged us twice for March.',
    );
    click(button('Save as contact') as Element);
    await vi.waitFor(() => expect(card().querySelector('[name="ticket-text"]')).not.toBeNull());
    expect((card().querySelector('[name="ticket-text"]') as HTMLTextAreaElement).value).toBe(selected);
    expect((card().querySelector('[name="ticket-title"]') as HTMLInputElement).value).toBe(
      'The invoice charged us twice for March.',
    );
    expect(card().textContent).toContain('From the selected text');
    const [contact] = (await h.db.contacts.toArray()).map((r) => r.data);
    expect(contact).toMatchObject({ name: 'Rahul Mehta', emails: [RAHUL] });
    click(button('Save ticket') as Element);
    await vi.waitFor(() => expect(card().querySelector('.notice')?.textContent).toBe('Ticket logged.'));
    const tickets = (await h.db.tickets.toArray()).map((r) => r.data);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      contactId: contact?.id,
      title: 'The invoice charged us twice for March.',
      description: selected,
      sourceUrl: expect.stringMatching(/^https:\/\/mail\.google\.com\/mail\//),
      status: 'open',
    });
  });
});
