// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { linkedin } from './linkedin.ts';
import { fixtureSuite } from './testing/suite.ts';

const page = (body: string) => {
  document.body.innerHTML = body;
  return document;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('linkedin fixtures', () => fixtureSuite('linkedin', linkedin));

describe('linkedin.scan', () => {
  it('returns hostile names as plain text and creates no elements', () => {
    const doc = page(
      `<a href="https://www.linkedin.com/in/eve-1/"><span aria-hidden="true">&lt;img src=x onerror=alert()&gt;</span></a>
       <a href="/in/mal-2/">"&gt;&lt;script&gt;alert()&lt;/script&gt;</a>`,
    );
    expect(linkedin.scan(doc).map((p) => [p.name, p.linkedin])).toEqual([
      ['<img src=x onerror=alert()>', 'eve-1'],
      ['"><script>alert()</script>', 'mal-2'],
    ]);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
  });

  it('normalises ids (lower case, URL-decoded) and ignores company, feed and image-only links', () => {
    const doc = page(
      `<a href="https://www.linkedin.com/in/Jos%C3%A9-Garc%C3%ADa-12/?trk=x">José García</a>
       <a href="https://www.linkedin.com/company/acme/">Acme</a>
       <a href="/feed/update/urn:li:activity:1/">Post</a>
       <a href="/in/ana-lima/"><img alt="Ana Lima"></a>`,
    );
    expect(linkedin.scan(doc).map((p) => [p.name, p.linkedin])).toEqual([['José García', 'josé-garcía-12']]);
  });

  it('keeps one person per identity and anchor', () => {
    const doc = page(
      `<a href="/in/ana-lima/"><span aria-hidden="true">Ana Lima</span><span aria-hidden="true">Ana Lima</span></a>`,
    );
    expect(linkedin.scan(doc)).toHaveLength(1);
  });
});

describe('linkedin.capture', () => {
  it('is null away from /in/ pages', () => {
    const doc = page('<main><h1 class="text-heading-xlarge">Ana Lima</h1></main>');
    expect(linkedin.capture(doc, new URL('https://www.linkedin.com/feed/'))).toBeNull();
    expect(linkedin.capture(doc, new URL('https://www.linkedin.com/company/acme/'))).toBeNull();
  });

  it('falls back to the page title for the name, and misses are null, never empty strings', () => {
    document.title = '(3) Ana Lima | LinkedIn';
    const doc = page('<main></main>');
    expect(linkedin.capture(doc, new URL('https://www.linkedin.com/in/ana-lima/'))).toEqual({
      kind: 'profile',
      name: 'Ana Lima',
      headline: null,
      title: null,
      company: null,
      location: null,
      profileUrl: 'https://www.linkedin.com/in/ana-lima/',
      handles: { linkedin: 'ana-lima', x: null },
    });
  });
});

describe('linkedin.capture on a conversation', () => {
  const THREAD = new URL('https://www.linkedin.com/messaging/thread/2-YWJj/');
  const message = (urn: string | null, sender: string | null, body: string, other = false) =>
    `<div class="msg-s-event-listitem${other ? ' msg-s-event-listitem--other' : ''}"${urn ? ` data-event-urn="${urn}"` : ''}>
       ${sender ? `<span class="msg-s-message-group__name">${sender}</span>` : ''}
       <p class="msg-s-event-listitem__body">${body}</p>
     </div>`;

  it('is null when the thread shows neither a partner nor messages', () => {
    expect(linkedin.capture(page('<main></main>'), THREAD)).toBeNull();
    expect(
      linkedin.capture(page('<main></main>'), new URL('https://www.linkedin.com/messaging/')),
    ).toBeNull();
  });

  it('tells own messages by the partner’s name when no message is marked as someone else’s', () => {
    const doc = page(
      `<h2 class="msg-entity-lockup__entity-title">Ana Lima</h2>
       ${message('urn:1', 'Ana Lima', 'Hello')}${message('urn:2', 'Leo Brandt', 'Hi')}${message('urn:3', null, 'Again')}`,
    );
    const capture = linkedin.capture(doc, THREAD);
    expect(capture).toEqual({
      kind: 'conversation',
      threadId: '2-YWJj',
      partner: { name: 'Ana Lima', linkedin: null, profileUrl: null },
      messages: [
        { id: 'urn:1', from: 'Ana Lima', own: false, date: null, snippet: 'Hello' },
        { id: 'urn:2', from: 'Leo Brandt', own: true, date: null, snippet: 'Hi' },
        { id: 'urn:3', from: 'Leo Brandt', own: true, date: null, snippet: 'Again' },
      ],
    });
  });

  it('cuts snippets at 300 characters, keeps hostile text as text and skips messages without an id', () => {
    const long = `${'a'.repeat(299)} b c`;
    const doc = page(
      `${message('urn:1', 'Ana Lima', `  ${long}  `, true)}
       ${message(null, 'Ana Lima', 'no id', true)}
       ${message('urn:3', 'Ana Lima', '&lt;img src=x onerror=alert(1)&gt;', true)}`,
    );
    const capture = linkedin.capture(doc, THREAD);
    expect(capture?.kind === 'conversation' && capture.messages).toEqual([
      { id: 'urn:1', from: 'Ana Lima', own: false, date: null, snippet: `${'a'.repeat(299)}` },
      { id: 'urn:3', from: 'Ana Lima', own: false, date: null, snippet: '<img src=x onerror=alert(1)>' },
    ]);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });
});
