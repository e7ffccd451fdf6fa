// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureSuite } from './testing/suite.ts';
import { x } from './x.ts';

const page = (body: string) => {
  document.body.innerHTML = body;
  return document;
};

const userName = (href: string, name: string) =>
  `<div data-testid="User-Name"><a href="${href}" role="link"><div dir="ltr"><span><span>${name}</span></span></div></a>` +
  `<a href="${href}" role="link" tabindex="-1"><div dir="ltr"><span>@handle</span></div></a></div>`;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('x fixtures', () => fixtureSuite('x', x));

describe('x.scan', () => {
  it('returns hostile names as plain text and creates no elements', () => {
    const doc = page(
      userName('/eve_1', '&lt;img src=x onerror=alert(1)&gt;') +
        userName('/mal_2', '"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'),
    );
    expect(x.scan(doc).map((p) => [p.name, p.x])).toEqual([
      ['<img src=x onerror=alert(1)>', 'eve_1'],
      ['"><script>alert(1)</script>', 'mal_2'],
    ]);
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
  });

  it.each([
    '/home',
    '/i/flow/login',
    '/search',
    '/explore',
    '/settings',
    '/messages',
    '/notifications',
    '/eve_1/status/1',
  ])('a block linking only to %s names nobody', (href) => {
    const doc = page(
      `<div data-testid="User-Name"><a href="${href}" role="link"><div dir="ltr"><span>Eve</span></div></a></div>`,
    );
    expect(x.scan(doc)).toEqual([]);
  });
});

describe('x.capture', () => {
  it('is null on timelines, posts and reserved pages', () => {
    const doc = page(
      '<div data-testid="UserName"><div dir="ltr"><span>Eve</span></div><span>@eve_1</span></div>',
    );
    for (const url of [
      'https://x.com/home',
      'https://x.com/eve_1/status/1',
      'https://x.com/explore',
      'https://x.com/i/bookmarks',
    ]) {
      expect(x.capture(doc, new URL(url))).toBeNull();
    }
  });

  it('uses the schema.org block when the header has not rendered', () => {
    const doc = page(
      `<script type="application/ld+json">{"mainEntity":{"@type":"Person","name":"Eve Stone","additionalName":"eve_1","description":"Buyer. eve@shop.example","homeLocation":{"name":"Porto"}}}</script>`,
    );
    expect(x.capture(doc, new URL('https://x.com/Eve_1'))).toEqual({
      kind: 'profile',
      name: 'Eve Stone',
      headline: 'Buyer. eve@shop.example',
      company: null,
      location: 'Porto',
      profileUrl: 'https://x.com/eve_1',
      email: 'eve@shop.example',
      handles: { linkedin: null, x: 'eve_1' },
    });
  });

  it('skips a malformed data block instead of failing', () => {
    const doc = page('<script type="application/ld+json">{not json</script>');
    expect(x.capture(doc, new URL('https://x.com/eve_1'))).toBeNull();
  });
});
