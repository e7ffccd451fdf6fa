// Any other page: people are recognised only by links that name them unambiguously — mailto: addresses,
// LinkedIn /in/ profiles and X profile links. No capture: a random page has no profile structure.
import { all, hrefUrl, People, textOf } from './dom.ts';
import { linkedinIdFromUrl, normaliseEmail, xProfileHandle } from './identity.ts';
import type { Person, SiteAdapter } from './types.ts';

export const SELECTORS = {
  email: ['a[href^="mailto:"]'],
  linkedin: ['a[href*="linkedin.com/in/"]'],
  // One field, two hosts of equal standing (twitter.com links remain common on older pages).
  x: ['a[href*="twitter.com/"], a[href*="x.com/"]'],
} as const;

// Link text is a name only when it looks like one ("Nina Park", "José García-López"), not "Email",
// "Follow us" or the address itself; otherwise the badge shows the identity alone.
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

function nameFromText(text: string | null): string | null {
  if (!text || text.length > 60) return null;
  const words = text.split(' ');
  return words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w)) ? text : null;
}

export const generic: SiteAdapter = {
  id: 'generic',
  selectors: SELECTORS,
  match: (url) => url.protocol === 'https:' || url.protocol === 'http:',

  scan(root) {
    const people = new People();
    const doc = 'URL' in root ? (root as Document) : ((root as Node).ownerDocument ?? null);
    const base = doc?.URL || 'https://example.invalid/';
    const add = (link: Element, identity: Pick<Person, 'email' | 'linkedin' | 'x'>) =>
      people.add({ name: nameFromText(textOf(link)), ...identity, anchor: link });

    for (const link of all(root, SELECTORS.email)) {
      // "mailto:a@x.com,b@y.com?subject=…": the first recipient is the person the link is about.
      const email = normaliseEmail((link.getAttribute('href') ?? '').split(',')[0] ?? '');
      if (email) add(link, { email, linkedin: null, x: null });
    }
    for (const link of all(root, SELECTORS.linkedin)) {
      const url = hrefUrl(link, base);
      const linkedin = url ? linkedinIdFromUrl(url.href) : null;
      if (linkedin) add(link, { email: null, linkedin, x: null });
    }
    for (const link of all(root, SELECTORS.x)) {
      const url = hrefUrl(link, base);
      const x = url ? xProfileHandle(url) : null;
      if (x) add(link, { email: null, linkedin: null, x });
    }
    return people.list;
  },

  capture: () => null,
};
