// LinkedIn: people behind /in/ links (profiles, posts, comments, "people also viewed"), conversation
// participants in messaging, and capture of the profile being viewed or of the open conversation. Profile URLs are the stable part;
// LinkedIn rewrites class names often (and obfuscates some since 2023), so they are only fallbacks.

import { isLinkedinMemberId } from '@rapport/shared/identity/normalize';
import { personName } from '@rapport/shared/identity/person-name';
import { truncateText } from '@rapport/shared/text';
import { all, allOfFirst, blockText, clean, closestAny, first, firstText, People, textOf } from './dom.ts';
import { linkedinIdFromUrl } from './identity.ts';
import { parseShownDate } from './shown-date.ts';
import type { Capture, ConversationCapture, ConversationMessage, Person, SiteAdapter } from './types.ts';

export const SELECTORS = {
  profileLink: ['a[href*="/in/"]'],
  // Since ~2021 names are doubled for screen readers; the aria-hidden copy is the visible one.
  linkName: ['span[aria-hidden="true"]'],
  // Messaging cards name people without linking them (2026).
  participant: ['.msg-conversation-listitem__participant-names', '.msg-conversation-card__participant-names'],
  // Where a link is the author of a post or comment.
  author: ['.update-components-actor__meta', '.comment__actor-name', '.main-author-card'],
  // One badge per person per region: a feed item, a message, a search result. Outside them the page
  // (a profile's top card and sections) is one region, so links back to the profile add no badges.
  region: ['[data-urn]', '.msg-s-event-listitem', '.entity-result', '.reusable-search__result-container'],
  // Copies of the profile heading that scroll with the page; the top card's heading gets the badge.
  sticky: ['.pv-profile-sticky-header-v2__container', '.scaffold-layout-toolbar'],
  // Links to the signed-in user: the feed's identity card and the "Me" menu (2024–2026).
  me: ['.feed-identity-module a[href*="/in/"]', '.global-nav__me a[href*="/in/"]'],
  name: [
    'h1.text-heading-xlarge', // 2021–2024 top card
    'main section h1', // 2025 top card (utility classes obfuscated)
    '#name', // TODO(2013–2016 profiles): drop when no such pages are served
    '.artdeco-entity-lockup__title', // sticky header: the only heading on /details/ pages (2024)
    '#recent-activity-top-card h3', // activity pages (2026)
  ],
  headline: [
    '.pv-text-details__left-panel .text-body-medium',
    'main section .text-body-medium.break-words', // 2024–2025 top card
    '#topcard .headline', // TODO(2016 public profile)
    '#headline .title', // TODO(2013 profile)
    '.artdeco-entity-lockup__subtitle',
    '#recent-activity-top-card h4',
  ],
  location: [
    '.pv-text-details__left-panel .text-body-small.inline',
    'main section span.text-body-small.inline.t-black--light', // 2024–2025 top card
    '#topcard .locality', // TODO(2016 public profile)
    '#location .locality', // TODO(2013 profile)
  ],
  company: [
    '[data-section="currentPositionsDetails"] .org', // TODO(2016 public profile)
    '#overview-summary-current li', // TODO(2013–2016 logged-in profile)
    'button[aria-label^="Current company"]',
    '.pv-text-details__right-panel-item-text',
  ],
  // The job title of the first (current) experience; the headline is the member's own tagline.
  title: [
    '#experience ~ .pvs-list__outer-container .t-bold span[aria-hidden="true"]', // 2023–2025
    '#background-experience .current-position h4', // TODO(2013 profile)
  ],
  // Open conversation (/messaging/thread/<id>/), 2024–2026 markup.
  partnerLink: ['a.msg-thread__link-to-profile', '.msg-title-bar a[href*="/in/"]'],
  partnerName: ['.msg-entity-lockup__entity-title', '.msg-title-bar__title-bar-title'],
  // One element per message; the URN is the only stable message id the page shows.
  message: ['.msg-s-event-listitem[data-event-urn]', '[data-event-urn]'],
  // Messages of everyone but the signed-in user carry this modifier.
  otherMessage: ['.msg-s-event-listitem--other'],
  // Only the first message of a run from one sender names it and shows the time; the rest inherit them.
  sender: ['.msg-s-message-group__name', '.msg-s-message-group__profile-link'],
  messageTime: ['time.msg-s-message-group__timestamp'],
  // "Nov 20, 2026", "Today", "Monday": a heading before the first message of each day.
  dayHeading: ['time.msg-s-message-list__time-heading'],
  messageBody: ['.msg-s-event-listitem__body', '.msg-s-event__content'],
} as const;

const SNIPPET_MAX = 300;

const BASE = 'https://www.linkedin.com/';

