import type { EntityName, EntityTypes } from '@rapport/shared/sync/entities';
import {
  createHlcClock,
  type Hlc,
  type HlcClock,
  hlcAheadMs,
  MAX_CLOCK_AHEAD_MS,
} from '@rapport/shared/sync/hlc';
import {
  type Mutation,
  type MutationName,
  type mutationArgs,
  parseMutation,
} from '@rapport/shared/sync/mutations';
import type { z } from 'zod';
import { touchesOf } from './effects.ts';
import { baseOf, liveData } from './records.ts';
import { rowsChangedBy, storeRow } from './rows.ts';
import type { RapportDB } from './schema.ts';
import { ensureClientId, readState, writeState } from './sync-state.ts';

export type MutationInput<N extends MutationName> = z.input<(typeof mutationArgs)[N]>;

/** What a local write may do inside its transaction. */
export interface WriteContext {
  readonly db: RapportDB;
  readonly clientId: string;
  /** The wall time of this write. */
  readonly now: Date;
  /** A new HLC for a field or element this write sets. */
  tick(): Hlc;
  /**
   * Validates a mutation, appends it to the outbox with the next consecutive id and applies it
   * to the local rows. Throws (and so rolls the whole write back) when it is invalid.
   */
  mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<Mutation>;
}

/**
 * The HLC clock of this client, resumed from the last issued HLC. Call inside a transaction. It runs
 * on the server's time (this device's clock plus the offset seen at the last sync), because the
 * server refuses changes stamped more than a few minutes ahead of its own clock.
 */
export async function loadClock(db: RapportDB, now: () => number): Promise<HlcClock> {
  const clientId = await ensureClientId(db);
  const offset = (await readState(db, 'clockOffsetMs')) ?? 0;
  const serverNow = () => now() + offset;
  let last = await readState(db, 'hlc');
  // HLCs never go back, so a clock once far ahead would keep stamping ahead: start over from the
  // server's time (what was stamped that far ahead was refused anyway).
  if (last !== undefined && hlcAheadMs(last, serverNow()) > MAX_CLOCK_AHEAD_MS) last = undefined;
  return createHlcClock(clientId, serverNow, last === undefined ? {} : { last });
}

/** Records the server's time from a sync answer received between sentAt and receivedAt (device ms). */
export async function noteServerTime(
  db: RapportDB,
  serverTime: string,
  sentAt: number,
  receivedAt: number,
): Promise<void> {
  const offset = Date.parse(serverTime) - Math.round((sentAt + receivedAt) / 2);
  await writeState(db, 'clockOffsetMs', offset);
}

/** Persists the clock's last HLC. Call inside the same transaction as loadClock. */
export async function saveClock(db: RapportDB, clock: HlcClock): Promise<void> {
  const last = clock.last();
  if (last !== null) await writeState(db, 'hlc', last);
}

/**
 * Runs one local write: every record change and its outbox mutations commit together in one
 * IndexedDB transaction, or (on any throw) none of them do. Do not await network calls inside `fn`.
 */
export async function writeLocal<T>(
  db: RapportDB,
  fn: (w: WriteContext) => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  return db.transaction('rw', db.tables, async () => {
    const clientId = await ensureClientId(db);
    const clock = await loadClock(db, now);
    let next = (await readState(db, 'nextMutationId')) ?? 1;
    const writeTime = new Date(now());
    const context: WriteContext = {
      db,
      clientId,
      now: writeTime,
      tick: () => clock.tick(),
      async mutate(name, args) {
        const m = parseMutation({ id: next, name, args });
        next += 1;
        await db.outbox.add({
          id: m.id,
          name: m.name,
          args: m.args,
          touches: touchesOf(m),
          createdAt: writeTime.toISOString(),
        });
        for (const ref of await rowsChangedBy(db, m)) {
          await storeRow(db, ref.entity, ref.id, baseOf(await db.rows(ref.entity).get(ref.id)));
        }
        return m;
      },
    };
    const result = await fn(context);
    await writeState(db, 'nextMutationId', next);
    await saveClock(db, clock);
    return result;
  });
}

/** What a write from a command needs: the database, the wall clock, and a way to ask for a sync. */
export interface LocalWriter {
  db: RapportDB;
  now: () => number;
  requestSync(): void;
}

/**
 * One local write (writeLocal) of one row, which `fn` names by returning its id: the row is read back
 * in the same transaction and returned as stored, then a sync is asked for. A row that is not there
 * after its own write is a bug, and rolls the write back.
 */
export async function writeRow<N extends EntityName>(
  writer: LocalWriter,
  entity: N,
  fn: (w: WriteContext) => Promise<string>,
): Promise<EntityTypes[N]> {
  const { db } = writer;
  const row = await writeLocal(
    db,
    async (w) => {
      const id = await fn(w);
      const record = await db.rows(entity).get(id);
      const stored = liveData(record as { data: { deletedAt?: string | null } } | undefined) as
        | EntityTypes[N]
        | null;
      if (!stored) throw new Error(`${entity} ${id} could not be read back`);
      return stored;
    },
    writer.now,
  );
  writer.requestSync();
  return row;
}

/** Outbox entries not yet acknowledged by the server. */
export function pendingCount(db: RapportDB): Promise<number> {
  return db.outbox.count();
}
