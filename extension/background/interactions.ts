import { newId } from '@rapport/shared/ids';
import { httpUrl } from '@rapport/shared/schemas/primitives';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import type { LogEntry } from '@rapport/shared/sync/messages';
import { type WriteContext, writeLocal } from '../db/outbox.ts';
import { liveData } from '../db/records.ts';
import { readLocalSettings } from '../db/settings.ts';
import { readState } from '../db/sync-state.ts';
import { authorOf, type BackgroundServices, CommandError, type Sender } from './services.ts';

export interface LogOptions {
  /** Keep full bodies (privacy setting); otherwise bodies are dropped. */
  captureBodies: boolean;
  authorId: string;
}

export type LogResult = Array<{ interactionId: string; duplicate: boolean }>;

const urlOrNull = (url: string | undefined) => {
  const r = httpUrl.safeParse(url);
  return r.success ? r.data : null;
};

/**
 * Adds interactions to a contact inside a write. An entry whose sourceKey (e.g. a Gmail message
 * id) this contact already has — even deleted — is a duplicate and not stored again. Logging
 * clears the contact's scheduled follow-up date, so the cadence restarts from this interaction.
 */
export async function addInteractions(
  w: WriteContext,
  contactId: string,
  entries: Array<Partial<LogEntry> & Pick<LogEntry, 'kind' | 'channel' | 'direction'>>,
  options: LogOptions,
): Promise<LogResult> {
  const contact = liveData(await w.db.contacts.get(contactId));
  if (!contact) throw new CommandError('not_found', `No contact ${contactId}`);
  const seen = new Map<string, string>();
  const results: LogResult = [];
  for (const entry of entries) {
    const key = entry.sourceKey ?? null;
    if (key !== null) {
      const existing =
        seen.get(key) ??
        (await w.db.interactions.where('[contactId+sourceKey]').equals([contactId, key]).first())?.id;
      if (existing) {
        results.push({ interactionId: existing, duplicate: true });
        continue;
      }
    }
    const id = newId();
    await w.mutate('interaction.add', {
      interaction: {
        id,
        contactId,
        customerId: contact.customerId,
        kind: entry.kind,
        channel: entry.channel,
        direction: entry.direction,
        at: entry.at ?? w.now.toISOString(),
        subject: entry.subject?.trim() || null,
        summary: entry.summary?.trim() || null,
        body: options.captureBodies ? entry.body?.trim() || null : null,
        sourceUrl: urlOrNull(entry.sourceUrl),
        sourceKey: key,
        authorId: options.authorId,
        supersedes: null,
      },
      t: w.tick(),
    });
    if (key !== null) seen.set(key, id);
    results.push({ interactionId: id, duplicate: false });
  }
  if (contact.followUpOn !== null && results.some((r) => !r.duplicate)) {
    await w.mutate('contact.upsert', {
      id: contactId,
      patch: patchFromChanges('contact', contact, { followUpOn: null }, w.tick()),
    });
  }
  return results;
}

/**
 * interaction.log: pages may log only while capture is on, and auto-log (keyed entries) only when enabled —
 * unless the user explicitly captured the person, which logs the open thread whatever auto-log says.
 */
export async function logInteractions(
  services: BackgroundServices,
  contactId: string,
  entries: LogEntry[],
  sender: Sender,
  explicit = false,
): Promise<LogResult> {
  const { db } = services;
  const settings = await readLocalSettings(db);
  if (sender.fromPage && settings.paused)
    throw new CommandError('paused', 'Capture is paused (Settings → Pause capture)');
  if (sender.fromPage && !settings.autoLog && !explicit && entries.some((e) => e.sourceKey !== undefined))
    throw new CommandError('auto_log_off', 'Auto-log is off (Settings → Auto-log)');
  const account = await readState(db, 'account');
  const authorId = authorOf(account?.user.id);
  const results = await writeLocal(
    db,
    (w) => addInteractions(w, contactId, entries, { captureBodies: settings.captureBodies, authorId }),
    services.now,
  );
  if (results.some((r) => !r.duplicate)) services.requestSync();
  return results;
}
