// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { click, openPagesPerTest, press, type TestPage, typeInto } from './testing/page.ts';

const open = openPagesPerTest();
afterEach(() => {
  delete (globalThis as { pwned?: unknown }).pwned;
});

const PAYLOADS = [
  '<img src=x onerror="globalThis.pwned=1">',
  '"><script>globalThis.pwned=2</script>',
  '<svg onload="globalThis.pwned=3"></svg>',
  '{name}<b>bold</b>',
];

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Everything inside our shadow roots and the page that is an element someone could have injected. */
function injected(page: TestPage): number {
  const roots: ParentNode[] = [page.doc, ...page.controller.badges().map((b) => b.ui.root)];
  if (page.controller.card.root) roots.push(page.controller.card.root);
  return roots.reduce((n, root) => n + root.querySelectorAll('script, img, svg, b, iframe').length, 0);
}

describe('page and user data are rendered as text', () => {
  it('hostile names, notes and interaction text stay text in badges and the card', async () => {
    const rows = PAYLOADS.map(
      (name, i) =>
        `<div role="listitem"><span class="gD" email="evil${i}@evil.example" name="${escapeAttr(name)}">${escapeText(name)}</span></div>`,
    ).join('');
    const page = await open('gmail', null, {
      html: { site: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox', body: rows },
      people: PAYLOADS.map((name, i) => ({
        name,
        emails: [`evil${i}@evil.example`],
        customer: { name: `${name} Ltd`, externalId: name, tier: 'A', profit: '10', revenue: '20' },
        interactions: [
          { kind: 'note', direction: 'out', at: '2025-12-01T10:00:00.000Z', subject: name, summary: name },
        ],
      })),
    });
    expect(page.controller.badges()).toHaveLength(PAYLOADS.length);
    const before = injected(page);
    expect(before).toBe(0);

    for (const [i, badge] of page.controller.badges().entries()) {
      const payload = PAYLOADS[i] as string;
      expect(badge.ui.root.querySelector('button')?.getAttribute('aria-label')).toContain(payload);
      click(badge.ui.root.querySelector('button') as Element);
      await page.settle();
      const card = page.controller.card.root as ShadowRoot;
      expect(card.querySelector('.name')?.textContent).toBe(payload);
      expect(card.querySelector('h3')?.textContent).toBe(`Customer: ${payload} Ltd (${payload})`);
      expect(card.querySelector('li .what')?.textContent).toBe(`Note → · ${payload}`);
      const note = card.querySelector('textarea') as HTMLTextAreaElement;
      typeInto(note, payload);
      press(note, 'Enter');
      await page.settle();
      expect(injected(page)).toBe(0);
    }
    expect(page.bg.of('interaction.log').map((l) => l.entries[0]?.summary)).toEqual(PAYLOADS);
    await new Promise((r) => setTimeout(r, 20));
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('an unknown hostile name is offered for capture as text and saved verbatim', async () => {
    const name = PAYLOADS[0] as string;
    const page = await open('gmail', null, {
      html: {
        site: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox',
        body: `<span class="gD" email="x@evil.example" name="${escapeAttr(name)}">${escapeText(name)}</span>`,
      },
    });
    click(page.controller.badges()[0]?.ui.root.querySelector('button') as Element);
    await page.settle();
    const card = page.controller.card.root as ShadowRoot;
    expect((card.querySelector('input') as HTMLInputElement).value).toBe(name);
    click(card.querySelector('button.act') as Element);
    await page.settle();
    expect(page.bg.of('contact.capture')[0]?.person.name).toBe(name);
    expect(injected(page)).toBe(0);
  });
});
