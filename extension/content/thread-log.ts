// Logging an open Gmail thread as email interactions of one contact (or an open LinkedIn conversation as
// social ones): which messages count, which way they went, and never sending the same message twice from this page (the background also refuses a
// sourceKey the contact already has, so reloads and other tabs are safe too).
import type { LogEntry } from '@rapport/shared/sync/messages';
import { truncateText } from '@rapport/shared/text';
import { resolveShownDay, zonedToInstant } from '../sites/shown-date.ts';
import type { ConversationCapture, ThreadCapture } from '../sites/types.ts';
import type { Send } from './messaging.ts';

const MAX_PER_MESSAGE = 200;

/** "2025-08-20T13:19:00" as the page showed it (the user's zone) -> an instant; null when unreadable. */
function shownToIso(shown: string): string | null {
  const at = new Date(shown);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * Entries for the thread's messages exchanged with the contact at `email`: theirs as received, the
 * signed-in user's to them as sent. Messages without an id or a date are left out: without an id they
 * could be logged twice, without a date they would restart the follow-up cadence at the wrong day.
 */
export function threadEntries(
  thread: ThreadCapture,
  email: string,
  own: string | null,
  sourceUrl: string,
): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const message of thread.messages) {
    const at = message.date ? shownToIso(message.date) : null;
    if (!message.id || !at) continue;
    const from = message.from.email;
    const toContact = message.to.some((m) => m.email === email);
    const direction = from === email ? 'in' : own !== null && from === own && toContact ? 'out' : null;
    if (!direction) continue;
    entries.push({
      kind: 'email',
      channel: 'email',
      direction,
      at,
      ...(thread.subject ? { subject: truncateText(thread.subject, 500) } : {}),
      ...(message.snippet ? { summary: truncateText(message.snippet, 2000) } : {}),
      sourceUrl: sourceUrl.slice(0, 2048),
      sourceKey: message.id,
    });
  }
  return entries;
}

/** How many of a conversation's newest messages "Log last messages" logs. */
export const LAST_MESSAGES = 20;

/**
 * The newest messages of a LinkedIn conversation with the contact, keyed "linkedin:<event URN>". Times are
 * the page's wall clock in the user's time zone; a relative day ("Today", "Yesterday", "Tuesday") is
 * resolved against `clock.now` there. Only a message with no readable day or time is left to the
 * background's "now".
 */
export function conversationEntries(
  conversation: ConversationCapture,
  sourceUrl: string,
  clock: { now: Date; timeZone: string },
): LogEntry[] {
  return conversation.messages.slice(-LAST_MESSAGES).map((message) => {
    const wall =
      message.date ??
      (message.shown
        ? resolveShownDay(message.shown.day, message.shown.time, clock.now, clock.timeZone)
        : null);
    const at = wall ? zonedToInstant(wall, clock.timeZone) : null;
    return {
      kind: 'social',
      channel: 'linkedin',
      direction: message.own ? 'out' : 'in',
      ...(at ? { at } : {}),
      ...(message.snippet ? { summary: message.snippet } : {}),
      sourceUrl: sourceUrl.slice(0, 2048),
      sourceKey: `linkedin:${message.id}`.slice(0, 300),
    };
  });
}

/** Sends each (contact, message) once per page, however often the thread is rescanned. */
export class ThreadLogger {
  private readonly sent = new Set<string>();
  /** Failed sends wait for the next visit: a signed-out or paused background is not asked on every mutation. */
  private readonly failed = new Set<string>();

  constructor(private readonly send: Send) {}

  /** Lets the next log() retry what failed before (called on navigation). */
  retryFailed(): void {
    for (const key of this.failed) this.sent.delete(key);
    this.failed.clear();
  }

  /** Logs the entries not sent before; returns how many were sent. */
  async log(contactId: string, entries: LogEntry[], explicit = false): Promise<number> {
    const fresh = entries.filter((e) => e.sourceKey && !this.sent.has(`${contactId}|${e.sourceKey}`));
    const keys = fresh.map((e) => `${contactId}|${e.sourceKey}`);
    if (fresh.length === 0) return 0;
    for (const key of keys) this.sent.add(key);
    try {
      for (let i = 0; i < fresh.length; i += MAX_PER_MESSAGE) {
        await this.send('interaction.log', {
          contactId,
          entries: fresh.slice(i, i + MAX_PER_MESSAGE),
          ...(explicit ? { explicit } : {}),
        });
      }
    } catch (error) {
      for (const key of keys) this.failed.add(key);
      throw error;
    }
    return fresh.length;
  }
}
