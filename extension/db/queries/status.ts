import type { SyncStatus } from '@rapport/shared/sync/messages';
import type { RapportDB } from '../schema.ts';
import { readState, SYNCING_STALE_MS } from '../sync-state.ts';

/** The sync status the UI shows, from IndexedDB alone (so any context can read it). */
export async function readSyncStatus(
  db: RapportDB,
  now: number,
  online = typeof navigator === 'undefined' ? true : navigator.onLine,
): Promise<SyncStatus> {
  return db.transaction('r', db.syncState, db.outbox, db.rejected, async () => {
    const [account, lastSyncAt, lastError, syncingSince, pending, rejected] = await Promise.all([
      readState(db, 'account'),
      readState(db, 'lastSyncAt'),
      readState(db, 'lastError'),
      readState(db, 'syncingSince'),
      db.outbox.count(),
      db.rejected.orderBy('mutationId').reverse().limit(100).toArray(),
    ]);
    return {
      signedIn: Boolean(account?.token),
      online,
      syncing: syncingSince !== undefined && now - syncingSince < SYNCING_STALE_MS,
      lastSyncAt: lastSyncAt ?? null,
      pending,
      rejected: rejected.map(({ mutationId, name, reason, code, at }) =>
        code ? { mutationId, name, reason, code, at } : { mutationId, name, reason, at },
      ),
      lastError: lastError?.message ?? null,
    };
  });
}
