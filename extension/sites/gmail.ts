// Gmail: senders/recipients in the inbox list and in an open thread; capture of the open thread.
// Gmail's class names are minified and churn; the `email` attribute on people and the data-*-id
// attributes on threads/messages have been stable since at least 2014 (see test/fixtures/gmail/).

import { truncateText } from '@rapport/shared/text';
import { all, allOfFirst, attr, blockText, closestAny, first, People, textOf } from './dom.ts';
import { normaliseEmail } from './identity.ts';
import { parseShownDate } from './shown-date.ts';
import type { Capture, Mailbox, Person, SiteAdapter, ThreadMessage } from './types.ts';

export const SELECTORS = {
  // Everyone Gmail renders as a person carries the address in `email` (2014–2025); hovercard ids are
  // the back-up it added in 2018. Avatars carry them too, so only spans (names) count.
  person: ['span[email]', 'span[data-hovercard-id]'],
  // Visually hidden accessibility copy of a list row (2014–2019 rows): the visible copy gets the badge.
  hidden: ['.afn'],
  // The "to …" line of a message header (2025); `.g2` is the recipient chip class since 2014.
  recipient: ['.hb span[email]', 'span.g2'],
  subject: ['h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]', 'h2.hP'],
  // Expanded messages carry their ids; collapsed ones (2019 `.kv`) are only list items.
  message: ['[data-legacy-message-id]', '[data-message-id]', '.adn', '[role="listitem"]'],
  from: ['h3 span[email]', '.gF span[email]', 'span.gD'],
  date: ['.g3[title]', 'span[title][alt]'],
  snippet: ['.a3s', '.iA.g6'],
  // The title names the signed-in account, "Inbox (12) - jordan.vale@gmail.com - Gmail" (2014–2025);
  // Workspace accounts show the organisation's name instead of "Gmail".
  account: ['title'],
} as const;

const SNIPPET_MAX = 200;
const HEX_ID = /^[0-9a-f]{12,16}$/;

function mailbox(el: Element | null): Mailbox {
  if (!el) return { name: null, email: null };
  const email = normaliseEmail(el.getAttribute('email') ?? el.getAttribute('data-hovercard-id') ?? '');
  return { name: attr(el, 'name') ?? textOf(el), email };
}

/** Gmail message/thread ids: legacy hex as in URLs; "#msg-f:<decimal>" is the same number in decimal. */
function hexId(el: Element, legacyAttr: string, decimalAttr: string): string | null {
  const legacy = attr(el, legacyAttr)?.toLowerCase();
  if (legacy && HEX_ID.test(legacy)) return legacy;
  const decimal = /(\d{15,20})$/.exec(attr(el, decimalAttr) ?? '')?.[1];
  return decimal ? BigInt(decimal).toString(16) : null;
}

function message(container: Element): ThreadMessage {
  const ids = container.matches('[data-legacy-message-id],[data-message-id]')
    ? container
    : container.querySelector('[data-legacy-message-id],[data-message-id]');
  const to = new Map<string, Mailbox>();
  for (const el of all(container, SELECTORS.recipient)) {
    const box = mailbox(el);
    if (box.email && !to.has(box.email)) to.set(box.email, box);
  }
  const snippet = blockText(first(container, SELECTORS.snippet));
  return {
    id: ids ? hexId(ids, 'data-legacy-message-id', 'data-message-id') : null,
    from: mailbox(first(container, SELECTORS.from)),
    to: [...to.values()],
    date: parseShownDate(attr(first(container, SELECTORS.date), 'title')),
    snippet: snippet && snippet.length > SNIPPET_MAX ? `${truncateText(snippet, SNIPPET_MAX - 1)}…` : snippet,
  };
}

/** The signed-in user's address: the last " - "-separated part of the title that is an address. */
export function accountEmail(doc: Document): string | null {
  const parts = (textOf(first(doc, SELECTORS.account)) ?? '').split(' - ');
  for (let i = parts.length - 1; i >= 0; i--) {
    const email = normaliseEmail(parts[i] ?? '');
    if (email) return email;
  }
  return null;
}

export const gmail: SiteAdapter = {
  id: 'gmail',
  selectors: SELECTORS,
  match: (url) => url.hostname === 'mail.google.com',

  scan(root) {
    const people = new People();
    const recipient = SELECTORS.recipient.join(',');
    for (const el of all(root, SELECTORS.person)) {
      if (closestAny(el, SELECTORS.hidden)) continue;
      const { name, email } = mailbox(el);
      // Hovercard ids are sometimes Google account numbers, not addresses: no address, no person.
      if (!email) continue;
      const role: Person['role'] = el.matches(recipient) ? 'recipient' : 'sender';
      people.add({ name, email, linkedin: null, x: null, anchor: el, role });
    }
    return people.list;
  },

  capture(doc, url): Capture | null {
    const messages = allOfFirst(doc, SELECTORS.message)
      .map(message)
      .filter((m) => m.from.email !== null);
    if (messages.length === 0) return null;
    const subject = first(doc, SELECTORS.subject);
    const fromUrl = /([0-9a-f]{16})$/.exec(url.hash)?.[1] ?? null;
    return {
      kind: 'thread',
      subject: textOf(subject),
      threadId: (subject ? hexId(subject, 'data-legacy-thread-id', 'data-thread-perm-id') : null) ?? fromUrl,
      messages,
    };
  },
};
