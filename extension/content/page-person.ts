// Finding the person a command is about: a right-clicked mailto:/profile link, a selected name or address,
// the profile or open thread the page shows. Reads the page only.
import { generic } from '../sites/generic.ts';
import { linkedinIdFromUrl, normaliseEmail, xHandleInText, xProfileHandle } from '../sites/identity.ts';
import type { Capture, Person, SiteAdapter } from '../sites/types.ts';
import type { PagePerson, SiteId } from './capture.ts';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const LINKEDIN_URL = /https?:\/\/(?:[a-z]{2,3}\.)?linkedin\.com\/in\/[^\s/?#]+/i;
const MAX_NAME = 80;
const MAX_NAME_WORDS = 6;

const nobody = (): PagePerson => ({ name: null, email: null, linkedin: null, x: null });

/** The identity a link names: mailto: address, LinkedIn /in/ profile or X profile; null for other links. */
export function personFromUrl(raw: string): PagePerson | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') {
    const email = normaliseEmail(decodeURIComponent(url.pathname.split(',')[0] ?? ''));
    return email ? { ...nobody(), email } : null;
  }
  const linkedin = /(^|\.)linkedin\.com$/i.test(url.hostname) ? linkedinIdFromUrl(url.href) : null;
  if (linkedin) return { ...nobody(), linkedin };
  const x = xProfileHandle(url);
  return x ? { ...nobody(), x } : null;
}

const sameIdentity = (a: Pick<Person, 'email' | 'linkedin' | 'x'>, b: PagePerson) =>
  (b.email !== null && a.email === b.email) ||
  (b.linkedin !== null && a.linkedin === b.linkedin) ||
  (b.x !== null && a.x === b.x);

/** The link element for a context-menu click: the clicked element's link, else the first with that href. */
export function findLink(doc: Document, linkUrl: string, clicked: Element | null): HTMLAnchorElement | null {
  const fromClick = clicked?.closest('a[href]') as HTMLAnchorElement | null;
  if (fromClick?.href === linkUrl) return fromClick;
  for (const a of Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]')))
    if (a.href === linkUrl) return a;
  return null;
}

/** A right-clicked link's person, named by the site adapter (or the link text) when the page names them. */
export function personFromLink(
  doc: Document,
  linkUrl: string,
  adapter: SiteAdapter,
  clicked: Element | null,
): { person: PagePerson; link: Element | null } | null {
  const person = personFromUrl(linkUrl);
  if (!person) return null;
  const link = findLink(doc, linkUrl, clicked);
  const scope = link?.parentElement ?? link;
  if (scope) {
    const seen = [...adapter.scan(scope), ...generic.scan(scope)];
    const named = seen.find(
      (p) => p.name && (p.anchor === link || link?.contains(p.anchor)) && sameIdentity(p, person),
    );
    if (named) person.name = named.name;
  }
  return { person, link };
}

/** A selected "Sean Miller", "sean@shop.example", "Sean Miller <sean@shop.example>", "@sean" or profile URL. */
export function personFromText(raw: string): PagePerson | null {
  let text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const person = nobody();
  const email = EMAIL.exec(text)?.[0];
  if (email) {
    person.email = normaliseEmail(email);
    text = text.replace(email, ' ');
  }
  const profile = LINKEDIN_URL.exec(text)?.[0];
  if (profile) {
    person.linkedin = linkedinIdFromUrl(profile);
    text = text.replace(profile, ' ');
  }
  const handle = person.email ? null : xHandleInText(text);
  if (handle) {
    person.x = handle;
    text = text.replace(new RegExp(`@${handle}`, 'i'), ' ');
  }
  const name = text
    .replace(/[<>()[\]"'“”,;:|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (name && name.length <= MAX_NAME && name.split(' ').length <= MAX_NAME_WORDS && /\p{L}/u.test(name))
    person.name = name;
  return person.name || person.email || person.linkedin || person.x ? person : null;
}

/**
 * The person a captured page is about: the profile, a LinkedIn conversation's partner, or in a thread the
 * other side (the first sender who is not the signed-in user, else the first recipient).
 */
export function personFromCapture(
  capture: Capture | null,
  own: string | null,
  site: SiteId,
): PagePerson | null {
  if (!capture) return null;
  if (capture.kind === 'profile') {
    return {
      name: capture.name,
      email: capture.email ?? null,
      linkedin: capture.handles.linkedin,
      x: capture.handles.x,
      // Both: the current position's job title, and the member's own tagline ("Buying fresh food for 40
      // stores"). An X bio is neither.
      title: capture.title ?? null,
      headline: site === 'linkedin' ? capture.headline : null,
      company: capture.company,
      location: capture.location,
      profileUrl: capture.profileUrl,
    };
  }
  if (capture.kind === 'conversation') {
    const { name, linkedin, profileUrl } = capture.partner;
    return name || linkedin ? { ...nobody(), name, linkedin, profileUrl } : null;
  }
  for (const message of capture.messages) {
    if (message.from.email && message.from.email !== own) return { ...nobody(), ...message.from };
  }
  for (const message of capture.messages) {
    const other = message.to.find((m) => m.email && m.email !== own);
    if (other) return { ...nobody(), ...other };
  }
  return null;
}

/** Where the user's selection is on screen, or null. */
export function selectionRect(doc: Document): DOMRect | null {
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const rect = selection.getRangeAt(0).getBoundingClientRect();
  return rect.width > 0 || rect.height > 0 ? rect : null;
}
