// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isTabCommand } from './commands.ts';
import { openPagesPerTest } from './testing/page.ts';

const open = openPagesPerTest();

const STAFF = {
  site: 'generic' as const,
  url: 'https://shop.example/about',
  body: `<p>Sales: <a href="mailto:ana.lima@shop.example">Ana Lima</a>, press: <a href="mailto:press@shop.example">Email us</a>,
    <a href="https://www.linkedin.com/in/jules-carver/">Jules Carver</a>, <a href="https://shop.example/jobs">Jobs</a></p>
    <p id="sel">Sean Miller &lt;sean@acme.example&gt;</p>`,
};

const selectText = (doc: Document, id: string) => {
  const range = doc.createRange();
  range.selectNodeContents(doc.getElementById(id) as Element);
  doc.getSelection()?.removeAllRanges();
  doc.getSelection()?.addRange(range);
};

describe('context menu', () => {
  it('"Save as contact" on a mailto: link saves the person the link names, at once', async () => {
    const page = await open('generic', null, { html: STAFF });
    const reply = await page.controller.handle({
      type: 'rapport.menu',
      action: 'save',
      linkUrl: 'mailto:ana.lima@shop.example',
    });
    await page.settle();
    expect(reply).toEqual({ ok: true, handled: true });
    expect(page.bg.of('contact.capture').map((c) => c.person)).toEqual([
      {
        name: 'Ana Lima',
        email: 'ana.lima@shop.example',
        source: 'web',
        sourceUrl: 'https://shop.example/about',
      },
    ]);
    const card = page.controller.card.root as ShadowRoot;
    expect(card.querySelector('.notice')?.textContent).toBe('Saved to Rapport.');
    expect(card.querySelector('textarea[aria-label="Quick note about Ana Lima"]')).not.toBeNull();
  });

  it('asks for the name when the link does not give one', async () => {
    const page = await open('generic', null, { html: STAFF });
    await page.controller.handle({
      type: 'rapport.menu',
      action: 'save',
      linkUrl: 'mailto:press@shop.example',
    });
    await page.settle();
    expect(page.bg.of('contact.capture')).toEqual([]);
    const card = page.controller.card.root as ShadowRoot;
    expect((card.querySelector('input') as HTMLInputElement).value).toBe('');
    expect(card.querySelector('.sub')?.textContent).toBe('press@shop.example');
  });

  it('"Log note about …" on a LinkedIn link opens the card of the known person at the note box', async () => {
    const page = await open('generic', null, {
      html: STAFF,
      people: [{ name: 'Jules Carver', linkedin: 'jules-carver' }],
    });
    await page.controller.handle({
      type: 'rapport.menu',
      action: 'note',
      linkUrl: 'https://www.linkedin.com/in/jules-carver/',
    });
    await page.settle();
    expect(page.bg.of('contact.capture')).toEqual([]);
    const card = page.controller.card.root as ShadowRoot;
    expect(card.querySelector('.name')?.textContent).toBe('Jules Carver');
    expect(card.querySelector('textarea')).not.toBeNull();
  });

  it('"Log note about …" a selected name and address offers to save them with the note first', async () => {
    const page = await open('generic', null, { html: STAFF });
    selectText(page.doc, 'sel');
    await page.controller.handle({
      type: 'rapport.menu',
      action: 'note',
      selectionText: 'Sean Miller <sean@acme.example>',
    });
    await page.settle();
    const lookups = page.bg.of('lookup.people');
    expect(lookups[lookups.length - 1]?.people).toEqual([
      { email: 'sean@acme.example', name: 'Sean Miller' },
    ]);
    expect(page.bg.of('contact.capture')).toEqual([]);
    const card = page.controller.card.root as ShadowRoot;
    expect((card.querySelector('input') as HTMLInputElement).value).toBe('Sean Miller');
    expect(card.querySelector('button.act')?.textContent).toBe('Save as contact');
  });

  it('says so when a link names nobody', async () => {
    const page = await open('generic', null, { html: STAFF });
    await page.controller.handle({
      type: 'rapport.menu',
      action: 'save',
      linkUrl: 'https://shop.example/jobs',
    });
    expect(page.controller.card.root?.textContent).toContain('No person found on this page.');
    expect(page.bg.of('contact.capture')).toEqual([]);
  });
});

