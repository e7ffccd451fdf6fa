// One page's Rapport: scan with the site adapter, look everyone up in ONE background message per batch,
// keep badges beside them, open the card, auto-log open Gmail threads, and answer the background's menu
// and shortcut commands. Each visit (SPA navigation) gets its own AbortController; destroy() removes every
// node and listener. Paused capture still shows badges (reading is not capturing) but sends no capture,
// note or auto-log; a site the user turned off shows nothing.

import type { LocalSettings, UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData, PageIdentity } from '@rapport/shared/sync/messages';
import { createT, resolveLanguage, type Translate } from '../i18n/index.ts';
import { accountEmail } from '../sites/gmail.ts';
import type { ConversationCapture, SiteAdapter, ThreadCapture } from '../sites/types.ts';
import { isRapportHost } from '../ui/badge/host.ts';
import type { TicketSeed } from '../ui/card/TicketForm.tsx';
import { BadgeLayer, type BadgeTarget, type Mount } from './badge-layer.ts';
import { type Batcher, type BatchOptions, createBatcher } from './batch.ts';
import type { PagePerson } from './capture.ts';
import { CardController } from './card.ts';
import type { TabCommand, TabReply } from './commands.ts';
import { identityKey, pageIdentity } from './identity.ts';
import type { Send } from './messaging.ts';
import { personFromCapture, personFromLink, personFromText, selectionRect } from './page-person.ts';
import { themeOf } from './theme.ts';
import { conversationEntries, ThreadLogger, threadEntries } from './thread-log.ts';

/** The settings a page needs (a copy of the defaults: importing shared's would pull zod into the page). */
export type PageSettings = Pick<
  LocalSettings,
  'paused' | 'autoLog' | 'disabledSites' | 'language' | 'timeZone'
>;
const DEFAULT_SETTINGS: PageSettings = {
  paused: false,
  autoLog: true,
  disabledSites: [],
  language: null,
  timeZone: null,
};

export const MAX_LOOKUP = 500;
const LOOKUP_RETRY_MS = 5000;

export type ControllerOptions = {
  adapter: SiteAdapter;
  doc: Document;
  send: Send;
  /** The page's address now (default: the document's location). */
  url?: () => URL;
  batch?: Partial<BatchOptions>;
  /** The browser's language when the settings name none. */
  browserLanguage?: string;
};

/** Attributes whose change means a different person in the same element (Gmail reuses its rows). */
const WATCHED_ATTRIBUTES = ['email', 'href', 'data-hovercard-id', 'name'];

export class PageController {
  readonly adapter: SiteAdapter;
  readonly card: CardController;
  private readonly doc: Document;
  private readonly send: Send;
  private readonly url: () => URL;
  private readonly life = new AbortController();
  private visitAbort = new AbortController();
  private readonly layer: BadgeLayer;
  private readonly logger: ThreadLogger;
  private readonly batcher: Batcher;
  private observer: MutationObserver | null = null;
  private readonly cache = new Map<string, BadgeData | null>();
  private readonly inflight = new Set<string>();
  /** After a failed lookup (background restarting, extension updated) the next waits a while. */
  private lookupRetryAt = 0;
  private settings: PageSettings = DEFAULT_SETTINGS;
  private t: Translate;
  private lang: UiLanguage;
  private readonly browserLanguage: string;
  private lastContextTarget: Element | null = null;
  /** The last scan or visit still running; settled() waits for it. */
  private running: Promise<void> = Promise.resolve();

  constructor(options: ControllerOptions) {
    this.adapter = options.adapter;
    this.doc = options.doc;
    this.send = options.send;
    this.url = options.url ?? (() => new URL(this.doc.location.href));
    this.browserLanguage = options.browserLanguage ?? this.doc.defaultView?.navigator.language ?? 'en';
    this.lang = resolveLanguage(null, [this.browserLanguage]);
    this.t = createT(this.lang);
    const signal = this.life.signal;
    this.logger = new ThreadLogger(this.send);
    this.layer = new BadgeLayer({
      doc: this.doc,
      t: () => this.t,
      lang: () => this.lang,
      data: (key) => this.cache.get(key),
      onOpen: (mount, target) => this.openFromBadge(mount, target),
      signal,
    });
    this.card = new CardController({
      doc: this.doc,
      send: this.send,
      t: () => this.t,
      lang: () => this.lang,
      timeZone: () => this.timeZone,
      site: this.adapter.id,
      paused: () => this.settings.paused,
      pageUrl: () => this.url().href,
      onCaptured: (person, contactId) => this.logThreadFor(person, contactId),
      onChanged: () => this.refresh(),
      inConversation: (person) => this.isPartner(person),
      logConversation: (contactId) => this.logConversation(contactId),
      ticketSeed: (person) => this.ticketSeed(person),
    });
    this.batcher = createBatcher(() => this.track(this.scan()), {
      delay: 120,
      maxWait: 600,
      ...options.batch,
    });
    this.doc.addEventListener(
      'contextmenu',
      (e) => {
        this.lastContextTarget = (e.composedPath()[0] as Element | undefined) ?? null;
      },
      { capture: true, passive: true, signal },
    );
    // Another tab or the side panel may have changed what badges show, or the settings (pause, a site
    // turned off): read both again when the user comes back.
    this.doc.addEventListener(
      'visibilitychange',
      () => {
        if (this.doc.visibilityState !== 'visible') return;
        void this.track(
          (async () => {
            await this.loadSettings(this.visitAbort.signal);
            this.refresh();
          })(),
        );
      },
      { signal },
    );
  }

