import type { EntityName } from '@rapport/shared/sync/entities';
import type { Mutation } from '@rapport/shared/sync/mutations';
import type { RowState } from '@rapport/shared/sync/row';
import { applyAll, directRows, eraseKey, type RowRef, touchKey } from './effects.ts';
import { baseOf, toRecord } from './records.ts';
import type { OutboxEntry, RapportDB } from './schema.ts';

// Row maintenance shared by local writes and the sync client. Call inside a rw transaction.

/** Outbox entries as the validated mutations they were stored as. */
export function asMutation(entry: OutboxEntry): Mutation {
  return { id: entry.id, name: entry.name, args: entry.args } as Mutation;
}

async function pendingTouching(db: RapportDB, keys: string[]): Promise<Mutation[]> {
  if (keys.length === 0) return [];
  const entries = await db.outbox.where('touches').anyOf(keys).distinct().toArray();
  return entries.sort((a, b) => a.id - b.id).map(asMutation);
}

const contactIdOf = (state: RowState | null): string | null => {
  const v = state?.fields.contactId?.v;
  return typeof v === 'string' ? v : null;
};

/** The pending outbox mutations that change a row, oldest first. */
export async function pendingFor(
  db: RapportDB,
  entity: EntityName,
  id: string,
  base: RowState | null,
): Promise<Mutation[]> {
  const own = await pendingTouching(db, [touchKey(entity, id)]);
  if (entity !== 'interaction') return own;
  // An interaction is also erased by a pending erase of its contact (known from the row or its add).
  const contactId = contactIdOf(base) ?? contactIdOf(applyAll(own, entity, id, base));
  if (contactId === null) return own;
  const erases = await pendingTouching(db, [eraseKey(contactId)]);
  const byId = new Map([...own, ...erases].map((m) => [m.id, m]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * Stores a row as `base` (the server's state, null when unconfirmed) with the pending outbox
 * re-applied; deletes the record when nothing is left (an unconfirmed row whose creating
 * mutation was rejected).
 */
export async function storeRow(
  db: RapportDB,
  entity: EntityName,
  id: string,
  base: RowState | null,
): Promise<void> {
  const pending = await pendingFor(db, entity, id, base);
  const table = db.rows(entity);
  if (pending.length === 0) {
    if (base === null) await table.delete(id);
    else await table.put(toRecord(entity, base));
    return;
  }
  const state = applyAll(pending, entity, id, base);
  if (state === null) await table.delete(id);
  else await table.put(toRecord(entity, state, base));
}

/** Recomputes a stored row from its base and the current outbox. */
export async function rebuildRow(db: RapportDB, entity: EntityName, id: string): Promise<void> {
  await storeRow(db, entity, id, baseOf(await db.rows(entity).get(id)));
}

/** Every row a mutation changes, including (for an erase) the contact's stored interactions. */
export async function rowsChangedBy(db: RapportDB, m: Mutation): Promise<RowRef[]> {
  const rows = directRows(m);
  if (m.name === 'contact.erase') {
    const ids = await db.interactions.where('contactId').equals(m.args.id).primaryKeys();
    for (const id of ids) rows.push({ entity: 'interaction', id });
  }
  return rows;
}

/** De-duplicates row references. */
export function uniqueRows(rows: Iterable<RowRef>): RowRef[] {
  const seen = new Map<string, RowRef>();
  for (const r of rows) seen.set(touchKey(r.entity, r.id), r);
  return [...seen.values()];
}
