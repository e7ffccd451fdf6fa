// Gmail: senders/recipients in the inbox list and in an open thread; capture of the open thread.
// Gmail's class names are minified and churn; the `email` attribute on people and the data-*-id
// attributes on threads/messages have been stable since at least 2014 (see test/fixtures/gmail/).
import { displayName } from '@rapport/shared/identity/person-name';
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
  // Expanded messages carry their ids; collapsed ones (2019 `.kv`) are only list items. Both id attributes
  // in one selector: the user's just-sent reply has only `data-message-id` until the thread is reloaded.
  message: ['[data-legacy-message-id], [data-message-id]', '.adn', '[role="listitem"]'],
  from: ['h3 span[email]', '.gF span[email]', 'span.gD'],
  date: ['.g3[title]', 'span[title][alt]'],
  snippet: ['.a3s', '.iA.g6'],
  // The title names the signed-in account, "Inbox (12) - jordan.vale@gmail.com - Gmail" (2014–2025);
  // Workspace accounts show the organisation's name instead of "Gmail".
  account: ['title'],
  // Avatars name their person in full (`data-name`) where the "to" line shows Gmail's short name.
  fullName: ['[data-hovercard-id][data-name]'],
} as const;

/** How Gmail names the signed-in account in "to me", "me (3)" (its UI languages that this build reads). */
const ME = new Set(['me', 'moi', 'ich', 'yo', 'eu', 'io', 'mij', 'я', '我', '私', '나']);

/** Legal-form words that Gmail's short name keeps of a company ("Acme, Inc." -> "Inc."). */
const LEGAL_FORM = /^(?:inc|ltd|llc|llp|plc|gmbh|ag|co|corp|s\.?a|s\.?l|b\.?v|pty|limited)\.?$/i;

const SNIPPET_MAX = 200;
const HEX_ID = /^[0-9a-f]{12,16}$/;

/** Every full name the page shows per address: `name` attributes and avatars' `data-name`. */
type Names = Map<string, string[]>;

function namesOf(els: Element[]): Names {
  const names: Names = new Map();
  const add = (raw: string | null, name: string | null) => {
    const email = raw ? normaliseEmail(raw) : null;
    if (email && name && !ME.has(name.toLowerCase())) names.set(email, [...(names.get(email) ?? []), name]);
  };
  const avatar = SELECTORS.fullName.join(',');
  for (const el of els) {
    if (el.matches(avatar)) add(el.getAttribute('data-hovercard-id'), attr(el, 'data-name'));
    else add(el.getAttribute('email'), attr(el, 'name'));
  }
  return names;
}

/**
 * The name to keep for an address. Gmail shortens names in "to" lines and multi-sender rows ("Rahul" for
 * "Rahul Mehta", "Inc." for "Acme, Inc."): the longest name the page shows for the address that contains
 * the short one wins. A bare legal form with no fuller name is no name; "from."-like artefacts are cut.
 */
function fullName(shown: string | null, email: string, names: Names): string | null {
  const name = displayName(shown);
  if (!name || ME.has(name.toLowerCase())) return null;
  const words = (n: string) =>
    n
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
  const mine = words(name);
  const fuller = (names.get(email) ?? [])
    .map((n) => displayName(n))
    .filter((n): n is string => n !== null && n.length > name.length)
    .filter((n) => mine.every((w) => words(n).includes(w)))
    .sort((a, b) => b.length - a.length)[0];
  if (fuller) return fuller;
  return LEGAL_FORM.test(name) ? null : name;
}

function mailbox(el: Element | null, names: Names): Mailbox {
  if (!el) return { name: null, email: null };
  const email = normaliseEmail(el.getAttribute('email') ?? el.getAttribute('data-hovercard-id') ?? '');
  const shown = attr(el, 'name') ?? textOf(el);
  return { name: email ? fullName(shown, email, names) : displayName(shown), email };
}

/** The account owner as Gmail shows them: "me" in every UI language this adapter knows. */
const isMe = (el: Element) => ME.has((attr(el, 'name') ?? textOf(el) ?? '').toLowerCase());

