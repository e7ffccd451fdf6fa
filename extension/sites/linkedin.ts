// LinkedIn: people behind /in/ links (profiles, posts, comments, "people also viewed"), conversation
// participants in messaging, and capture of the profile being viewed or of the open conversation. Profile URLs are the stable part;
// LinkedIn rewrites class names often (and obfuscates some since 2023), so they are only fallbacks.

import { truncateText } from '@rapport/shared/text';
import { all, allOfFirst, blockText, closestAny, first, firstText, People, textOf } from './dom.ts';
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
  name: [
    'h1.text-heading-xlarge', // 2021–2025 top card
    '#name', // TODO(2016 public profile): drop when no such pages are served
    '.artdeco-entity-lockup__title', // sticky header on /details/ pages (2024)
    '#recent-activity-top-card h3', // activity pages (2026)
  ],
  headline: [
    '.pv-text-details__left-panel .text-body-medium',
    '#topcard .headline', // TODO(2016 public profile)
    '.artdeco-entity-lockup__subtitle',
    '#recent-activity-top-card h4',
  ],
  location: ['.pv-text-details__left-panel .text-body-small.inline', '#topcard .locality'],
  company: [
    '[data-section="currentPositionsDetails"] .org', // TODO(2016 public profile)
    'button[aria-label^="Current company"]',
    '.pv-text-details__right-panel-item-text',
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
  for (const el of all(link, SELECTORS.linkName)) if (textOf(el)) return el;
  return textOf(link) ? link : null;
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
    messages.push({
      id,
      from,
      own: marked ? !matchesAny(node, SELECTORS.otherMessage) : from !== null && from !== partnerName,
      date: day && time ? parseShownDate(`${day}, ${time}`) : null,
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
    // On a profile page the person is named in a heading, not linked: that heading gets the badge.
    const heading = owner ? first(root, SELECTORS.name) : null;
    if (owner && heading && textOf(heading)) {
      people.add({
        name: textOf(heading),
        email: null,
        linkedin: owner,
        x: null,
        anchor: heading,
        role: 'profile',
      });
    }
    for (const link of all(root, SELECTORS.profileLink)) {
      const linkedinId = idOf(link);
      const anchor = linkedinId ? nameElement(link) : null;
      if (!linkedinId || !anchor) continue;
      // The owner's heading is often wrapped in its own profile link: one badge there is enough.
      if (heading && linkedinId === owner && (link.contains(heading) || heading.contains(link))) continue;
      const role: Person['role'] =
        linkedinId === owner ? 'profile' : closestAny(link, SELECTORS.author) ? 'author' : undefined;
      people.add({
        name: textOf(anchor),
        email: null,
        linkedin: linkedinId,
        x: null,
        anchor,
        ...(role ? { role } : {}),
      });
    }
    for (const el of allOfFirst(root, SELECTORS.participant)) {
      const name = textOf(el);
      if (name) people.add({ name, email: null, linkedin: null, x: null, anchor: el, role: 'participant' });
    }
    return people.list;
  },

  capture(doc, url): Capture | null {
    const threadId = messagingThreadId(url);
    if (threadId) return conversation(doc, threadId);
    const id = linkedinIdFromUrl(url.href);
    if (!id) return null;
    return {
      kind: 'profile',
      name: firstText(doc, SELECTORS.name) ?? nameFromTitle(doc.title),
      headline: firstText(doc, SELECTORS.headline),
      company: firstText(doc, SELECTORS.company),
      location: firstText(doc, SELECTORS.location),
      profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(id)}/`,
      handles: { linkedin: id, x: null },
    };
  },
};
