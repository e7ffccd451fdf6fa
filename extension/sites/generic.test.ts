// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { generic } from './generic.ts';
import { fixtureSuite } from './testing/suite.ts';

const page = (body: string) => {
  document.body.innerHTML = body;
  return document;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('generic fixtures', () => fixtureSuite('generic', generic));

describe('generic.scan', () => {
  it('reads mailto, LinkedIn and X profile links, naming people only when the text is a name', () => {
    const doc = page(
      `<a href="mailto:Nina.Park@Shop.example,other@shop.example?subject=Hi">Nina Park</a>
       <a href="mailto:sales@shop.example">Email us</a>
       <a href="https://de.linkedin.com/in/Jos%C3%A9-Garc%C3%ADa/">José García-López</a>
       <a href="https://x.com/Eve_1">Twitter</a>`,
    );
    expect(generic.scan(doc).map((p) => [p.name, p.email, p.linkedin, p.x])).toEqual([
      ['Nina Park', 'nina.park@shop.example', null, null],
      [null, 'sales@shop.example', null, null],
      ['José García-López', null, 'josé-garcía', null],
      [null, null, null, 'eve_1'],
    ]);
  });

  it('ignores share links, empty mailtos, reserved X pages and posts', () => {
    const doc = page(
      `<a href="mailto:?subject=Read%20this">Share</a>
       <a href="https://twitter.com/share?url=x">Tweet</a>
       <a href="https://twitter.com/intent/tweet?text=x">Tweet</a>
       <a href="https://x.com/home">Home</a><a href="https://x.com/i/lists/1">Lists</a>
       <a href="https://x.com/eve_1/status/123">A post</a>
       <a href="https://www.linkedin.com/company/acme/">Acme</a>
       <a href="https://notlinkedin.com.evil.example/in/eve/">Eve</a>`,
    );
    expect(generic.scan(doc)).toEqual([]);
  });

  it('returns hostile names as plain text and creates no elements', () => {
    const doc = page(
      `<a href="mailto:eve@shop.example">"&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</a>`,
    );
    const [person] = generic.scan(doc);
    expect(person?.email).toBe('eve@shop.example');
    expect(person?.anchor.textContent).toBe('"><script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(person?.name).toBeNull();
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
  });

  it('never captures', () => {
    expect(generic.capture(document, new URL('https://example.com/'))).toBeNull();
  });
});