/**
 * The member id a profile link carries beside its public id ("/in/ana-lima?miniProfileUrn=urn:li:
 * fs_miniProfile:ACoAA…"); member ids are case-exact. Null when the link shows none or only one id.
 */
function memberIdOf(link: Element): string | null {
  try {
    const urn = new URL(link.getAttribute('href') ?? '', BASE).searchParams.get('miniProfileUrn') ?? '';
    const id = /(?:fs_miniProfile|fsd_profile):([A-Za-z0-9_-]+)/.exec(urn)?.[1];
    return id && isLinkedinMemberId(id) ? id : null;
  } catch {
    return null;
  }
}

function idOf(link: Element): string | null {
  const href = link.getAttribute('href');
  if (!href) return null;
  try {
    return linkedinIdFromUrl(new URL(href, BASE).href);
  } catch {
    return null;
  }
}

/** Visible name element of a profile link, or null for image-only links (the name link gets the badge). */
function nameElement(link: Element): Element | null {
  for (const el of all(link, SELECTORS.linkName)) if (personName(textOf(el))) return el;
  return personName(textOf(link)) ? link : null;
}

function pageProfileId(doc: Document | null): string | null {
  return doc?.URL ? linkedinIdFromUrl(doc.URL) : null;
}

/** "(19) Expérience | Daniel Okoye | LinkedIn" -> "Daniel Okoye": the title names the profile in every vintage. */
function nameFromTitle(title: string): string | null {
  // "(3) " is the unread-notification count LinkedIn prefixes to every title.
  const parts = title
    .replace(/^\(\d+\+?\)\s*/, '')
    .split('|')
    .map((p) => p.trim());
  return parts.length >= 2 && /linkedin|领英/i.test(parts[parts.length - 1] ?? '')
    ? (parts[parts.length - 2] ?? null) || null
    : null;
}

/** "Current company: Acme Foods. Click to skip to experience card" -> "Acme Foods" (2022–2025 top card). */
function currentCompany(doc: Document): string | null {
  for (const selector of SELECTORS.company) {
    const el = doc.querySelector(selector);
    const label = el?.getAttribute('aria-label');
    const fromLabel = label
      ? /^Current company:\s*(.+?)\.?\s*(?:Click to skip.*)?$/i.exec(label.trim())?.[1]
      : null;
    const company = clean(fromLabel) ?? textOf(el);
    if (company) return company;
  }
  return null;
}

