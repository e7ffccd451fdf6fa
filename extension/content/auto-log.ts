// Auto-log and "Log last messages": the open email thread's messages with known people become
// interactions (once each, keyed by the site's message id), after a capture the thread is logged with
// the new contact, and the open conversation is logged when the user asks. Which thread or
// conversation is open is the site adapter's knowledge (openThread, openConversation).
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { ConversationCapture, SiteAdapter, ThreadCapture } from '../sites/types.ts';
import type { PagePerson } from './capture.ts';
import type { Send } from './messaging.ts';
import { conversationEntries, ThreadLogger, threadEntries } from './thread-log.ts';

export type AutoLogDeps = {
  send: Send;
  doc: Document;
  adapter: SiteAdapter;
  url(): URL;
  /** The signed-in user's own address. */
  own(): string | null;
  paused(): boolean;
  /** The auto-log setting. */
  autoLog(): boolean;
  siteOff(): boolean;
  timeZone(): string;
  /** The lookup cache's answer for an address. */
  badge(email: string): BadgeData | null | undefined;
  /** Badges show logged emails' follow-ups after one more lookup. */
  refresh(): void;
};

export class AutoLog {
  private readonly logger: ThreadLogger;

  constructor(private readonly deps: AutoLogDeps) {
    this.logger = new ThreadLogger(deps.send);
  }

  /** A new visit: entries that failed before get another try. */
  retryFailed(): void {
    this.logger.retryFailed();
  }

  openThread(): ThreadCapture | null {
    return this.deps.adapter.openThread?.(this.deps.doc, this.deps.url()) ?? null;
  }

  private openConversation(): ConversationCapture | null {
    return this.deps.adapter.openConversation?.(this.deps.doc, this.deps.url()) ?? null;
  }

  /** The card's person is the one the open conversation is with (by profile id, else by shown name). */
  isPartner(person: PagePerson): boolean {
    const partner = this.openConversation()?.partner;
    if (!partner) return false;
    if (partner.linkedin) return person.linkedin === partner.linkedin;
    return partner.name !== null && person.name === partner.name;
  }

  /** "Log last messages": the user asked, so auto-log being off does not matter (pause still stops it). */
  async logConversation(contactId: string): Promise<number> {
    const conversation = this.deps.paused() || this.deps.siteOff() ? null : this.openConversation();
    if (!conversation) return 0;
    const clock = { now: new Date(), timeZone: this.deps.timeZone() };
    return this.logger.log(contactId, conversationEntries(conversation, this.deps.url().href, clock), true);
  }

  get on(): boolean {
    return this.deps.autoLog() && !this.deps.paused() && !this.deps.siteOff();
  }

  counterparts(thread: ThreadCapture, own: string | null): string[] {
    const emails = new Set<string>();
    for (const m of thread.messages) {
      if (m.from.email && m.from.email !== own) emails.add(m.from.email);
      if (own && m.from.email === own)
        for (const to of m.to) if (to.email && to.email !== own) emails.add(to.email);
    }
    return [...emails];
  }

  async run(thread: ThreadCapture, emails: string[], own: string | null, signal: AbortSignal): Promise<void> {
    let logged = 0;
    for (const email of emails) {
      const badge = this.deps.badge(email);
      if (!badge || signal.aborted) continue;
      try {
        logged += await this.logger.log(
          badge.contactId,
          threadEntries(thread, email, own, this.deps.url().href),
        );
      } catch (error) {
        console.warn('Rapport: auto-log failed', error);
      }
    }
    // Logged emails move follow-ups: the badges show it after one more lookup.
    if (logged > 0 && !signal.aborted) this.deps.refresh();
  }

  /**
   * After a capture in Gmail, the open thread's messages with that person become its first interactions —
   * the user asked for this person, so it happens with auto-log off too (pause still stops it).
   */
  async afterCapture(person: PagePerson, contactId: string): Promise<void> {
    const thread = person.email && !this.deps.paused() && !this.deps.siteOff() ? this.openThread() : null;
    if (!thread || !person.email) return;
    try {
      await this.logger.log(
        contactId,
        threadEntries(thread, person.email, this.deps.own(), this.deps.url().href),
        true,
      );
    } catch (error) {
      console.warn('Rapport: could not log the thread', error);
    }
  }
}
