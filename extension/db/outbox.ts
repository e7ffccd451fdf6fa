import { type Clock, createClock, type Hlc } from '@rapport/shared/sync/hlc';
import {
  type Mutation,
  type MutationName,
  type mutationArgs,
  parseMutation,
} from '@rapport/shared/sync/mutations';
import type { z } from 'zod';
import { touchesOf } from './effects.ts';
import { baseOf } from './records.ts';
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

/** The HLC clock of this client, resumed from the last issued HLC. Call inside a transaction. */
export async function loadClock(db: RapportDB, now: () => number): Promise<Clock> {
  const clientId = await ensureClientId(db);
  const last = await readState(db, 'hlc');
  return createClock(clientId, now, last === undefined ? {} : { last });
}

/** Persists the clock's last HLC. Call inside the same transaction as loadClock. */
export async function saveClock(db: RapportDB, clock: Clock): Promise<void> {
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

/** Outbox entries not yet acknowledged by the server. */
export function pendingCount(db: RapportDB): Promise<number> {
  return db.outbox.count();
}
