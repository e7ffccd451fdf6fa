import type { EntityName } from '@rapport/shared/sync/entities';
import { maxHlc } from '@rapport/shared/sync/merge';
import type { Alias, PullResponse, PushResponse } from '@rapport/shared/sync/protocol';
import type { RowState } from '@rapport/shared/sync/row';
import { applyMutation, directRows, type RowRef, touchKey } from '../db/effects.ts';
import { loadClock, saveClock } from '../db/outbox.ts';
import { baseOf } from '../db/records.ts';
import { asMutation, rebuildRow, rowsChangedBy, storeRow, uniqueRows } from '../db/rows.ts';
import type { OutboxEntry, RapportDB } from '../db/schema.ts';
import { readState, writeState } from '../db/sync-state.ts';

// The sync client's transactions. Each runs in one rw transaction, so a worker killed at any
// moment leaves either the state before or after it; all of them are safe to repeat.

/** A wipe (sign-out) happened while this sync was under way: its results must not be written. */
export class EpochChangedError extends Error {
  override name = 'EpochChangedError';
}

async function assertEpoch(db: RapportDB, epoch: number): Promise<void> {
  if (((await readState(db, 'epoch')) ?? 0) !== epoch)
    throw new EpochChangedError('local data was wiped during sync');
}

async function rowsOf(db: RapportDB, entries: OutboxEntry[]): Promise<RowRef[]> {
  const refs: RowRef[] = [];
  for (const e of entries) refs.push(...(await rowsChangedBy(db, asMutation(e))));
  return uniqueRows(refs);
}

/**
 * Drops outbox entries the server has accounted for (id ≤ lastMutationId) and rebuilds the rows
 * they touched from the server base without them: the server's own state of those rows arrives
 * by pull (applied), or never changed (rejected).
 */
async function dropAcknowledged(db: RapportDB, lastMutationId: number): Promise<RowRef[]> {
  const acked = await db.outbox.where('id').belowOrEqual(lastMutationId).toArray();
  if (acked.length === 0) return [];
  const refs = await rowsOf(db, acked);
  await db.outbox.bulkDelete(acked.map((e) => e.id));
  return refs;
}

/** Records a push's results: rejected ones with reasons, applied ones folded into the rows' server base. */
export async function applyPushResult(
  db: RapportDB,
  response: PushResponse,
  epoch: number,
  now: Date,
): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await assertEpoch(db, epoch);
    const acked = await db.outbox.where('id').belowOrEqual(response.lastMutationId).sortBy('id');
    const results = new Map(response.results.map((r) => [r.id, r]));
    const refs = await rowsOf(db, acked);
    const bases = new Map<string, RowState | null>();
    for (const ref of refs) {
      let base = baseOf(await db.rows(ref.entity).get(ref.id));
      for (const entry of acked) {
        const status = results.get(entry.id)?.status;
        if (status === 'applied' || status === 'duplicate')
          base = applyMutation(asMutation(entry), ref.entity, ref.id, base);
      }
      bases.set(touchKey(ref.entity, ref.id), base);
    }
    for (const entry of acked) {
      const result = results.get(entry.id);
      if (result?.status !== 'rejected') continue;
      await db.rejected.put({
        mutationId: entry.id,
        name: entry.name,
        reason: result.reason ?? 'rejected by the server',
        ...(result.code ? { code: result.code } : {}),
        at: now.toISOString(),
        touches: entry.touches,
      });
    }
    await db.outbox.bulkDelete(acked.map((e) => e.id));
    for (const ref of refs)
      await storeRow(db, ref.entity, ref.id, bases.get(touchKey(ref.entity, ref.id)) ?? null);
    await advanceAcknowledged(db, response.lastMutationId);
  });
}

async function advanceAcknowledged(db: RapportDB, lastMutationId: number): Promise<void> {
  await writeState(db, 'lastMutationId', lastMutationId);
  const next = (await readState(db, 'nextMutationId')) ?? 1;
  if (next <= lastMutationId) await writeState(db, 'nextMutationId', lastMutationId + 1);
}

