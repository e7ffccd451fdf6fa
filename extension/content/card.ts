import { TEXT_LIMITS } from '@rapport/shared/limits';
// The one card on a page: opens beside a badge (or at the top right for the shortcut), loads the contact,
// and runs the card's actions through the background. The controller owns the page; this owns the card.
import type { UiLanguage } from '@rapport/shared/sync/local-settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import { h, render } from 'preact';
import { createT, type Translate } from '../i18n/index.ts';
import { createShadowHost, type ShadowHost } from '../ui/badge/host.ts';
import { Card, type CardActions, type CardState, type ContactDetail } from '../ui/card/Card.tsx';
import { SALES_CARD_CSS } from '../ui/card/OpportunityForm.tsx';
import { CARD_CSS } from '../ui/card/styles.ts';
import type { TicketSeed } from '../ui/card/TicketForm.tsx';
import { errorText } from '../ui/errors.ts';
import { capturedPerson, channelFor, type PagePerson, type SiteId } from './capture.ts';
import { errorCode, type Send } from './messaging.ts';
import type { Theme } from './theme.ts';

export type OpenCard = {
  person: PagePerson;
  /** null: not in Rapport yet. */
  badge: BadgeData | null;
  /** The badge or text the card belongs to; null places it at the top right. */
  near: DOMRect | null;
  theme: Theme;
  nobody?: boolean;
  /** Put the cursor in the note box (the "Log note about …" menu). */
  focusNote?: boolean;
  /** Open on a new ticket with this first entry ("Log complaint from selection"). */
  complaint?: string;
};

export type CardDeps = {
  doc: Document;
  send: Send;
  t: () => Translate;
  lang: () => UiLanguage;
  /** The user's time zone (settings, else the browser's). */
  timeZone: () => string;
  site: SiteId;
  paused(): boolean;
  pageUrl(): string;
  /** After a capture from this page (Gmail logs the open thread with the new contact). */
  onCaptured(person: PagePerson, contactId: string): Promise<void>;
  /** Something changed that badges show: the controller looks people up again. */
  onChanged(): void;
  /** Whether the person is the partner of the conversation open on the page (LinkedIn messaging). */
  inConversation(person: PagePerson): boolean;
  /** Logs the open conversation's last messages with the contact; how many were new. */
  logConversation(contactId: string): Promise<number>;
  /** A new ticket's subject and first entry from the page: the person's message in the open email, or the selection. */
  ticketSeed?(person: PagePerson): TicketSeed;
};

/** A card whose strings come from the whole catalogue (card.js carries it; the page scripts do not). */
export function createCard(deps: Omit<CardDeps, 't'>): CardController {
  let lang: UiLanguage | null = null;
  let t: Translate | null = null;
  const translate = () => {
    if (!t || lang !== deps.lang()) {
      lang = deps.lang();
      t = createT(lang);
    }
    return t;
  };
  return new CardController({ ...deps, t: translate });
}

const WIDTH = 336;
const GAP = 6;
const MARGIN = 8;
const ESTIMATED_HEIGHT = 360;

function place(near: DOMRect | null, win: Window, height: number): CardState['position'] {
  const vw = win.innerWidth || 1024;
  const vh = win.innerHeight || 768;
  const clampLeft = (x: number) => Math.max(MARGIN, Math.min(x, vw - WIDTH - MARGIN));
  if (!near) return { top: 16, left: clampLeft(vw - WIDTH - 16) };
  const below = near.bottom + GAP;
  const above = near.top - GAP - height;
  const top =
    below + height <= vh - MARGIN ? below : above >= MARGIN ? above : Math.max(MARGIN, vh - height - MARGIN);
  return { top: Math.round(top), left: Math.round(clampLeft(near.left)) };
}

export class CardController {
  private ui: (ShadowHost & { stop: AbortController }) | null = null;
  private state: CardState | null = null;
  private near: DOMRect | null = null;
  /** Bumped per open card, so answers for a card the user already closed are dropped. */
  private generation = 0;

  constructor(private readonly deps: CardDeps) {}

  get isOpen(): boolean {
    return this.ui !== null;
  }

  /** The card's shadow root while open (tests, e2e). */
  get root(): ShadowRoot | null {
    return this.ui?.root ?? null;
  }

