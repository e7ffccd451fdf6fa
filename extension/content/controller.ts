// One page's Rapport: scan with the site adapter, keep badges beside the people found, and tie the parts
// together — the lookup cache (lookup-cache.ts: ONE background message per batch), auto-log
// (auto-log.ts), and the page commands and card (page-commands.ts, card.ts), which load on first use
// (card-loader.ts). It never branches on the site: site knowledge is in the adapter. Each visit (SPA
// navigation) gets its own AbortController; destroy() removes every node and listener. Paused capture
// still shows badges (reading is not capturing) but sends no capture, note or auto-log; a site the user
// turned off shows nothing.

import { identityKey, pageIdentity } from '@rapport/shared/identity/page-identity';
import { TEXT_LIMITS } from '@rapport/shared/limits';
import type { LocalSettings, UiLanguage } from '@rapport/shared/sync/local-settings';
import type { PageIdentity } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import { createPageT, type PageTranslate, resolveLanguage } from '../i18n/page.ts';
import type { SiteAdapter } from '../sites/types.ts';
import { isRapportHost } from '../ui/badge/host.ts';
import type { TicketSeed } from '../ui/card/TicketForm.tsx';
import { AutoLog } from './auto-log.ts';
import { BadgeLayer, type BadgeTarget, type Mount } from './badge-layer.ts';
import { type Batcher, type BatchOptions, createBatcher } from './batch.ts';
import type { PagePerson } from './capture.ts';
import type { CardController } from './card.ts';
import { LazyCard, type LoadCard, loadCardFromBackground } from './card-loader.ts';
import type { TabCommand, TabReply } from './commands.ts';
import { LookupCache } from './lookup-cache.ts';
import type { Send } from './messaging.ts';
import type { CommandDeps } from './page-commands.ts';

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

export { MAX_LOOKUP } from './lookup-cache.ts';

export type ControllerOptions = {
  adapter: SiteAdapter;
  doc: Document;
  send: Send;
  /** The page's address now (default: the document's location). */
  url?: () => URL;
  batch?: Partial<BatchOptions>;
  /** The browser's language when the settings name none. */
  browserLanguage?: string;
  /** Where the card comes from (default: card.js, run in this frame by the background). */
  loadCard?: LoadCard;
};

/** Attributes whose change means a different person in the same element (Gmail reuses its rows). */
const WATCHED_ATTRIBUTES = ['email', 'href', 'data-hovercard-id', 'name'];

export class PageController {
  readonly adapter: SiteAdapter;
  readonly card: LazyCard;
  private readonly doc: Document;
  private readonly send: Send;
  private readonly url: () => URL;
  private readonly life = new AbortController();
  private visitAbort = new AbortController();
  private readonly layer: BadgeLayer;
  private readonly log: AutoLog;
  private readonly batcher: Batcher;
  private observer: MutationObserver | null = null;
  private readonly cache: LookupCache;
  private settings: PageSettings = DEFAULT_SETTINGS;
  private t: PageTranslate;
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
    this.t = createPageT(this.lang);
    const signal = this.life.signal;
    this.cache = new LookupCache({
      send: this.send,
      answered: (keys) => this.layer.refresh(keys),
      schedule: () => this.batcher.schedule(),
      life: signal,
    });
    this.log = new AutoLog({
      send: this.send,
      doc: this.doc,
      adapter: this.adapter,
      url: this.url,
      own: () => this.own,
      paused: () => this.settings.paused,
      autoLog: () => this.settings.autoLog,
      siteOff: () => this.siteOff,
      timeZone: () => this.timeZone,
      badge: (email) => this.cache.get(identityKey({ email })),
      refresh: () => this.refresh(),
    });
    this.layer = new BadgeLayer({
      doc: this.doc,
      t: () => this.t,
      lang: () => this.lang,
      data: (key) => this.cache.get(key),
      onOpen: (mount, target) => this.openFromBadge(mount, target),
      signal,
    });
    this.card = new LazyCard(
      {
        doc: this.doc,
        send: this.send,
        lang: () => this.lang,
        timeZone: () => this.timeZone,
        site: this.adapter.id,
        paused: () => this.settings.paused,
        pageUrl: () => this.url().href,
        onCaptured: (person, contactId) => this.log.afterCapture(person, contactId),
        onChanged: () => this.refresh(),
        inConversation: (person) => this.log.isPartner(person),
        logConversation: (contactId) => this.log.logConversation(contactId),
        ticketSeed: (person) => this.ticketSeed(person),
      },
      options.loadCard ?? loadCardFromBackground(this.send, this.doc.defaultView as Window),
    );
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
    this.log.retryFailed();
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
    this.batcher.schedule();
  }

  /** Resolves when no scan is scheduled or running. */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.running;
      await current;
      await this.card.ready();
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
    else
      await this.card.withCard((commands, card) =>
        command.type === 'rapport.capturePage'
          ? commands.capturePage(this.commandDeps(card))
          : commands.menu(this.commandDeps(card), command.action, command.linkUrl, command.selectionText),
      );
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
    this.t = createPageT(this.lang);
  }

  private get own(): string | null {
    return this.adapter.me?.(this.doc) ?? null;
  }

  /** The user's time zone (Settings), else the browser's. */
  private get timeZone(): string {
    return this.settings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private get siteOff(): boolean {
    return this.settings.disabledSites.includes(this.adapter.id);
  }

  /** A new ticket's first entry: the person's newest message in the open Gmail thread, else the selected text. */
  private ticketSeed(person: PagePerson): TicketSeed {
    const thread = this.log.openThread();
    if (thread && person.email) {
      const theirs = thread.messages.filter((m) => m.from.email === person.email && m.snippet);
      const last = theirs[theirs.length - 1];
      if (last) return { title: thread.subject, text: last.snippet, from: 'thread' };
    }
    const selected = this.doc.getSelection()?.toString().trim() ?? '';
    if (selected)
      return {
        title: thread?.subject ?? null,
        text: truncateText(selected, TEXT_LIMITS.longText),
        from: 'selection',
      };
    return { title: thread?.subject ?? null, text: null, from: null };
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
      if (this.cache.wants(key)) need.set(key, identity);
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
    const thread = this.log.on ? this.log.openThread() : null;
    const counterparts = thread ? this.log.counterparts(thread, own) : [];
    for (const email of counterparts) {
      const identity = { email };
      want(identity, identityKey(identity));
    }
    await this.cache.lookup(need, signal);
    if (thread && !signal.aborted) await this.log.run(thread, counterparts, own, signal);
  }

  private openFromBadge(mount: Mount, target: HTMLElement): void {
    const near = target.getBoundingClientRect();
    const badge = this.cache.get(mount.key) ?? null;
    void this.track(
      this.card.withCard((commands, card) =>
        commands.openFromBadge(this.commandDeps(card), mount.person, badge, near, mount.theme),
      ),
    );
  }

  private commandDeps(card: CardController): CommandDeps {
    return {
      doc: this.doc,
      adapter: this.adapter,
      url: this.url,
      own: () => this.own,
      paused: () => this.settings.paused,
      lastContextTarget: this.lastContextTarget,
      lookupOne: (person) => this.cache.one(person),
      card,
    };
  }
}
