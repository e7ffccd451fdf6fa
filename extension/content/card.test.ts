// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { FakePerson } from './testing/fake-background.ts';
import { click, type openPage, openPagesPerTest, press, typeInto } from './testing/page.ts';

const open = openPagesPerTest();

const SEAN_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c03';
const SEAN: FakePerson = {
  name: 'Sean Miller',
  emails: ['sean.miller@customer.example'],
  customer: {
    id: SEAN_ID,
    name: 'Sean Miller',
    externalId: 'SM-20320',
    tier: 'D',
    profit: '-1.5',
    revenue: '2297200.8603',
  },
};
const RAHUL: FakePerson = {
  name: 'Rahul Mehta',
  emails: ['rahul.mehta@supplier.example'],
  customer: { name: 'Supplier Ltd', externalId: null, tier: 'B', profit: '48211.25', revenue: '200000' },
  followUp: { status: 'due', dueOn: '2026-01-02' },
  interactions: [
    {
      kind: 'call',
      direction: 'out',
      at: '2025-12-01T10:00:00.000Z',
      subject: null,
      summary: 'Agreed autumn volumes',
    },
    { kind: 'email', direction: 'in', at: '2025-11-20T10:00:00.000Z', subject: 'Price list', summary: null },
  ],
};

/** Opens the 2025 Gmail thread and clicks the sender's badge. */
async function cardFor(people: FakePerson[], options: Parameters<typeof openPage>[2] = {}) {
  const page = await open('gmail', '2025-thread', { people, ...options });
  const sender = page.controller
    .badges()
    .find((b) => b.anchor.getAttribute('email') === 'rahul.mehta@supplier.example');
  click(sender?.ui.root.querySelector('button') as Element);
  await page.settle();
  const root = page.controller.card.root as ShadowRoot;
  return { page, root, text: () => (root.textContent ?? '').replace(/\s+/g, ' ') };
}