  open(request: OpenCard): void {
    this.close();
    const { doc } = this.deps;
    const win = doc.defaultView as Window;
    const ui = createShadowHost(doc, 'rapport-card', CARD_CSS + SALES_CARD_CSS, {
      all: 'initial',
      display: 'block',
    });
    const stop = new AbortController();
    (doc.body ?? doc.documentElement).append(ui.host);
    // A press anywhere outside the card closes it (composedPath sees through our closed shadow root).
    doc.addEventListener(
      'pointerdown',
      (e) => {
        if (!e.composedPath().includes(ui.host)) this.close();
      },
      { capture: true, signal: stop.signal },
    );
    this.ui = { ...ui, stop };
    this.near = request.near;
    const generation = ++this.generation;
    this.state = {
      person: request.person,
      badge: request.badge,
      detail: null,
      loading: request.badge !== null,
      busy: false,
      notice: null,
      error: null,
      paused: this.deps.paused(),
      nobody: request.nobody ?? false,
      conversation: this.deps.inConversation(request.person),
      focusNote: request.focusNote ?? false,
      // Someone not saved yet: the complaint waits for the save-contact step, then opens the ticket form.
      complaint: request.badge ? null : (request.complaint ?? null),
      theme: request.theme,
      position: place(request.near, win, ESTIMATED_HEIGHT),
    };
    this.render();
    this.fit();
    if (request.badge) {
      const loaded = this.load(request.badge.contactId, generation);
      const text = request.complaint;
      if (text) void loaded.then(() => this.openComplaint(text, generation));
    }
  }

  /** The new-ticket form with the selected text as its first entry ("Log complaint from selection"). */
  private async openComplaint(text: string, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    await this.actions.openTicketForm?.({
      title: truncateText(text.trim().split('\n')[0]?.trim() ?? '', 80) || null,
      text: truncateText(text.trim(), TEXT_LIMITS.longText),
      from: 'selection',
    });
  }

  /** Saves the open card's unknown person as shown (the shortcut and "Save as contact"). */
  async captureNow(): Promise<boolean> {
    const name = this.state?.person.name;
    if (!this.state || this.state.badge || !name) return false;
    return this.actions.capture(name, '');
  }

  close(): void {
    if (!this.ui) return;
    this.generation++;
    render(null, this.ui.root);
    this.ui.stop.abort();
    this.ui.host.remove();
    this.ui = null;
    this.state = null;
  }

  destroy(): void {
    this.close();
  }

  private update(changes: Partial<CardState>, generation = this.generation): void {
    if (!this.state || generation !== this.generation) return;
    this.state = { ...this.state, ...changes };
    this.render();
  }

  private render(): void {
    if (!this.ui || !this.state) return;
    render(
      h(Card, {
        state: this.state,
        actions: this.actions,
        t: this.deps.t(),
        lang: this.deps.lang(),
        timeZone: this.deps.timeZone(),
      }),
      this.ui.root,
    );
  }

  /** Moves the card so all of it is on screen, now that its real height is known. */
  private fit(): void {
    const card = this.ui?.root.querySelector<HTMLElement>('.card');
    const height = card?.getBoundingClientRect().height ?? 0;
    if (!this.state || height <= 0) return;
    const position = place(this.near, this.deps.doc.defaultView as Window, height);
    if (position.top !== this.state.position.top || position.left !== this.state.position.left)
      this.update({ position });
  }

  private failure(error: unknown): string {
    if (errorCode(error) === 'paused') return this.deps.t()('page.paused');
    return this.deps.t()('common.error', { message: errorText(error, this.deps.t(), this.deps.lang()) });
  }

  private async load(contactId: string, generation: number): Promise<ContactDetail | null> {
    try {
      const detail = await this.deps.send('contact.get', { id: contactId });
      this.update({ detail, badge: detail.badge, loading: false }, generation);
      this.fit();
      await this.loadSales(contactId, generation);
      return detail;
    } catch (error) {
      this.update({ loading: false, error: this.failure(error) }, generation);
      return null;
    }
  }

  /** The person's deals and the team's stage probabilities; a failure leaves the card as it was. */
  private async loadSales(contactId: string, generation: number): Promise<void> {
    try {
      const sales = await this.deps.send('opportunities.list', { contactId });
      this.update({ sales }, generation);
    } catch {
      // An older background without the command, or the contact just went: no sales part.
    }
  }

  /** Runs one write: busy while it runs, a notice or an error after, then fresh contact details. */
  private async act(write: () => Promise<string | null>, notice: string | (() => string)): Promise<boolean> {
    const generation = this.generation;
    this.update({ busy: true, error: null, notice: null }, generation);
    try {
      const contactId = await write();
      this.update({ busy: false, notice: typeof notice === 'string' ? notice : notice() }, generation);
      if (contactId) await this.load(contactId, generation);
      this.deps.onChanged();
      return true;
    } catch (error) {
      this.update({ busy: false, error: this.failure(error) }, generation);
      return false;
    }
  }