/** "/messaging/thread/2-ZXg=/" -> "2-ZXg="; null on every other page. */
export function messagingThreadId(url: URL): string | null {
  const match = /^\/messaging\/thread\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

const matchesAny = (el: Element, chain: readonly string[]) => chain.some((s) => el.matches(s));

/**
 * Profile ids of the signed-in user: the feed's identity card, the "Me" menu, and in an open conversation
 * the sender of the messages LinkedIn does not mark as someone else's. Nobody gets a badge of themselves.
 */
function signedInIds(root: ParentNode): Set<string> {
  const ids = new Set<string>();
  for (const link of all(root, SELECTORS.me)) {
    const id = idOf(link);
    if (id) ids.add(id);
  }
  if (first(root, SELECTORS.otherMessage)) {
    for (const message of allOfFirst(root, SELECTORS.message)) {
      if (matchesAny(message, SELECTORS.otherMessage)) continue;
      for (const link of all(message, SELECTORS.profileLink)) {
        const id = idOf(link);
        if (id) ids.add(id);
      }
    }
  }
  return ids;
}
const before = (a: Element, b: Element) => (a.compareDocumentPosition(b) & 4) !== 0;

function conversation(doc: Document, threadId: string): ConversationCapture | null {
  const link = first(doc, SELECTORS.partnerLink);
  const linkedinId = link ? idOf(link) : null;
  const partnerName = firstText(doc, SELECTORS.partnerName) ?? textOf(link);
  const nodes = allOfFirst(doc, SELECTORS.message);
  if (!partnerName && !linkedinId && nodes.length === 0) return null;
  // Without LinkedIn's marker, the partner's name tells the two sides apart.
  const marked = first(doc, SELECTORS.otherMessage) !== null;
  const headings = all(doc, SELECTORS.dayHeading);
  let h = 0;
  let day: string | null = null;
  let from: string | null = null;
  let time: string | null = null;
  const messages: ConversationMessage[] = [];
  for (const node of nodes) {
    while (headings[h] && before(headings[h] as Element, node)) day = textOf(headings[h++]);
    const sender = first(node, SELECTORS.sender);
    if (sender) {
      from = textOf(sender);
      time = firstText(node, SELECTORS.messageTime);
    }
    const id = node.getAttribute('data-event-urn')?.trim();
    if (!id) continue;
    const snippet = blockText(first(node, SELECTORS.messageBody));
    const date = day && time ? parseShownDate(`${day}, ${time}`) : null;
    messages.push({
      id,
      from,
      own: marked ? !matchesAny(node, SELECTORS.otherMessage) : from !== null && from !== partnerName,
      date,
      // A pure adapter has no clock: "Tuesday" is resolved when the messages are logged.
      ...(date === null && day ? { shown: { day, time } } : {}),
      snippet: snippet ? truncateText(snippet, SNIPPET_MAX).trim() : null,
    });
  }
  return {
    kind: 'conversation',
    threadId,
    partner: {
      name: partnerName,
      linkedin: linkedinId,
      profileUrl: linkedinId ? `https://www.linkedin.com/in/${encodeURIComponent(linkedinId)}/` : null,
    },
    messages,
  };
}

export const linkedin: SiteAdapter = {
  id: 'linkedin',
  selectors: SELECTORS,
  match: (url) => url.hostname === 'linkedin.com' || url.hostname.endsWith('.linkedin.com'),

  scan(root) {
    const people = new People();
    const doc = 'URL' in root ? (root as Document) : ((root as Node).ownerDocument ?? null);
    const owner = pageProfileId(doc);
    const me = signedInIds(root);
    const regionOf = (el: Element): Element | null => closestAny(el, SELECTORS.region);
    // region -> person ids already badged there (null: the page outside every region).
    const seen = new Map<Element | null, Set<string>>();
    const claim = (region: Element | null, id: string): boolean => {
      const ids = seen.get(region) ?? new Set<string>();
      seen.set(region, ids);
      if (ids.has(id)) return false;
      ids.add(id);
      return true;
    };
    // On a profile page the person is named in a heading, not linked: that heading gets the badge.
    const heading = owner ? first(root, SELECTORS.name) : null;
    const headingName = personName(textOf(heading));
    if (owner && heading && headingName && !me.has(owner) && claim(regionOf(heading), owner)) {
      people.add({
        name: headingName,
        email: null,
        linkedin: owner,
        x: null,
        anchor: heading,
        role: 'profile',
      });
    }
    const stickyHeader = SELECTORS.sticky.join(',');
    // Candidates in page order; per (region, person) the name link wins over an avatar link with a caption.
    const candidates: { link: Element; id: string; anchor: Element; region: Element | null }[] = [];
    for (const link of all(root, SELECTORS.profileLink)) {
      const linkedinId = idOf(link);
      const anchor = linkedinId ? nameElement(link) : null;
      if (!linkedinId || !anchor || me.has(linkedinId) || link.closest(stickyHeader)) continue;
      candidates.push({ link, id: linkedinId, anchor, region: regionOf(link) });
    }
    const avatar = (link: Element) => link.querySelector('img') !== null;
    const groups = new Map<Element | null, Map<string, typeof candidates>>();
    for (const c of candidates) {
      const byId = groups.get(c.region) ?? new Map<string, typeof candidates>();
      groups.set(c.region, byId);
      byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
    }
    for (const c of candidates) {
      const same = groups.get(c.region)?.get(c.id) ?? [c];
      const better = same.find((o) => avatar(c.link) && !avatar(o.link));
      if (better || !claim(c.region, c.id)) continue;
      // Any of the person's links in the region may carry the member id.
      const member = same.map((o) => memberIdOf(o.link)).find((m) => m !== null && m !== c.id);
      const role: Person['role'] =
        c.id === owner ? 'profile' : closestAny(c.link, SELECTORS.author) ? 'author' : undefined;
      people.add({
        name: personName(textOf(c.anchor)),
        email: null,
        linkedin: c.id,
        ...(member ? { linkedinMember: member } : {}),
        x: null,
        anchor: c.anchor,
        ...(role ? { role } : {}),
      });
    }
    for (const el of allOfFirst(root, SELECTORS.participant)) {
      const name = personName(textOf(el));
      if (name) people.add({ name, email: null, linkedin: null, x: null, anchor: el, role: 'participant' });
    }
    return people.list;
  },

  capture(doc, url): Capture | null {
    const threadId = messagingThreadId(url);
    if (threadId) return conversation(doc, threadId);
    const id = linkedinIdFromUrl(url.href);
    if (!id) return null;
    const name = personName(firstText(doc, SELECTORS.name)) ?? personName(nameFromTitle(doc.title));
    return {
      kind: 'profile',
      name,
      headline: firstText(doc, SELECTORS.headline),
      title: firstText(doc, SELECTORS.title),
      company: currentCompany(doc),
      location: firstText(doc, SELECTORS.location),
      profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(id)}/`,
      handles: { linkedin: id, x: null },
    };
  },

  openConversation(doc, url) {
    const threadId = messagingThreadId(url);
    return threadId ? conversation(doc, threadId) : null;
  },
};
