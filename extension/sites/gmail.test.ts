// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountEmail, gmail } from './gmail.ts';
import { loadFixture } from './testing/fixtures.ts';
import { fixtureSuite } from './testing/suite.ts';

const page = (body: string) => {
  document.body.innerHTML = body;
  return document;
};

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('gmail fixtures', () => fixtureSuite('gmail', gmail));

describe('gmail.scan', () => {
  it('returns hostile names as plain text and creates no elements', () => {
    const doc = page(
      `<table><tr class="zA"><td><span class="yP" email="Eve@Evil.example" name="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">x</span></td></tr>
       <tr class="zA"><td><span class="yP" email="mal@evil.example">&lt;img src=x onerror=alert(1)&gt;</span></td></tr></table>`,
    );
    const people = gmail.scan(doc);
    expect(people.map((p) => [p.name, p.email])).toEqual([
      ['"><script>alert(1)</script>', 'eve@evil.example'],
      ['<img src=x onerror=alert(1)>', 'mal@evil.example'],
    ]);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
  });

  it('falls back to data-hovercard-id and drops hovercards that are not addresses', () => {
    const doc = page(
      `<span class="yP" data-hovercard-id="Ana@Shop.example">Ana</span><span class="yP" data-hovercard-id="105538">Bot</span>`,
    );
    expect(gmail.scan(doc).map((p) => [p.name, p.email])).toEqual([['Ana', 'ana@shop.example']]);
  });

  it('keeps full names: no "me", no short name when the page shows the full one, no "from." artefact', () => {
    const doc = page(
      `<img class="ajn" data-hovercard-id="billing@acme.example" data-name="Acme, Inc.">
       <span class="g2" email="billing@acme.example" name="Inc.">Inc.</span>
       <span class="g2" email="ops@other.example" name="Ltd.">Ltd.</span>
       <span class="zF" email="support@shop.example">Shop 24 Support from.</span>
       <span class="zF" email="jo@work.example" name="moi">moi</span>`,
    );
    expect(gmail.scan(doc).map((p) => [p.name, p.email])).toEqual([
      ['Acme, Inc.', 'billing@acme.example'],
      // A bare legal form is no name; the address still identifies the person.
      [null, 'ops@other.example'],
      ['Shop 24 Support', 'support@shop.example'],
    ]);
  });

  it('does not badge avatars or the hidden accessibility copy of a row', () => {
    const doc = page(
      `<img class="ajn" data-hovercard-id="ana@shop.example"><div class="afn"><span email="ana@shop.example">Ana</span></div>`,
    );
    expect(gmail.scan(doc)).toEqual([]);
  });

  it('scans a 100-row inbox with one query for the whole page, not one per row', () => {
    const rows = Array.from(
      { length: 100 },
      (_, i) =>
        `<tr class="zA yO" role="row"><td class="yX xY"><div class="afn"><span class="yP" email="p${i}@shop.example" name="P ${i}">P ${i}</span></div>` +
        `<div class="yW"><span class="bA4"><span class="yP" email="p${i}@shop.example" name="P ${i}" data-hovercard-id="p${i}@shop.example">P ${i}</span></span></div></td>` +
        `<td class="xY a4W"><span class="bog"><span data-legacy-thread-id="${(0x16f4a1b2c3d4e5f6n + BigInt(i)).toString(16)}">Quote ${i}</span></span></td></tr>`,
    );
    const doc = page(`<div role="main"><table><tbody>${rows.join('')}</tbody></table></div>`);
    const qsa = vi.spyOn(doc, 'querySelectorAll');
    const qs = vi.spyOn(doc, 'querySelector');
    const people = gmail.scan(doc);
    expect(people).toHaveLength(100);
    expect(people[99]).toMatchObject({ email: 'p99@shop.example', role: 'sender' });
    expect(qsa).toHaveBeenCalledTimes(1);
    expect(qs).not.toHaveBeenCalled();
  });
});

describe('gmail.capture', () => {
  it('reads the message id from the decimal data-message-id when the legacy hex id is missing', () => {
    const doc = page(
      `<div class="adn ads" data-message-id="#msg-f:1862317453241163041"><h3><span class="gD" email="a@b.example" name="A">A</span></h3></div>`,
    );
    const capture = gmail.capture(doc, new URL('https://mail.google.com/mail/u/0/#inbox'));
    expect(capture).toMatchObject({
      kind: 'thread',
      messages: [{ id: '19d847db53731d21', from: { email: 'a@b.example' } }],
    });
  });

  it('keys a message the account sent by its permanent msg-a id, with or without the legacy id', () => {
    const sent = (legacy: string) =>
      `<div class="adn ads" data-message-id="#msg-a:r-8474029812201839403"${legacy}><h3><span class="gD" email="a@b.example" name="A">A</span></h3></div>`;
    const url = new URL('https://mail.google.com/mail/u/0/#inbox');
    const justSent = gmail.capture(page(sent('')), url);
    const reloaded = gmail.capture(page(sent(' data-legacy-message-id="198c7a0b1c2d3e50"')), url);
    const ids = [justSent, reloaded].map((c) => (c?.kind === 'thread' ? c.messages[0]?.id : undefined));
    expect(ids).toEqual(['msg-a:r-8474029812201839403', 'msg-a:r-8474029812201839403']);
  });

  it('is null on a page without an open message', () => {
    const doc = page('<div role="main"><table><tr class="zA"></tr></table></div>');
    expect(gmail.capture(doc, new URL('https://mail.google.com/mail/u/0/#inbox'))).toBeNull();
  });

  it('truncates long bodies to a 200-character snippet', () => {
    const body = 'word '.repeat(100);
    const doc = page(
      `<div data-legacy-message-id="19d847db53731d21"><h3><span email="a@b.example">A</span></h3><div class="a3s">${body}</div></div>`,
    );
    const capture = gmail.capture(doc, new URL('https://mail.google.com/mail/u/0/#inbox'));
    const snippet = capture?.kind === 'thread' ? capture.messages[0]?.snippet : undefined;
    expect(snippet).toHaveLength(200);
    expect(snippet?.endsWith('…')).toBe(true);
  });

  it('matches only mail.google.com', () => {
    expect(gmail.match(new URL('https://mail.google.com/mail/u/0/'))).toBe(true);
    expect(gmail.match(new URL('https://google.com/mail'))).toBe(false);
  });
});

describe('gmail accountEmail', () => {
  it.each([
    ['2014-inbox', 'jordan.vale@gmail.com'],
    ['2019-inbox', 'anna.sokol@gmail.com'],
    ['2019-thread', 'anna.sokol@gmail.com'],
    ['2025-thread', 'priya.nair@gmail.com'],
    // A Workspace title names the organisation: the address Gmail calls "me" is the account.
    ['2025-thread-reply', 'priya.nair@harbour.example'],
  ])('%s names the signed-in account', async (name, email) => {
    const fx = loadFixture('gmail', name);
    try {
      expect(accountEmail(fx.doc)).toBe(email);
    } finally {
      await fx.close();
    }
  });

  it('takes the last address, so one in the subject is not mistaken for the account', () => {
    document.title = 'Re: intro to ana@shop.example - Me@Work.example - Acme Mail';
    expect(accountEmail(document)).toBe('me@work.example');
    document.title = 'Inbox - Gmail';
    expect(accountEmail(document)).toBeNull();
  });
});
