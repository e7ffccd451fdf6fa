// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { FakePerson } from './testing/fake-background.ts';
import { badgeText, openPagesPerTest } from './testing/page.ts';

const open = openPagesPerTest();

/** The 2014 inbox's rows cloned to `count` rows, each from a different sender (person0…). */
function inboxOf(count: number, from = 0) {
  return (doc: Document) => {
    const rows = Array.from(doc.querySelectorAll('tr.zA'));
    const body = rows[0]?.parentElement as Element;
    for (const row of rows) row.remove();
    appendRows(doc, body, rows, count, from);
  };
}

function appendRows(doc: Document, body: Element, templates: Element[], count: number, from: number) {
  for (let i = from; i < from + count; i++) {
    const row = templates[i % templates.length]?.cloneNode(true) as Element;
    for (const span of Array.from(row.querySelectorAll('.yW span[email]'))) {
      span.setAttribute('email', `person${i}@shop.example`);
      span.setAttribute('name', `Person ${i}`);
      span.textContent = `Person ${i}`;
    }
    body.append(row);
  }
  return doc;
}

const A: FakePerson['customer'] = {
  name: 'Acme',
  externalId: 'AC-1',
  tier: 'A',
  profit: '1234567.5',
  revenue: '9000000',
};
const D: FakePerson['customer'] = {
  name: 'Sean Miller',
  externalId: 'SM-20320',
  tier: 'D',
  profit: '-2297200.8603',
  revenue: '2297200.8603',
};

/** Every 10th sender is an A customer, every 10th + 5 a D customer with an overdue follow-up. */
function knownSenders(count: number): FakePerson[] {
  const people: FakePerson[] = [];
  for (let i = 0; i < count; i += 5) {
    people.push({
      name: `Person ${i}`,
      emails: [`person${i}@shop.example`],
      customer: i % 10 === 0 ? A : D,
      followUp:
        i % 10 === 0 ? { status: 'ok', dueOn: '2026-02-01' } : { status: 'overdue', dueOn: '2025-12-01' },
    });
  }
  return people;
}

const emailOf = (el: Element) => el.getAttribute('email');

describe('PageController on a 100-row Gmail inbox', () => {
  it('looks everyone up in one message and puts the right badge beside each sender', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(100), people: knownSenders(100) });
    const lookups = page.bg.of('lookup.people');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.people).toHaveLength(100);
    expect(new Set(lookups[0]?.people.map((p) => p.email)).size).toBe(100);

    const badges = page.controller.badges();
    expect(badges).toHaveLength(100);
    for (const badge of badges) {
      const i = Number(/person(\d+)@/.exec(emailOf(badge.anchor) ?? '')?.[1]);
      // Beside the visible sender name, never inside Gmail's hidden accessibility copy.
      expect(badge.ui.host.previousElementSibling).toBe(badge.anchor);
      expect(badge.anchor.closest('.afn')).toBeNull();
      expect(badge.anchor.closest('.yW')).not.toBeNull();
      const text = badgeText(badge.ui.root);
      if (i % 10 === 0) {
        expect(text).toBe('A$1.2M');
        expect(badge.ui.root.querySelector('.d-ok')).not.toBeNull();
      } else if (i % 5 === 0) {
        expect(text).toBe('D-$2.3M');
        expect(badge.ui.root.querySelector('.loss')?.textContent).toBe('-$2.3M');
        expect(badge.ui.root.querySelector('.d-overdue')).not.toBeNull();
      } else {
        expect(text).toBe('+');
        expect(badge.ui.root.querySelector('button.plus')?.getAttribute('aria-label')).toBe(
          `Save Person ${i} to Rapport`,
        );
      }
    }
    expect(badges.filter((b) => badgeText(b.ui.root) === '+')).toHaveLength(80);
  });

  it('gives no badge to the signed-in user ("me")', async () => {
    const page = await open('gmail', '2014-inbox');
    const emails = page.controller.badges().map((b) => emailOf(b.anchor));
    expect(emails).toHaveLength(14);
    expect(emails).not.toContain('jordan.vale@gmail.com');
    // Repeated senders are one identity: 6 distinct people in one lookup.
    expect(page.bg.of('lookup.people').map((l) => l.people.length)).toEqual([6]);
  });

  it('labels badges for screen readers and hover', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(10), people: knownSenders(10) });
    const d = page.controller.badges().find((b) => emailOf(b.anchor) === 'person5@shop.example');
    expect(d?.ui.root.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Person 5 in Rapport: Tier D, profit -$2.3M. Follow-up: Overdue · due Dec 1, 2025',
    );
  });
});

