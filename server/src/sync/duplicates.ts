import { MERGE_REFERENCE_FIELDS, MERGED_ENTITY_NAMES, type MergedEntity } from '@rapport/shared/entities';
import { type EntityName, entityDefs } from '@rapport/shared/sync/entities';
import { eraseRow } from '@rapport/shared/sync/materialize';
import { applyPatch, deleteRow, mergeRows } from '@rapport/shared/sync/merge';
import type { RowState } from '@rapport/shared/sync/row';
import { UNIQUE_IDENTITY_KINDS } from '../entities/columns.ts';
import { rowState } from '../entities/save.ts';
import type { RowRecord } from '../store/store.ts';
import { type PushSession, Rejection, type SessionChange } from './session.ts';

/** Entities whose creates merge into an existing row holding the same unique identity (see the README, "How sync works"). */
export type { MergedEntity };
export const MERGED_ENTITIES: ReadonlySet<EntityName> = new Set<MergedEntity>(MERGED_ENTITY_NAMES);

/** The field naming a merged entity in the rows that refer to it (re-pointed when it merges). */
const REFERENCE_FIELD = MERGE_REFERENCE_FIELDS;

/** Fields that stay the surviving row's: a merge must not make a record younger or change hands. */
const SURVIVOR_FIELDS = ['createdAt', 'ownerId'] as const;

/** A bridge between many rows could chain further; each round pulls in the rows the merged one now matches. */
const MAX_ROUNDS = 8;

const referringEntities = (field: string): EntityName[] =>
  Object.values(entityDefs)
    .filter((def) => def.fields[field] !== undefined)
    .map((def) => def.name);

/** Each entity's unique identity kinds as a set, built once. */
const UNIQUE_KINDS = new Map<EntityName, ReadonlySet<string>>(
  Object.entries(UNIQUE_IDENTITY_KINDS).map(([entity, kinds]) => [entity as EntityName, new Set(kinds)]),
);
const NO_KINDS: ReadonlySet<string> = new Set();

/** Live rows of `entity` (other than `exclude`) holding one of the unique identities in `data`. */
function holders(
  s: PushSession,
  entity: MergedEntity,
  data: Record<string, unknown>,
  exclude: ReadonlySet<string>,
): Promise<string[]> {
  return s.holderIds(entity, data, UNIQUE_KINDS.get(entity) ?? NO_KINDS, exclude);
}

/** The oldest row by createdAt, then id (UUIDv7 ids are time-ordered). */
function oldest(rows: Iterable<RowRecord>): RowRecord {
  let best: RowRecord | undefined;
  for (const r of rows) {
    const key = `${String(r.data.createdAt)}\u0000${r.id}`;
    if (!best || key < `${String(best.data.createdAt)}\u0000${best.id}`) best = r;
  }
  if (!best) throw new Error('oldest() of no rows');
  return best;
}

/** Field- and element-wise merge of several replicas into the survivor's id (tombstones ignored: all are live). */
function mergeInto(survivor: RowRecord, others: readonly RowState[]): RowState {
  const own = rowState(survivor);
  let merged = own;
  for (const other of others) merged = mergeRows(merged, { ...other, id: own.id, deleted: null });
  const fields = { ...merged.fields };
  for (const name of SURVIVOR_FIELDS) {
    const kept = own.fields[name];
    if (kept && kept.v !== null) fields[name] = kept;
  }
  return { ...merged, fields };
}

/**
 * Creates a contact or customer, or — when its email, LinkedIn/X handle (contacts) or externalId
 * (customers) is already held by live rows of the team — merges it into the oldest of them: fields
 * last-writer-wins, sets per element, createdAt and owner kept. The new id and every other merged
 * row become aliases of the survivor; merged rows are tombstoned with their content purged (it now
 * lives in the survivor) and the rows referring to them are re-pointed with a new version each.
 * A caller who may not edit the survivor or delete the others gets a link instead (see below).
 */
export async function createOrMerge(
  s: PushSession,
  entity: MergedEntity,
  created: RowState,
  data: Record<string, unknown>,
): Promise<void> {
  let pending = await holders(s, entity, data, new Set([created.id]));
  if (pending.length === 0) {
    await s.write([{ entity, state: created, before: null, data }]);
    return;
  }
  const group = new Map<string, RowRecord>();
  const seen = new Set([created.id]);
  let direct: RowRecord | undefined;
  let survivor!: RowRecord;
  let merged!: RowState;
  let mergedData!: Record<string, unknown>;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_ROUNDS)
      throw new Rejection(
        'too_many_duplicates',
        `${entity} ${created.id} matches too many duplicates to merge`,
      );
    for (const id of pending) {
      seen.add(id);
      const row = await s.load(entity, id);
      if (row && !row.deletedAt) group.set(id, row);
    }
    if (group.size === 0) break;
    direct ??= oldest(group.values());
    survivor = oldest(group.values());
    const others = [...group.values()].filter((r) => r.id !== survivor.id).map(rowState);
    merged = mergeInto(survivor, [...others, created]);
    mergedData = s.materialize(entity, merged);
    pending = await holders(s, entity, mergedData, seen);
  }
  if (!direct) {
    await s.write([{ entity, state: created, before: null, data }]);
    return;
  }

  const losers = [...group.values()].filter((r) => r.id !== survivor.id);
  // A merge edits the survivor and deletes the others, so it needs the caller's right to do both
  // directly: a rep must not rename a teammate's contact, or tombstone it, by creating a duplicate.
  // Without that right the new row only becomes an alias of the oldest row it matches, which stays
  // as it was; whatever the caller logs on their copy (interactions) follows the alias there.
  const permitted =
    s.denial(entity, 'update', survivor.data, mergedData) === null &&
    losers.every((l) => s.denial(entity, 'delete', l.data, null) === null);
  if (!permitted) {
    await s.addAlias(entity, created.id, direct.id);
    s.remark = `linked to the existing ${entity} ${direct.id}, which you may not change: your copy was not merged into it`;
    return;
  }
  const changes: SessionChange[] = losers.map((loser) => {
    const before = rowState(loser);
    const tombstone = deleteRow(before, loser.id, s.ctx.at, s.nextHlc(before));
    return { entity, state: eraseRow(entity, tombstone), before };
  });
  changes.push({ entity, state: merged, before: rowState(survivor) });
  for (const loser of losers) changes.push(...(await repoint(s, entity, loser.id, survivor.id)));
  // Tombstones first, so the survivor claims the identities they release.
  await s.write(changes);
  for (const id of [created.id, ...losers.map((l) => l.id)]) await s.addAlias(entity, id, survivor.id);
}

/** New versions of every row that names `fromId` in its contactId/customerId, naming `toId` instead. */
async function repoint(
  s: PushSession,
  entity: MergedEntity,
  fromId: string,
  toId: string,
): Promise<SessionChange[]> {
  const field = REFERENCE_FIELD[entity];
  const out: SessionChange[] = [];
  // The referring rows are listed from the database, which must hold this push's writes first.
  await s.flush();
  for (const referrer of referringEntities(field)) {
    const filter = field === 'contactId' ? { contactId: fromId } : { customerId: fromId };
    const rows = await s.tx.rows.list(s.teamId, referrer, {
      ...filter,
      includeDeleted: true,
      limit: 1_000_000,
    });
    for (const row of rows) {
      const before = rowState(row);
      const state = applyPatch(before, { fields: { [field]: { v: toId, t: s.nextHlc(before) } } });
      out.push({ entity: referrer, state, before });
    }
  }
  return out;
}
