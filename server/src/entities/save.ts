import type { EntityName } from '@rapport/shared/sync/entities';
import { materialize } from '@rapport/shared/sync/materialize';
import type { RowState } from '@rapport/shared/sync/row';
import { refreshServiceChurn, serviceCustomersBefore } from '../metrics/insight-refresh.ts';
import type { IdentityClash, RowRecord, RowWrite, Store } from '../store/store.ts';
import { pokeTeam } from '../sync/pokes.ts';
import { rowColumns, rowIdentities, UNIQUE_IDENTITY_KINDS } from './columns.ts';
import { assertTicketCategories } from './ticket-categories.ts';

export interface RowChange {
  entity: EntityName;
  state: RowState;
  /** materialize(entity, state), when the caller already has it. */
  data?: Record<string, unknown>;
}

export interface SavedRow {
  record: RowRecord;
  /** Unique identities of this row already held by another live row of the same entity (`heldBy`). */
  duplicates: IdentityClash[];
}

/** The RowState stored in a row record. */
export function rowState(record: RowRecord): RowState {
  return record.state as RowState;
}

/** A row as stored: the state materialised (throws shared's ValidationError when invalid) and its indexed columns. */
export function rowWrite(
  entity: EntityName,
  state: RowState,
  at: string,
  /** The state already materialised by the caller (the same schema, so the same object), to skip doing it twice. */
  materialized?: Record<string, unknown>,
): RowWrite {
  const data = materialized ?? (materialize(entity, state) as unknown as Record<string, unknown>);
  return {
    entity,
    id: state.id,
    state,
    data,
    deletedAt: state.deleted?.at ?? null,
    ...rowColumns(entity, data),
    updatedAt: typeof data.updatedAt === 'string' ? data.updatedAt : at,
  };
}

/** The rows a list of changes writes: the last change of each (entity, id), in first-seen order. */
export function rowWrites(changes: readonly RowChange[], at: string): RowWrite[] {
  // A push writes one row at a time: no map of one.
  if (changes.length === 1) {
    const { entity, state, data } = changes[0] as RowChange;
    return [rowWrite(entity, state, at, data)];
  }
  const last = new Map(changes.map((c) => [`${c.entity}\u0000${c.state.id}`, c]));
  return [...last.values()].map(({ entity, state, data }) => rowWrite(entity, state, at, data));
}

/**
 * Writes changed rows stamped with `version` (from teams.lock() + 1, inside the transaction):
 * materialises each state (throws shared's ValidationError when it is not a valid entity), fills
 * the indexed columns, and keeps the identities table in step (a deleted row releases its values).
 * Duplicates are reported, not resolved: the caller merges (sync) or refuses (REST).
 */
export async function saveRows(
  tx: Store,
  teamId: string,
  version: number,
  changes: readonly RowChange[],
  at: string,
): Promise<SavedRow[]> {
  const writes = rowWrites(changes, at);
  await assertTicketCategories(tx, teamId, writes);
  const serviceBefore = await serviceCustomersBefore(tx, teamId, writes);
  await tx.rows.put(teamId, version, writes);
  const clashes = new Map<string, IdentityClash[]>();
  for (const entity of new Set(writes.map((w) => w.entity as EntityName))) {
    const unique = new Set(UNIQUE_IDENTITY_KINDS[entity] ?? []);
    const rows = writes
      .filter((w) => w.entity === entity)
      .map((w) => ({ id: w.id, identities: w.deletedAt ? [] : rowIdentities(entity, w.data) }));
    for (const clash of await tx.identities.replaceMany(teamId, entity, rows)) {
      if (unique.has(clash.kind))
        clashes.set(`${entity}\u0000${clash.id}`, [
          ...(clashes.get(`${entity}\u0000${clash.id}`) ?? []),
          clash,
        ]);
    }
  }
  // Tickets and survey answers move their customers' churn inputs (satisfaction, open complaints).
  await refreshServiceChurn(tx, teamId, version, writes, at, serviceBefore);
  return writes.map((w) => ({
    record: { ...w, teamId, version },
    duplicates: clashes.get(`${w.entity}\u0000${w.id}`) ?? [],
  }));
}

/**
 * Runs `fn` in a transaction holding the team lock, handing it the version to stamp (current + 1).
 * The team's version advances only when fn reports a change, so no-op writes do not wake clients;
 * after a change commits, the team's connected clients are poked to pull (REST, imports, metrics).
 */
export async function writeWithVersion<T>(
  store: Store,
  teamId: string,
  fn: (tx: Store, version: number) => Promise<{ result: T; changed: boolean }>,
): Promise<T> {
  let bumped: number | null = null;
  const result = await store.transaction(async (tx) => {
    const current = await tx.teams.lock(teamId);
    const { result, changed } = await fn(tx, current + 1);
    if (changed) {
      await tx.teams.setVersion(teamId, current + 1);
      bumped = current + 1;
    }
    return result;
  });
  if (bumped !== null) pokeTeam(teamId, bumped);
  return result;
}