describe('rescans', () => {
  it('batches a burst of mutations into one scan and one lookup', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(10), people: knownSenders(50) });
    expect(page.bg.of('lookup.people')).toHaveLength(1);
    const templates = page.controller.badges().map((b) => b.anchor.closest('tr') as Element);
    const body = templates[0]?.parentElement as Element;
    const scan = vi.spyOn(page.controller.adapter, 'scan');
    // Gmail renders a page of rows as many separate insertions.
    for (let i = 10; i < 40; i++) {
      appendRows(page.doc, body, templates, 1, i);
      if (i % 7 === 0) await Promise.resolve();
    }
    await page.settle();
    expect(scan).toHaveBeenCalledTimes(1);
    const lookups = page.bg.of('lookup.people');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]?.people.map((p) => p.email)).toEqual(
      Array.from({ length: 30 }, (_, j) => `person${j + 10}@shop.example`),
    );
    expect(page.controller.badges()).toHaveLength(40);
    expect(
      badgeText(page.controller.badges().find((b) => emailOf(b.anchor) === 'person30@shop.example')!.ui.root),
    ).toBe('A$1.2M');
  });

  it('re-places a badge the page re-rendered away without asking the background again', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(5), people: knownSenders(5) });
    const first = page.controller.badges()[0];
    const cell = first?.anchor.parentElement as Element;
    // Gmail re-renders the sender cell: the same person in a brand-new span, our host gone.
    const replacement = first?.anchor.cloneNode(true) as Element;
    cell.replaceChildren(replacement);
    await page.settle();
    const again = page.controller.badges().find((b) => b.anchor === replacement);
    expect(again?.ui.host.previousElementSibling).toBe(replacement);
    expect(badgeText(again!.ui.root)).toBe('A$1.2M');
    expect(page.bg.of('lookup.people')).toHaveLength(1);
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(5);
  });

  it("looks everyone up again when the background says the team's data changed", async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(5), people: knownSenders(5) });
    expect(page.bg.of('lookup.people')).toHaveLength(1);
    expect(await page.controller.handle({ type: 'rapport.refresh' })).toEqual({ ok: true, handled: true });
    await page.settle();
    const lookups = page.bg.of('lookup.people');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]?.people).toHaveLength(5);
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(5);
  });

  it('follows a row reused for another sender (attribute change)', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(3), people: knownSenders(10) });
    const badge = page.controller.badges().find((b) => emailOf(b.anchor) === 'person1@shop.example');
    badge?.anchor.setAttribute('email', 'person5@shop.example');
    badge?.anchor.setAttribute('name', 'Person 5');
    await page.settle();
    const lookups = page.bg.of('lookup.people');
    expect(lookups).toHaveLength(2);
    expect(lookups[1]?.people).toEqual([{ email: 'person5@shop.example', name: 'Person 5' }]);
    const now = page.controller.badges().find((b) => b.anchor === badge?.anchor);
    expect(badgeText(now!.ui.root)).toBe('D-$2.3M');
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(3);
  });

  it('ignores its own badge insertions (no feedback loop)', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(20) });
    const scan = vi.spyOn(page.controller.adapter, 'scan');
    await page.settle();
    await new Promise((r) => setTimeout(r, 60));
    await page.settle();
    expect(scan).not.toHaveBeenCalled();
    expect(page.bg.of('lookup.people')).toHaveLength(1);
  });

  it('a new visit drops answers still in flight for the old one', async () => {
    const page = await open('gmail', '2014-inbox', { edit: inboxOf(3), people: knownSenders(3) });
    const held = page.bg.hold('lookup.people');
    page.controller.refresh();
    await new Promise((r) => setTimeout(r, 20));
    expect(page.bg.of('lookup.people')).toHaveLength(2);
    const visit = page.navigate('https://mail.google.com/mail/u/0/#sent');
    held.release();
    await visit;
    // The visit asked again; the stale answer changed nothing and every badge shows the fresh one.
    expect(page.bg.of('lookup.people')).toHaveLength(3);
    expect(page.controller.badges().map((b) => badgeText(b.ui.root))).toEqual(['A$1.2M', '+', '+']);
  });
});