  get destroyed(): boolean {
    return this.life.signal.aborted;
  }

  /** The badges on the page now (tests, e2e). */
  badges(): Mount[] {
    return [...this.layer.all()];
  }

  /** Starts watching the page: the first visit, then one batched rescan per burst of mutations. */
  start(): Promise<void> {
    const root = this.doc.body ?? this.doc.documentElement;
    this.observer = new (this.doc.defaultView as Window & typeof globalThis).MutationObserver((records) => {
      if (records.some((r) => this.relevant(r))) this.batcher.schedule();
    });
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
    return this.visit();
  }

  /** A new page in the same document (SPA navigation): fresh settings, lookups and auto-log retries. */
  visit(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.visitAbort.abort();
    this.visitAbort = new AbortController();
    const signal = this.visitAbort.signal;
    this.batcher.cancel();
    this.card.close();
    this.cache.clear();
    this.inflight.clear();
    this.logger.retryFailed();
    return this.track(
      (async () => {
        await this.loadSettings(signal);
        if (!signal.aborted) await this.scan();
      })(),
    );
  }

  /** Looks everyone up again (after a capture, link or note, or when the tab is shown again). */
  refresh(): void {
    if (this.destroyed) return;
    this.cache.clear();
    this.inflight.clear();
    this.batcher.schedule();
  }