describe('capture shortcut', () => {
  it('captures the LinkedIn profile being viewed with its headline, company and location', async () => {
    const page = await open('linkedin', '2022-profile-topcard');
    await page.controller.handle({ type: 'rapport.capturePage' });
    await page.settle();
    const [capture] = page.bg.of('contact.capture');
    expect(capture?.person).toEqual({
      name: expect.any(String),
      linkedin: expect.any(String),
      headline: expect.any(String),
      company: expect.any(String),
      location: expect.any(String),
      source: 'linkedin',
      sourceUrl: expect.stringMatching(/^https:\/\/www\.linkedin\.com\/in\/.+\/$/),
    });
  });

  it('captures a 2025 profile with both its job title and its headline, company and location', async () => {
    const page = await open('linkedin', '2025-profile');
    await page.controller.handle({ type: 'rapport.capturePage' });
    await page.settle();
    expect(page.bg.of('contact.capture')[0]?.person).toMatchObject({
      name: 'Mira Okafor',
      linkedin: 'mira-okafor-4b1a2c',
      title: 'Head of Procurement',
      headline: 'Buying fresh food for 40 stores | Category lead, chilled and frozen',
      company: 'Lakeside Foods',
      location: 'Leeds, England, United Kingdom',
    });
  });

  it('captures the other side of an open Gmail thread and logs the thread with them', async () => {
    const page = await open('gmail', '2025-thread');
    await page.controller.handle({ type: 'rapport.capturePage' });
    await page.settle();
    expect(page.bg.of('contact.capture').map((c) => [c.person.name, c.person.email])).toEqual([
      ['Rahul Mehta', 'rahul.mehta@supplier.example'],
    ]);
    expect(page.bg.of('interaction.log').flatMap((l) => l.entries.map((e) => e.sourceKey))).toEqual([
      '198c7a0b1c2d3e4f',
    ]);
  });

  it('opens the card of a person already known instead of saving them again', async () => {
    const page = await open('gmail', '2025-thread', {
      people: [{ name: 'Rahul Mehta', emails: ['rahul.mehta@supplier.example'] }],
    });
    await page.controller.handle({ type: 'rapport.capturePage' });
    await page.settle();
    expect(page.bg.of('contact.capture')).toEqual([]);
    expect(page.controller.card.root?.querySelector('.name')?.textContent).toBe('Rahul Mehta');
  });

  it('says what to do on a page about nobody', async () => {
    const page = await open('generic', null, { html: { ...STAFF, body: '<p>Opening hours</p>' } });
    await page.controller.handle({ type: 'rapport.capturePage' });
    expect(page.controller.card.root?.textContent).toContain('Select a name or an email address');
  });
});

describe('isTabCommand', () => {
  it('accepts the commands and nothing else', () => {
    expect(isTabCommand({ type: 'rapport.ping' })).toBe(true);
    expect(isTabCommand({ type: 'rapport.capturePage' })).toBe(true);
    expect(isTabCommand({ type: 'rapport.refresh' })).toBe(true);
    expect(isTabCommand({ type: 'rapport.menu', action: 'note', selectionText: 'Ana' })).toBe(true);
    expect(isTabCommand({ type: 'rapport.menu', action: 'delete' })).toBe(false);
    expect(isTabCommand({ type: 'rapport.menu', action: 'save', linkUrl: 7 })).toBe(false);
    expect(isTabCommand({ type: 'lookup.people', people: [] })).toBe(false);
    expect(isTabCommand(null)).toBe(false);
  });
});
