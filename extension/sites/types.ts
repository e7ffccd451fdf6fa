// Records the per-site adapters return. Adapters are pure (Document/Element in, records out): content
// scripts decide what to do with them, so these types carry no browser, Dexie or network concern.

export type PersonRole = 'sender' | 'recipient' | 'author' | 'profile' | 'participant';

/** Someone recognised on a page. Identities are normalised (see sites/identity.ts); a miss is null, never ''. */
export type Person = {
  name: string | null;
  email: string | null;
  linkedin: string | null;
  /** The member id ("ACoAA…", case-exact) when the page shows it beside a public id in `linkedin`. */
  linkedinMember?: string | null;
  x: string | null;
  phone?: string | null;
  /** The element a badge is placed next to (never modified by the adapter). */
  anchor: Element;
  role?: PersonRole;
};

export type Handles = { linkedin: string | null; x: string | null };

export type ProfileCapture = {
  kind: 'profile';
  name: string | null;
  /** The member's own tagline ("Buying fresh food for 40 stores"). */
  headline: string | null;
  /** The job title of the current position, when the page shows one apart from the headline. */
  title?: string | null;
  company: string | null;
  location: string | null;
  profileUrl: string | null;
  email?: string | null;
  handles: Handles;
};

export type Mailbox = { name: string | null; email: string | null };

export type ThreadMessage = {
  /**
   * Gmail's message id as used in its URLs (hex, e.g. "198c7a0b1c2d3e4f"), or for a message the account
   * sent its permanent "msg-a:r…" id (the only one a just-sent reply has); null when the page shows none.
   */
  id: string | null;
  from: Mailbox;
  to: Mailbox[];
  /** Wall-clock time as the page shows it, "YYYY-MM-DDTHH:mm:00" with no offset (Gmail shows no zone). */
  date: string | null;
  snippet: string | null;
};

export type ThreadCapture = {
  kind: 'thread';
  subject: string | null;
  threadId: string | null;
  messages: ThreadMessage[];
};

/** One message of a LinkedIn conversation, as the open thread shows it. */
export type ConversationMessage = {
  /** LinkedIn's event URN (data-event-urn): stable across reloads, so it keys the interaction. */
  id: string;
  /** The sender's shown name; consecutive messages repeat the group's sender. */
  from: string | null;
  /** Sent by the signed-in user (LinkedIn marks everyone else's messages). */
  own: boolean;
  /** "YYYY-MM-DDTHH:mm:00" with no offset when the page shows a full date; null for "Today", "Monday" … */
  date: string | null;
  /** The day and time as shown when the day is relative ("Tuesday", "4:24 PM"): resolved against the clock. */
  shown?: { day: string; time: string | null };
  /** Text, whitespace collapsed, at most 300 characters. */
  snippet: string | null;
};

export type ConversationCapture = {
  kind: 'conversation';
  threadId: string | null;
  partner: { name: string | null; linkedin: string | null; profileUrl: string | null };
  messages: ConversationMessage[];
};

export type Capture = ProfileCapture | ThreadCapture | ConversationCapture;

/** Ordered fallbacks per field: URL/href patterns first, then aria/data-*, then class names, then structure. */
export type SelectorChains = Readonly<Record<string, readonly string[]>>;

export type SiteAdapter = {
  id: 'gmail' | 'linkedin' | 'x' | 'generic';
  /** Every selector the adapter uses, by field; the meta-test checks each one against the fixtures. */
  selectors: SelectorChains;
  match(url: URL): boolean;
  scan(root: ParentNode): Person[];
  capture(doc: Document, url: URL): Capture | null;
  /** The signed-in user's own address ("who am I"): never badged, and the other side of a thread is logged. */
  me?(doc: Document): string | null;
  /** The email thread open on the page (auto-log), if the site has threads. */
  openThread?(doc: Document, url: URL): ThreadCapture | null;
  /** The conversation open on the page ("Log last messages"), if the site has one. */
  openConversation?(doc: Document, url: URL): ConversationCapture | null;
};