describe('the card of a known person', () => {
  it('is the known card even when clicked while the page is being looked up again', async () => {
    const page = await open('gmail', '2025-thread', { people: [RAHUL] });
    const sender = page.controller
      .badges()
      .find((b) => b.anchor.getAttribute('email') === 'rahul.mehta@supplier.example');
    // A logged email or a capture drops the page's answers and asks again; a click in that window
    // has no cached badge data, and must not offer a known person as "not in Rapport yet".
    page.controller.refresh();
    click(sender?.ui.root.querySelector('button') as Element);
    await page.settle();
    const text = (page.controller.card.root?.textContent ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Tier B');
    expect(text).not.toContain('Not in Rapport yet');
  });

  it('shows the orders summary, open work and last interactions', async () => {
    const { page, root, text } = await cardFor([RAHUL]);
    expect(page.bg.of('contact.get')).toHaveLength(1);
    expect(root.querySelector('.name')?.textContent).toBe('Rahul Mehta');
    expect(text()).toContain('Tier B');
    expect(text()).toContain('Due today · due Jan 2, 2026');
    expect(text()).toContain('Customer: Supplier Ltd');
    const figures = Array.from(root.querySelectorAll('dt')).map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(figures).toEqual([
      ['Revenue', '$200,000.00'],
      ['Profit', '$48,211.25'],
      ['Margin', '–'],
      ['Orders', '3'],
      ['Last order', 'Nov 2, 2025'],
    ]);
    expect(text()).toContain('Tier window: Dec 1, 2024 to Nov 30, 2025');
    expect(text()).toContain('2 open opportunities · 1 open ticket');
    // The thread was auto-logged on open, so it is the newest interaction.
    const items = Array.from(root.querySelectorAll('li .what')).map((el) => el.textContent);
    expect(items).toEqual([
      'Email ← · Autumn order: updated price list',
      'Call → · Agreed autumn volumes',
      'Email ← · Price list',
    ]);
  });

  it('shows a loss in red', async () => {
    const { root } = await cardFor([{ ...SEAN, emails: ['rahul.mehta@supplier.example'] }]);
    const profit = Array.from(root.querySelectorAll('dt')).find(
      (dt) => dt.textContent === 'Profit',
    )?.nextElementSibling;
    expect(profit?.textContent).toBe('-$1.50');
    expect(profit?.className).toBe('loss');
  });

  it('links to a suggested customer in one click', async () => {
    const { page, root, text } = await cardFor([
      SEAN,
      {
        name: 'Rahul Mehta',
        emails: ['rahul.mehta@supplier.example'],
        suggestions: [{ customerId: SEAN_ID, name: 'Sean Miller', externalId: 'SM-20320', reason: 'name' }],
      },
    ]);
    expect(text()).toContain('No customer linked');
    expect(root.querySelector('.suggest span')?.textContent).toBe('Link to customer Sean Miller (SM-20320)?');
    const lookups = page.bg.of('lookup.people').length;
    click(root.querySelector('.suggest button') as Element);
    await page.settle();
    expect(page.bg.of('contact.link')).toEqual([
      { type: 'contact.link', contactId: page.bg.of('contact.get')[0]?.id, customerId: SEAN_ID },
    ]);
    expect(root.querySelector('.notice')?.textContent).toBe('Linked to Sean Miller.');
    expect(text()).toContain('Customer: Sean Miller (SM-20320)');
    // The page's badges are looked up again and now show the customer's tier.
    expect(page.bg.of('lookup.people').length).toBe(lookups + 1);
    const badge = page.controller
      .badges()
      .find((b) => b.anchor.getAttribute('email') === 'rahul.mehta@supplier.example');
    expect(badge?.ui.root.textContent).toBe('D-$1.5');
  });

  it('saves a quick note on Enter, keeps Shift+Enter and IME Enter for typing, and closes on Esc', async () => {
    const { page, root } = await cardFor([RAHUL]);
    const note = root.querySelector('textarea') as HTMLTextAreaElement;
    // The card of a known person opens with the cursor in the note box.
    expect(root.activeElement).toBe(note);
    typeInto(note, 'Wants samples before Friday');
    press(note, 'Enter', { shiftKey: true });
    press(note, 'Enter', { isComposing: true });
    await page.settle();
    expect(page.bg.of('interaction.log')).toHaveLength(1); // the auto-log only
    const enter = press(note, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    await page.settle();
    const notes = page.bg.of('interaction.log').slice(1);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.entries).toEqual([
      {
        kind: 'note',
        channel: 'email',
        direction: 'out',
        summary: 'Wants samples before Friday',
        sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz',
      },
    ]);
    expect((root.querySelector('textarea') as HTMLTextAreaElement).value).toBe('');
    expect(root.querySelector('.notice')?.textContent).toBe('Note saved.');
    expect(root.querySelector('li .what')?.textContent).toBe('Note → · Wants samples before Friday');

    press(root.querySelector('textarea') as Element, 'Escape');
    expect(page.controller.card.isOpen).toBe(false);
    expect(page.doc.querySelector('rapport-card')).toBeNull();
  });

  it('keeps typed keys away from the page’s shortcuts', async () => {
    const { page, root } = await cardFor([RAHUL]);
    const seen: string[] = [];
    page.doc.addEventListener('keydown', (e) => seen.push((e as KeyboardEvent).key));
    press(root.querySelector('textarea') as Element, 'c');
    expect(seen).toEqual([]);
  });

  it('closes on a press outside the card, not inside it', async () => {
    const { page, root } = await cardFor([RAHUL]);
    const Pointer = (page.doc.defaultView as Window & typeof globalThis).PointerEvent;
    (root.querySelector('textarea') as Element).dispatchEvent(
      new Pointer('pointerdown', { bubbles: true, composed: true }),
    );
    expect(page.controller.card.isOpen).toBe(true);
    page.doc.body.dispatchEvent(new Pointer('pointerdown', { bubbles: true, composed: true }));
    expect(page.controller.card.isOpen).toBe(false);
  });

  it('shows the background’s refusal instead of failing silently', async () => {
    const { page, root } = await cardFor([RAHUL], { prepare: (bg) => bg.fail('contact.get', 'not_found') });
    expect(root.querySelector('.error')?.textContent).toBe(
      'Something went wrong: contact.get failed: not_found',
    );
    expect(page.controller.card.isOpen).toBe(true);
  });
});

describe('the card of someone not in Rapport', () => {
  it('captures them from the "+" and logs the open thread with them', async () => {
    const { page, root } = await cardFor([]);
    expect(root.querySelector('h3')?.textContent).toBe('Not in Rapport yet');
    expect((root.querySelector('input') as HTMLInputElement).value).toBe('Rahul Mehta');
    click(root.querySelector('button.act') as Element);
    await page.settle();
    expect(page.bg.of('contact.capture')).toEqual([
      {
        type: 'contact.capture',
        person: {
          name: 'Rahul Mehta',
          email: 'rahul.mehta@supplier.example',
          source: 'gmail',
          sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbgRnJxwXbKqsVmWbRLpHvDkJz',
        },
      },
    ]);
    expect(page.bg.of('interaction.log').map((l) => l.entries.map((e) => e.sourceKey))).toEqual([
      ['198c7a0b1c2d3e4f'],
    ]);
    expect(root.querySelector('.notice')?.textContent).toBe('Saved to Rapport.');
    // The card turns into the known person's card, and the badge follows.
    expect(root.querySelector('textarea[aria-label="Quick note about Rahul Mehta"]')).not.toBeNull();
    const badge = page.controller
      .badges()
      .find((b) => b.anchor.getAttribute('email') === 'rahul.mehta@supplier.example');
    expect(badge?.ui.root.querySelector('.tier')?.textContent).toBe('–');
  });

  it('saves an edited name with a note typed before saving', async () => {
    const { page, root } = await cardFor([]);
    typeInto(root.querySelector('input') as HTMLInputElement, '  Rahul K. Mehta ');
    typeInto(root.querySelector('textarea') as HTMLTextAreaElement, 'Met at the trade fair');
    await page.settle();
    expect(root.querySelector('button.act')?.textContent).toBe('Save with note');
    press(root.querySelector('textarea') as Element, 'Enter');
    await page.settle();
    const [capture] = page.bg.of('contact.capture');
    expect(capture?.person.name).toBe('Rahul K. Mehta');
    expect(capture?.note).toBe('Met at the trade fair');
  });

  it('sends nothing while capture is paused', async () => {
    const { page, root, text } = await cardFor([], { settings: { paused: true } });
    expect(text()).toContain('Capture is paused (Rapport settings).');
    const save = root.querySelector('button.act') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    click(save);
    press(root.querySelector('input') as Element, 'Enter');
    await page.settle();
    expect(page.bg.of('contact.capture')).toEqual([]);
    expect(page.bg.of('interaction.log')).toEqual([]);
  });
});
