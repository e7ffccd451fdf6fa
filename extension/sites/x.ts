// X (Twitter): post authors in timelines and threads, the profile header, and capture of a profile.
// data-testid attributes (2019–2026) and profile hrefs are the stable parts; the 2016 server-rendered
// site is kept as the old fallback while cached pages and archives still show it.
import { all, attr, clean, first, People, textOf } from './dom.ts';
import { normaliseEmail, xHandleInText, xProfileHandle } from './identity.ts';
import type { Capture, Person, SiteAdapter } from './types.ts';

export const SELECTORS = {
  author: [
    '[data-testid="User-Name"]',
    'a.account-group', // TODO(2016 server-rendered twitter.com): drop when no longer seen
  ],
  profileHeader: ['[data-testid="UserName"]'],
  // Display name inside an author block: the first left-to-right run (2019–2026), `.fullname` (2016).
  name: ['[dir="ltr"]', '.fullname'],
  // 2016 posts carry the account on the post element itself.
  account: ['[data-screen-name]'],
  // "@handle" shown as text where the block has no profile link (quoted posts, 2025).
  handleText: ['span'],
  profileData: ['script[type="application/ld+json"]'],
  description: ['[data-testid="UserDescription"]'],
  location: ['[data-testid="UserLocation"]'],
} as const;

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

// Relative hrefs only occur on X's own pages, so they resolve against x.com whatever document.URL says.
const BASE = 'https://x.com/';

function handleOf(block: Element): string | null {
  const links = block.matches('a[href]') ? [block] : Array.from(block.querySelectorAll('a[href]'));
  for (const link of links) {
    try {
      const handle = xProfileHandle(new URL(link.getAttribute('href') ?? '', BASE));
      if (handle) return handle;
    } catch {
      // not a URL: try the next link
    }
  }
  const account = block.closest(SELECTORS.account.join(','));
  if (account) return xHandleInText(`@${account.getAttribute('data-screen-name') ?? ''}`);
  // Quoted posts and the profile header show "@handle" as plain text in its own run.
  for (const run of all(block, SELECTORS.handleText)) {
    const text = textOf(run);
    if (text?.startsWith('@')) return xHandleInText(text);
  }
  return null;
}

function nameOf(block: Element): string | null {
  for (const selector of SELECTORS.name) {
    const text = textOf(block.querySelector(selector));
    if (text && !text.startsWith('@')) return text;
  }
  return attr(block.closest('[data-name]'), 'data-name');
}

type LdPerson = {
  name?: unknown;
  description?: unknown;
  homeLocation?: { name?: unknown };
};

/** The profile's schema.org data block, when the page has one (2024+). */
function ldPerson(doc: Document): LdPerson | null {
  for (const script of all(doc, SELECTORS.profileData)) {
    try {
      const data = JSON.parse(script.textContent ?? '') as { mainEntity?: LdPerson };
      if (data.mainEntity && typeof data.mainEntity === 'object') return data.mainEntity;
    } catch {
      // a malformed block is skipped, never fatal
    }
  }
  return null;
}

const str = (v: unknown) => (typeof v === 'string' ? clean(v) : null);

export const x: SiteAdapter = {
  id: 'x',
  selectors: SELECTORS,
  match: (url) => /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/i.test(url.hostname),

  scan(root) {
    const people = new People();
    const add = (block: Element, role: Person['role']) => {
      const handle = handleOf(block);
      if (handle)
        people.add({ name: nameOf(block), email: null, linkedin: null, x: handle, anchor: block, role });
    };
    for (const block of all(root, SELECTORS.profileHeader)) add(block, 'profile');
    for (const block of all(root, SELECTORS.author)) add(block, 'author');
    return people.list;
  },

  capture(doc, url): Capture | null {
    const handle = xProfileHandle(url);
    if (!handle) return null;
    const header = first(doc, SELECTORS.profileHeader);
    const ld = ldPerson(doc);
    if (!header && !ld) return null;
    const description = textOf(first(doc, SELECTORS.description)) ?? str(ld?.description);
    return {
      kind: 'profile',
      name: (header ? nameOf(header) : null) ?? str(ld?.name),
      headline: description,
      company: null,
      location: textOf(first(doc, SELECTORS.location)) ?? str(ld?.homeLocation?.name),
      profileUrl: `https://x.com/${handle}`,
      email: normaliseEmail(EMAIL_IN_TEXT.exec(description ?? '')?.[0] ?? ''),
      handles: { linkedin: null, x: handle },
    };
  },
};
