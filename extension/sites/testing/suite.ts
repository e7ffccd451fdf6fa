// Test-only: the fixture contract every adapter meets, registered once per site test file.
import { expect, it } from 'vitest';
import { clean } from '../dom.ts';
import { adapterFor } from '../registry.ts';
import type { SiteAdapter } from '../types.ts';
import { fixtureNames, loadFixture, plain } from './fixtures.ts';

// Where a badge must never go: copies of the page meant for screen readers only, or hidden rows.
const INVISIBLE_COPY = '.afn, .visually-hidden, .screen-reader-text, [hidden]';

export function fixtureSuite(site: string, adapter: SiteAdapter): void {
  for (const name of fixtureNames(site)) {
    it(`${site}/${name}: scan and capture match the expected records`, async () => {
      const fx = loadFixture(site, name);
      try {
        expect(adapterFor(fx.url)).toBe(adapter);
        const before = fx.doc.documentElement.outerHTML;
        const people = adapter.scan(fx.doc);
        expect(people.map(plain)).toEqual(fx.expected.people);
        expect(adapter.capture(fx.doc, fx.url)).toEqual(fx.expected.capture);
        // Pure: reading the page leaves it exactly as it was.
        expect(fx.doc.documentElement.outerHTML).toBe(before);
        for (const person of people) {
          expect(fx.doc.contains(person.anchor)).toBe(true);
          expect(person.anchor.closest(INVISIBLE_COPY)).toBeNull();
          // The badge sits beside the person's visible name (when the page names them at all), which may be
          // the short form of the full name the page shows elsewhere (Gmail's "Inc." for "Acme, Inc.").
          const shown = clean(person.anchor.textContent) ?? '';
          if (person.name && !person.name.includes(shown)) expect(shown).toContain(person.name.split(' ')[0]);
        }
      } finally {
        await fx.close();
      }
    });
  }
}