/** Gmail thread ids: legacy hex as in URLs; "thread-f:<decimal>" is the same number in decimal. */
function hexId(el: Element, legacyAttr: string, decimalAttr: string): string | null {
  const legacy = attr(el, legacyAttr)?.toLowerCase();
  if (legacy && HEX_ID.test(legacy)) return legacy;
  const decimal = /(\d{15,20})$/.exec(attr(el, decimalAttr) ?? '')?.[1];
  return decimal ? BigInt(decimal).toString(16) : null;
}

/**
 * A message's key. Messages the account sent carry a permanent "#msg-a:r<n>" id from the moment they are
 * sent (their legacy hex id appears only after a reload), so they are keyed by it, before and after the
 * reload alike; everyone else's by the legacy hex id ("#msg-f:<decimal>" is the same number).
 */
function messageId(el: Element): string | null {
  const sent = /^#?(msg-a:r-?\d{1,20})$/.exec(attr(el, 'data-message-id') ?? '')?.[1];
  return sent ?? hexId(el, 'data-legacy-message-id', 'data-message-id');
}

function message(container: Element, names: Names): ThreadMessage {
  const ids = container.matches('[data-legacy-message-id],[data-message-id]')
    ? container
    : container.querySelector('[data-legacy-message-id],[data-message-id]');
  const to = new Map<string, Mailbox>();
  for (const el of all(container, SELECTORS.recipient)) {
    const box = mailbox(el, names);
    if (box.email && !to.has(box.email)) to.set(box.email, box);
  }
  const snippet = blockText(first(container, SELECTORS.snippet));
  return {
    id: ids ? messageId(ids) : null,
    from: mailbox(first(container, SELECTORS.from), names),
    to: [...to.values()],
    date: parseShownDate(attr(first(container, SELECTORS.date), 'title')),
    snippet: snippet && snippet.length > SNIPPET_MAX ? `${truncateText(snippet, SNIPPET_MAX - 1)}…` : snippet,
  };
}

/**
 * The signed-in user's address: the last " - "-separated part of the title that is an address, else
 * (Workspace titles name the organisation) the address Gmail calls "me".
 */
export function accountEmail(doc: Document): string | null {
  return titleAccount(textOf(first(doc, SELECTORS.account))) ?? meAccount(all(doc, SELECTORS.person));
}

function titleAccount(title: string | null): string | null {
  const parts = (title ?? '').split(' - ');
  for (let i = parts.length - 1; i >= 0; i--) {
    const email = normaliseEmail(parts[i] ?? '');
    if (email) return email;
  }
  return null;
}

function meAccount(people: Element[]): string | null {
  for (const el of people) {
    const email = isMe(el) ? normaliseEmail(el.getAttribute('email') ?? '') : null;
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
    const doc = 'URL' in root ? (root as Document) : ((root as Node).ownerDocument ?? null);
    // One query for the whole page (Gmail pages hold hundreds of rows): people and avatars together.
    const found = all(root, [...SELECTORS.person, ...SELECTORS.fullName]);
    const personSelector = SELECTORS.person.join(',');
    const els = found.filter((el) => el.matches(personSelector));
    const names = namesOf(found);
    const own = titleAccount(doc?.title ?? null) ?? meAccount(els);
    for (const el of els) {
      // The account owner is not a person to badge or save, whatever the view calls them.
      if (closestAny(el, SELECTORS.hidden) || isMe(el)) continue;
      const { name, email } = mailbox(el, names);
      // Hovercard ids are sometimes Google account numbers, not addresses: no address, no person.
      if (!email || email === own) continue;
      const role: Person['role'] = el.matches(recipient) ? 'recipient' : 'sender';
      people.add({ name, email, linkedin: null, x: null, anchor: el, role });
    }
    return people.list;
  },

  capture(doc, url): Capture | null {
    const names = namesOf(all(doc, [...SELECTORS.person, ...SELECTORS.fullName]));
    const containers = allOfFirst(doc, SELECTORS.message);
    // Ids sit on the container and, in some vintages, on an element inside it: the outermost is the message.
    const messages = containers
      .filter((el) => !containers.some((other) => other !== el && other.contains(el)))
      .map((el) => message(el, names))
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

  me: accountEmail,

  openThread(doc, url) {
    const capture = gmail.capture(doc, url);
    return capture?.kind === 'thread' ? capture : null;
  },
};
