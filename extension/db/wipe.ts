import type { RapportDB } from './schema.ts';
import { readState, writeState } from './sync-state.ts';

/**
 * Deletes this browser's copy of the team's data, the unsynced outbox, the account and the sync
 * position; keeps the user's own preferences. A new client id is made on the next write. The
 * epoch moves on so a sync that was under way cannot write its results afterwards.
 */
export async function wipeLocalData(db: RapportDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    const epoch = (await readState(db, 'epoch')) ?? 0;
    for (const table of db.rowTables) await table.clear();
    await db.outbox.clear();
    await db.rejected.clear();
    await db.syncState.clear();
    await db.settings.delete('team');
    await writeState(db, 'epoch', epoch + 1);
  });
}