  private readonly actions: CardActions = {
    close: () => this.close(),
    capture: async (name, note) => {
      const person = { ...(this.state?.person as PagePerson), name };
      const generation = this.generation;
      const saved = await this.act(async () => {
        const result = await this.deps.send('contact.capture', {
          person: capturedPerson(person, name, this.deps.site, this.deps.pageUrl()),
          ...(note ? { note: truncateText(note, TEXT_LIMITS.note) } : {}),
        });
        this.update({ person, loading: true });
        await this.deps.onCaptured(person, result.contactId);
        return result.contactId;
      }, this.deps.t()('page.saved'));
      // A complaint logged about this person before they were saved opens now, its text kept.
      const complaint = this.state?.complaint;
      if (saved && complaint && this.state?.badge && generation === this.generation) {
        this.update({ complaint: null });
        await this.openComplaint(complaint, generation);
      }
      return saved;
    },
    link: (customerId, name) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId) return Promise.resolve(false);
      return this.act(
        async () => {
          await this.deps.send('contact.link', { contactId, customerId });
          return contactId;
        },
        this.deps.t()('page.linked', { name }),
      );
    },
    note: (text) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId || text.trim() === '') return Promise.resolve(false);
      return this.act(async () => {
        await this.deps.send('interaction.log', {
          contactId,
          entries: [
            {
              kind: 'note',
              channel: channelFor(this.deps.site),
              direction: 'out',
              summary: truncateText(text.trim(), 2000),
              sourceUrl: this.deps.pageUrl().slice(0, 2048),
            },
          ],
        });
        return contactId;
      }, this.deps.t()('page.noteSaved'));
    },
    openTicketForm: async (given) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId || !this.state) return false;
      const seed = given ??
        this.deps.ticketSeed?.(this.state.person) ?? { title: null, text: null, from: null };
      try {
        const [{ categories }, team] = await Promise.all([
          this.deps.send('tickets.list', { contactId }),
          // Without the member list the form still works: the ticket is then yours.
          this.deps.send('team.members', {}).catch(() => ({ members: [], me: null })),
        ]);
        this.update({
          ticketForm: { categories, seed, members: team.members, me: team.me },
          error: null,
          notice: null,
        });
        this.fit();
        return true;
      } catch (error) {
        this.update({ error: this.failure(error) });
        return false;
      }
    },
    cancelTicket: () => this.update({ ticketForm: null }),
    openOpportunityForm: (editing) => {
      this.update({ opportunityForm: { editing }, ticketForm: null, error: null, notice: null });
      this.fit();
    },
    cancelOpportunity: () => this.update({ opportunityForm: null }),
    saveOpportunity: (draft, id) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId) return Promise.resolve(false);
      return this.act(
        async () => {
          if (id) await this.deps.send('opportunity.update', { id, changes: draft });
          else await this.deps.send('opportunity.create', { contactId, ...draft });
          this.update({ opportunityForm: null });
          return contactId;
        },
        this.deps.t()(id ? 'opp.updated' : 'opp.created'),
      );
    },
    moveOpportunity: (opportunity, stage) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId) return Promise.resolve(false);
      return this.act(
        async () => {
          await this.deps.send('opportunity.update', { id: opportunity.id, changes: { stage } });
          return contactId;
        },
        () => this.deps.t()('opp.moved', { stage: this.deps.t()(`stage.${stage}`) }),
      );
    },
    createTicket: (draft) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId) return Promise.resolve(false);
      return this.act(async () => {
        await this.deps.send('ticket.create', {
          contactId,
          title: truncateText(draft.title, 300),
          category: draft.category,
          severity: draft.severity,
          channel: channelFor(this.deps.site),
          ...(draft.description
            ? { description: truncateText(draft.description, TEXT_LIMITS.longText) }
            : {}),
          ...(draft.assigneeId !== undefined ? { assigneeId: draft.assigneeId } : {}),
          sourceUrl: this.deps.pageUrl().slice(0, 2048),
        });
        this.update({ ticketForm: null });
        return contactId;
      }, this.deps.t()('ticket.created'));
    },
    savePreferences: (changes) => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId) return Promise.resolve(false);
      return this.act(async () => {
        await this.deps.send('contact.update', { id: contactId, changes });
        return contactId;
      }, this.deps.t()('prefs.saved'));
    },
    logConversation: () => {
      const contactId = this.state?.badge?.contactId;
      if (!contactId || !this.state?.conversation) return Promise.resolve(false);
      let logged = 0;
      return this.act(
        async () => {
          logged = await this.deps.logConversation(contactId);
          return contactId;
        },
        () =>
          logged > 0
            ? this.deps.t().plural('page.conversationLogged', logged)
            : this.deps.t()('page.conversationNothing'),
      );
    },
  };
}
