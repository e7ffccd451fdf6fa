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
      `<a href="https://www.linkedin.com/in/eve-1/"><span aria-hidden="true">&lt;img src=x onerror=alert(1)&gt;</span></a>
       <a href="/in/mal-2/">"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>`,
    );
    expect(linkedin.scan(doc).map((p) => [p.name, p.linkedin])).toEqual([
      ['<img src=x onerror=alert(1)>', 'eve-1'],
      ['"><script>alert(1)</script>', 'mal-2'],
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
      company: null,
      location: null,
      profileUrl: 'https://www.linkedin.com/in/ana-lima/',
      handles: { linkedin: 'ana-lima', x: null },
    });
  });
});
