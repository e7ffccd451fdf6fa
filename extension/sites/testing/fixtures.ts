// Test-only: loads the frozen pages in test/fixtures/<site>/ into their own happy-dom windows, at the
// URL each page was saved from, so adapters see the same document.URL they would see live.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { clean } from '../dom.ts';
import type { Capture, Person, PersonRole } from '../types.ts';

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures');

export type ExpectedPerson = Omit<Person, 'anchor' | 'role'> & {
  role?: PersonRole;
  /** The element a badge sits beside: its tag and normalised text. */
  anchor: { tag: string; text: string };
};

export type Expected = {
  url: string;
  people: ExpectedPerson[];
  capture: Capture | null;
};

export type LoadedFixture = {
  site: string;
  name: string;
  /** Year of the markup, from the file name ("2019-inbox" -> 2019). */
  year: number;
  doc: Document;
  url: URL;
  expected: Expected;
  close: () => Promise<void>;
};

export function fixtureNames(site: string): string[] {
  return readdirSync(join(FIXTURES_DIR, site))
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .sort();
}

export function loadFixture(site: string, name: string): LoadedFixture {
  const expected = JSON.parse(
    readFileSync(join(FIXTURES_DIR, site, `${name}.expected.json`), 'utf8'),
  ) as Expected;
  const window = new Window({
    url: expected.url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableChildPageNavigation: true, disableChildFrameNavigation: true },
    },
  });
  window.document.write(readFileSync(join(FIXTURES_DIR, site, `${name}.html`), 'utf8'));
  return {
    site,
    name,
    year: Number(name.slice(0, 4)),
    doc: window.document as unknown as Document,
    url: new URL(expected.url),
    expected,
    close: () => window.happyDOM.close(),
  };
}

/** Person without its element, for comparing with .expected.json. */
export function plain(person: Person): ExpectedPerson {
  const { anchor, ...rest } = person;
  return {
    ...rest,
    anchor: { tag: anchor.tagName.toLowerCase(), text: clean(anchor.textContent) ?? '' },
  };
}