  /** Resolves when no scan is scheduled or running. */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.running;
      await current;
      if (current === this.running && !this.batcher.pending) return;
      if (this.batcher.pending) await new Promise((r) => setTimeout(r, 20));
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.life.abort();
    this.visitAbort.abort();
    this.batcher.cancel();
    this.observer?.disconnect();
    this.observer = null;
    this.card.destroy();
    this.layer.clear();
  }

  /** Answers a command from the background (context menu, shortcut). */
  async handle(command: TabCommand): Promise<TabReply> {
    if (this.destroyed) return { ok: true, handled: false };
    if (command.type === 'rapport.ping') return { ok: true, handled: true };
    if (command.type === 'rapport.refresh') this.refresh();
    else if (command.type === 'rapport.capturePage') await this.capturePage();
    else await this.menu(command.action, command.linkUrl, command.selectionText);
    return { ok: true, handled: true };
  }

  private track(work: Promise<void>): Promise<void> {
    const done = work.catch((error: unknown) => {
      if (!this.destroyed) console.warn('Rapport:', error);
    });
    this.running = this.running.then(() => done);
    return done;
  }

  private relevant(record: MutationRecord): boolean {
    if (record.type === 'attributes') return !isRapportHost(record.target);
    const ours = (n: Node) => isRapportHost(n);
    return ![...record.addedNodes, ...record.removedNodes].every(ours);
  }

  private async loadSettings(signal: AbortSignal): Promise<void> {
    try {
      const { settings } = await this.send('settings.get', {});
      if (signal.aborted) return;
      this.settings = settings;
    } catch (error) {
      console.warn('Rapport: settings unavailable, using defaults', error);
    }
    this.lang = resolveLanguage(this.settings.language, [this.browserLanguage]);
    this.t = createT(this.lang);
  }

  private get own(): string | null {
    return this.adapter.id === 'gmail' ? accountEmail(this.doc) : null;
  }

  /** The user's time zone (Settings), else the browser's. */
  private get timeZone(): string {
    return this.settings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private get siteOff(): boolean {
    return this.settings.disabledSites.includes(this.adapter.id);
  }

  private openThread(): ThreadCapture | null {
    if (this.adapter.id !== 'gmail') return null;
    const capture = this.adapter.capture(this.doc, this.url());
    return capture?.kind === 'thread' ? capture : null;
  }

  private openConversation(): ConversationCapture | null {
    if (this.adapter.id !== 'linkedin') return null;
    const capture = this.adapter.capture(this.doc, this.url());
    return capture?.kind === 'conversation' ? capture : null;
  }

  /** The card's person is the one the open conversation is with (by profile id, else by shown name). */
  private isPartner(person: PagePerson): boolean {
    const partner = this.openConversation()?.partner;
    if (!partner) return false;
    if (partner.linkedin) return person.linkedin === partner.linkedin;
    return partner.name !== null && person.name === partner.name;
  }

  /** A new ticket's first entry: the person's newest message in the open Gmail thread, else the selected text. */
  private ticketSeed(person: PagePerson): TicketSeed {
    const thread = this.openThread();
    if (thread && person.email) {
      const theirs = thread.messages.filter((m) => m.from.email === person.email && m.snippet);
      const last = theirs[theirs.length - 1];
      if (last) return { title: thread.subject, text: last.snippet, from: 'thread' };
    }
    const selected = this.doc.getSelection()?.toString().trim() ?? '';
    if (selected)
      return { title: thread?.subject ?? null, text: selected.slice(0, 10_000), from: 'selection' };
    return { title: thread?.subject ?? null, text: null, from: null };
  }

  /** "Log last messages": the user asked, so auto-log being off does not matter (pause still stops it). */
  private async logConversation(contactId: string): Promise<number> {
    const conversation = this.settings.paused || this.siteOff ? null : this.openConversation();
    if (!conversation) return 0;
    const clock = { now: new Date(), timeZone: this.timeZone };
    return this.logger.log(contactId, conversationEntries(conversation, this.url().href, clock), true);
  }

  /** One scan: badges follow the page, then one lookup for every identity not known yet, then auto-log. */
  private async scan(): Promise<void> {
    if (this.destroyed) return;
    if (this.siteOff) {
      this.layer.clear();
      return;
    }
    const signal = this.visitAbort.signal;
    const own = this.own;
    const targets: BadgeTarget[] = [];
    const need = new Map<string, PageIdentity>();
    const want = (identity: PageIdentity, key: string) => {
      if (!this.cache.has(key) && !this.inflight.has(key)) need.set(key, identity);
    };
    for (const person of this.adapter.scan(this.doc)) {
      if (own && person.email === own) continue;
      const identity = pageIdentity(person);
      if (!identity) continue;
      const key = identityKey(identity);
      targets.push({ anchor: person.anchor, key, person });
      want(identity, key);
    }
    this.layer.sync(targets);
    // Auto-log matches by address only: a same-name match is good enough for a badge, not for a log.
    const thread = this.autoLogOn ? this.openThread() : null;
    const counterparts = thread ? this.counterparts(thread, own) : [];
    for (const email of counterparts) {
      const identity = { email };
      want(identity, identityKey(identity));
    }
    await this.lookup(need, signal);
    if (thread && !signal.aborted) await this.autoLog(thread, counterparts, own, signal);
  }

  private get autoLogOn(): boolean {
    return this.settings.autoLog && !this.settings.paused && !this.siteOff;
  }

  private counterparts(thread: ThreadCapture, own: string | null): string[] {
    const emails = new Set<string>();
    for (const m of thread.messages) {
      if (m.from.email && m.from.email !== own) emails.add(m.from.email);
      if (own && m.from.email === own)
        for (const to of m.to) if (to.email && to.email !== own) emails.add(to.email);
    }
    return [...emails];
  }

  /** One lookup.people per batch (split only past the message's 500-person limit). */
  private async lookup(need: Map<string, PageIdentity>, signal: AbortSignal): Promise<void> {
    if (need.size === 0 || Date.now() < this.lookupRetryAt) return;
    const entries = [...need];
    for (const [key] of entries) this.inflight.add(key);
    try {
      for (let i = 0; i < entries.length; i += MAX_LOOKUP) {
        const chunk = entries.slice(i, i + MAX_LOOKUP);
        const { results } = await this.send('lookup.people', {
          people: chunk.map(([, identity]) => identity),
        });
        if (signal.aborted || this.destroyed) return;
        if (!Array.isArray(results) || results.length !== chunk.length) {
          throw new Error(
            `lookup.people answered ${String(results?.length)} results for ${chunk.length} people`,
          );
        }
        const keys = new Set<string>();
        chunk.forEach(([key], j) => {
          this.cache.set(key, results[j] ?? null);
          keys.add(key);
        });
        this.layer.refresh(keys);
      }
    } catch (error) {
      // Pages that mutate constantly (Gmail) would otherwise ask a failing background many times a second.
      this.lookupRetryAt = Date.now() + LOOKUP_RETRY_MS;
      const retry = setTimeout(() => this.batcher.schedule(), LOOKUP_RETRY_MS);
      this.life.signal.addEventListener('abort', () => clearTimeout(retry), { once: true });
      throw error;
    } finally {
      if (!signal.aborted) for (const [key] of entries) this.inflight.delete(key);
    }
  }

  private async autoLog(
    thread: ThreadCapture,
    emails: string[],
    own: string | null,
    signal: AbortSignal,
  ): Promise<void> {
    let logged = 0;
    for (const email of emails) {
      const badge = this.cache.get(identityKey({ email }));
      if (!badge || signal.aborted) continue;
      try {
        logged += await this.logger.log(badge.contactId, threadEntries(thread, email, own, this.url().href));
      } catch (error) {
        console.warn('Rapport: auto-log failed', error);
      }
    }
    // Logged emails move follow-ups: the badges show it after one more lookup.
    if (logged > 0 && !signal.aborted) this.refresh();
  }

  /**
   * After a capture in Gmail, the open thread's messages with that person become its first interactions —
   * the user asked for this person, so it happens with auto-log off too (pause still stops it).
   */
  private async logThreadFor(person: PagePerson, contactId: string): Promise<void> {
    const thread = person.email && !this.settings.paused && !this.siteOff ? this.openThread() : null;
    if (!thread || !person.email) return;
    try {
      await this.logger.log(contactId, threadEntries(thread, person.email, this.own, this.url().href), true);
    } catch (error) {
      console.warn('Rapport: could not log the thread', error);
    }
  }

  private openFromBadge(mount: Mount, target: HTMLElement): void {
    const { person } = mount;
    let page: PagePerson = {
      name: person.name,
      email: person.email,
      linkedin: person.linkedin,
      linkedinMember: person.linkedinMember ?? null,
      x: person.x,
    };
    // The profile's own badge captures everything the profile shows (headline, company, location).
    if (person.role === 'profile') {
      const profile = personFromCapture(this.adapter.capture(this.doc, this.url()), null, this.adapter.id);
      if (profile) page = { ...profile, name: profile.name ?? page.name };
    }
    this.card.open({
      person: page,
      badge: this.cache.get(mount.key) ?? null,
      near: target.getBoundingClientRect(),
      theme: mount.theme,
    });
  }

  /** The badge data for one person found by a command (cached, else one lookup). */
  private async lookupOne(person: PagePerson): Promise<BadgeData | null> {
    const identity = pageIdentity(person);
    if (!identity) return null;
    const key = identityKey(identity);
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const { results } = await this.send('lookup.people', { people: [identity] });
    const found = results[0] ?? null;
    this.cache.set(key, found);
    return found;
  }

  private async openFor(
    person: PagePerson | null,
    near: DOMRect | null,
    themeFrom: Element | null,
    options: { autoCapture: boolean; focusNote: boolean },
  ): Promise<void> {
    const theme = themeFrom ? themeOf(themeFrom) : themeOf(this.doc.body ?? this.doc.documentElement);
    if (!person) {
      this.card.open({
        person: { name: null, email: null, linkedin: null, x: null },
        badge: null,
        near,
        theme,
        nobody: true,
      });
      return;
    }
    const badge = await this.lookupOne(person);
    this.card.open({ person, badge, near, theme, focusNote: options.focusNote });
    // A strong identity with a name is saved at once; anything less waits for the user to confirm.
    const strong = person.email || person.linkedin || person.x;
    if (!badge && options.autoCapture && person.name && strong && !this.settings.paused)
      await this.card.captureNow();
  }

  private async capturePage(): Promise<void> {
    const own = this.own;
    let person = personFromCapture(this.adapter.capture(this.doc, this.url()), own, this.adapter.id);
    let near: DOMRect | null = null;
    if (!person) {
      const selected = this.doc.getSelection()?.toString() ?? '';
      person = personFromText(selected);
      if (person) near = selectionRect(this.doc);
    }
    if (!person) {
      // The one person a page links to (an author page, a staff bio) is who it is about.
      const seen = this.adapter.scan(this.doc).filter((p) => !own || p.email !== own);
      const keys = new Set(seen.map((p) => JSON.stringify([p.email, p.linkedin, p.x])));
      const only = seen[0];
      if (keys.size === 1 && only) {
        person = { name: only.name, email: only.email, linkedin: only.linkedin, x: only.x };
        near = only.anchor.getBoundingClientRect();
      }
    }
    await this.openFor(person, near, null, { autoCapture: true, focusNote: false });
  }

  private async menu(action: 'save' | 'note', linkUrl?: string, selectionText?: string): Promise<void> {
    let person: PagePerson | null = null;
    let near: DOMRect | null = null;
    let from: Element | null = null;
    if (linkUrl) {
      const found = personFromLink(this.doc, linkUrl, this.adapter, this.lastContextTarget);
      if (found) {
        person = found.person;
        from = found.link;
        near = found.link?.getBoundingClientRect() ?? null;
      }
    }
    if (!person && selectionText) {
      person = personFromText(selectionText);
      near = selectionRect(this.doc);
    }
    await this.openFor(person, near, from, { autoCapture: action === 'save', focusNote: action === 'note' });
  }
}