describe('a failing background', () => {
  it('is not asked again on every mutation', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = await open('gmail', '2014-inbox', {
      prepare: (bg) => bg.fail('lookup.people', 'unreachable'),
    });
    expect(warn).toHaveBeenCalledWith('Rapport:', expect.objectContaining({ code: 'unreachable' }));
    for (let i = 0; i < 5; i++) {
      page.doc.body.append(page.doc.createElement('div'));
      await page.settle();
    }
    expect(page.bg.of('lookup.people')).toHaveLength(1);
    // Badges stay in place, showing nothing until an answer comes.
    expect(page.controller.badges()).toHaveLength(14);
    expect(page.controller.badges().every((b) => b.ui.root.childNodes.length === 0)).toBe(true);
  });
});

describe('settings', () => {
  it('shows nothing on a site the user turned off', async () => {
    const page = await open('gmail', '2014-inbox', { settings: { disabledSites: ['gmail'] } });
    expect(page.controller.badges()).toHaveLength(0);
    expect(page.bg.of('lookup.people')).toHaveLength(0);
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(0);
  });

  it('still shows badges while capture is paused', async () => {
    const page = await open('gmail', '2014-inbox', { settings: { paused: true } });
    expect(page.controller.badges()).toHaveLength(14);
  });
});

describe('teardown', () => {
  it('removes every node and listener and stops watching the page', async () => {
    const added: Array<{ target: string; type: string; signal: AbortSignal | undefined }> = [];
    const page = await open('gmail', '2014-inbox', {
      edit: (doc) => {
        const spy = (target: EventTarget, name: string) => {
          const original = target.addEventListener.bind(target);
          vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
            added.push({
              target: name,
              type,
              signal: typeof options === 'object' ? options?.signal : undefined,
            });
            original(type, listener, options);
          });
        };
        spy(doc, 'document');
        spy(doc.defaultView as Window, 'window');
      },
    });
    // Open a card too, so its host and outside-click listener exist.
    const badge = page.controller.badges()[0];
    badge?.ui.root.querySelector('button')?.click();
    expect(page.controller.card.isOpen).toBe(true);
    await page.settle(); // the card script loads on the first open
    expect(page.doc.querySelectorAll('rapport-badge').length).toBe(14);
    expect(page.doc.querySelectorAll('rapport-card').length).toBe(1);
    expect(added.map((a) => a.type).sort()).toEqual([
      'contextmenu',
      'pointerdown',
      'pointerover',
      'visibilitychange',
    ]);

    page.controller.destroy();

    expect(page.doc.querySelectorAll('rapport-badge, rapport-card')).toHaveLength(0);
    expect(page.controller.badges()).toHaveLength(0);
    expect(page.controller.card.isOpen).toBe(false);
    for (const listener of added)
      expect(listener.signal?.aborted, `${listener.target} ${listener.type}`).toBe(true);
    // The observer is gone: new rows get no badges and cause no lookups.
    const scan = vi.spyOn(page.controller.adapter, 'scan');
    const row = page.doc.querySelector('tr.zA')?.cloneNode(true) as Element;
    page.doc.querySelector('tr.zA')?.parentElement?.append(row);
    page.controller.refresh();
    await new Promise((r) => setTimeout(r, 60));
    expect(scan).not.toHaveBeenCalled();
    expect(page.bg.of('lookup.people')).toHaveLength(1);
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(0);
  });
});

describe('coming back to the tab', () => {
  it('reads the settings again and follows a pause or a site turned off', async () => {
    const page = await open('gmail', '2014-inbox');
    expect(page.controller.badges()).toHaveLength(14);
    page.bg.settings.disabledSites = ['gmail'];
    Object.defineProperty(page.doc, 'visibilityState', { value: 'visible', configurable: true });
    page.doc.dispatchEvent(
      new (page.doc.defaultView as Window & typeof globalThis).Event('visibilitychange'),
    );
    await page.settle();
    expect(page.bg.of('settings.get')).toHaveLength(2);
    expect(page.controller.badges()).toHaveLength(0);
    expect(page.doc.querySelectorAll('rapport-badge')).toHaveLength(0);
  });
});