/** Fields that point at another entity, per target entity: re-pointed when the server merges duplicates. */
const REFERENCES: Partial<Record<EntityName, Array<[EntityName, 'contactId' | 'customerId' | 'companyId']>>> =
  {
    contact: [
      ['interaction', 'contactId'],
      ['opportunity', 'contactId'],
      ['ticket', 'contactId'],
      ['surveyResponse', 'contactId'],
      ['task', 'contactId'],
    ],
    customer: [
      ['contact', 'customerId'],
      ['interaction', 'customerId'],
      ['opportunity', 'customerId'],
      ['ticket', 'customerId'],
      ['task', 'customerId'],
    ],
    company: [['contact', 'companyId']],
  };

function replaceId(value: unknown, fromId: string, toId: string): unknown {
  if (value === fromId) return toId;
  if (Array.isArray(value)) return value.map((v) => replaceId(v, fromId, toId));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k === fromId ? toId : k, replaceId(v, fromId, toId)]),
    );
  }
  return value;
}

function repointState(state: RowState | null, field: string, fromId: string, toId: string): RowState | null {
  const current = state?.fields[field];
  if (!state || current?.v !== fromId) return state;
  return { ...state, fields: { ...state.fields, [field]: { ...current, v: toId } } };
}

/** A duplicate merged on the server: local references and pending mutations follow fromId to toId. */
async function applyAlias(db: RapportDB, { entity, fromId, toId }: Alias): Promise<void> {
  for (const entry of await db.outbox.toArray()) {
    const args = replaceId(entry.args, fromId, toId);
    if (JSON.stringify(args) === JSON.stringify(entry.args)) continue;
    await db.outbox.put({ ...entry, args, touches: entry.touches.map((k) => k.replace(fromId, toId)) });
  }
  for (const [target, field] of REFERENCES[entity] ?? []) {
    const table = db.rows(target);
    const ids = await table.where(field).equals(fromId).primaryKeys();
    for (const id of ids)
      await storeRow(db, target, id, repointState(baseOf(await table.get(id)), field, fromId, toId));
  }
  await db.rows(entity).delete(fromId);
  if (entity === 'customer') await db.customerMetrics.delete(fromId);
  await rebuildRow(db, entity, toId);
}

/** Applies one pull page: reset, acknowledgements, aliases, rows (server state + pending outbox), cookie. */
export async function applyPullPage(
  db: RapportDB,
  page: PullResponse,
  epoch: number,
  now: () => number,
): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await assertEpoch(db, epoch);
    if (page.reset) {
      for (const table of db.rowTables) await table.clear();
      for (const entry of await db.outbox.toArray()) {
        for (const ref of directRows(asMutation(entry))) await storeRow(db, ref.entity, ref.id, null);
      }
    }
    const acked = await dropAcknowledged(db, page.lastMutationId);
    for (const alias of page.aliases) await applyAlias(db, alias);
    const clock = await loadClock(db, now);
    const pulled = new Set<string>();
    for (const row of page.rows) {
      const latest = maxHlc(row.state);
      if (latest !== null) {
        try {
          clock.receive(latest);
        } catch {
          // A remote clock far ahead must not stop the sync; this clock just does not follow it.
        }
      }
      await storeRow(db, row.entity, row.id, row.state);
      pulled.add(touchKey(row.entity, row.id));
    }
    for (const ref of acked)
      if (!pulled.has(touchKey(ref.entity, ref.id))) await rebuildRow(db, ref.entity, ref.id);
    await writeState(db, 'cookie', page.cookie);
    await advanceAcknowledged(db, page.lastMutationId);
    await saveClock(db, clock);
  });
}

/**
 * A 409: the server's lastMutationId is not where this client's outbox starts. Entries it already
 * has are dropped; when it is behind (it lost mutations this client had dropped), the pending
 * entries are renumbered to follow its lastMutationId, keeping ids consecutive.
 */
export async function realignOutbox(db: RapportDB, serverLastId: number, epoch: number): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await assertEpoch(db, epoch);
    const acked = await dropAcknowledged(db, serverLastId);
    for (const ref of acked) await rebuildRow(db, ref.entity, ref.id);
    const pending = await db.outbox.orderBy('id').toArray();
    const first = pending[0]?.id;
    if (first !== undefined && first !== serverLastId + 1) {
      await db.outbox.bulkDelete(pending.map((e) => e.id));
      await db.outbox.bulkAdd(pending.map((e, i) => ({ ...e, id: serverLastId + 1 + i })));
    }
    await writeState(db, 'lastMutationId', serverLastId);
    await writeState(db, 'nextMutationId', serverLastId + 1 + pending.length);
  });
}
