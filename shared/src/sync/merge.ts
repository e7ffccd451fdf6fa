import { canonicalJson } from './canonical.ts';
import type { Hlc } from './hlc.ts';
import {
  emptyRow,
  type FieldState,
  type Patch,
  type RowState,
  type SetElement,
  type Tombstone,
} from './row.ts';

// Each pick is "max under a total order", which makes merging commutative, associative and
// idempotent. Equal HLCs only arise from a misbehaving clock; the tie-breaks keep replicas equal anyway.

function pickField(a: FieldState, b: FieldState): FieldState {
  if (a.t !== b.t) return a.t > b.t ? a : b;
  return canonicalJson(a.v) >= canonicalJson(b.v) ? a : b;
}

function pickElement(a: SetElement, b: SetElement): SetElement {
  if (a.t !== b.t) return a.t > b.t ? a : b;
  if (a.on !== b.on) return a.on ? b : a; // remove wins an exact tie
  return canonicalJson(a.v) >= canonicalJson(b.v) ? a : b;
}

function pickTombstone(a: Tombstone | null, b: Tombstone | null): Tombstone | null {
  if (!a || !b) return a ?? b;
  if (a.t !== b.t) return a.t < b.t ? a : b; // the first delete stays
  return a.at <= b.at ? a : b;
}

/** `map[key]` when it is the map's own entry (a "__proto__" key read plainly gives the prototype). */
const own = <T>(map: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(map, key) ? map[key] : undefined;

/** Sets an own entry; a "__proto__" key is defined, since assigning it would replace the prototype. */
function put<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

function mergeMaps<T>(
  a: Record<string, T>,
  b: Record<string, T>,
  pick: (x: T, y: T) => T,
): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = own(out, key);
    put(out, key, mine === undefined ? value : pick(mine, value));
  }
  return out;
}

/** Merges two replicas of the same row. Pure; the result shares unchanged leaves with the inputs. */
export function mergeRows(a: RowState, b: RowState): RowState {
  if (a.id !== b.id) throw new Error(`Cannot merge row ${a.id} with row ${b.id}`);
  const sets: Record<string, Record<string, SetElement>> = { ...a.sets };
  for (const [name, elements] of Object.entries(b.sets))
    put(sets, name, mergeMaps(own(sets, name) ?? {}, elements, pickElement));
  return {
    id: a.id,
    fields: mergeMaps(a.fields, b.fields, pickField),
    sets,
    deleted: pickTombstone(a.deleted, b.deleted),
  };
}

/** Applies a patch to a row (null: a row not seen before, then `id` is required). */
export function applyPatch(state: RowState, patch: Patch): RowState;
export function applyPatch(state: RowState | null, patch: Patch, id: string): RowState;
export function applyPatch(state: RowState | null, patch: Patch, id?: string): RowState {
  const rowId = id ?? state?.id;
  if (rowId === undefined) throw new Error('applyPatch needs the row id when there is no existing state');
  if (state && state.id !== rowId)
    throw new Error(`applyPatch: patch for ${rowId} applied to row ${state.id}`);
  if (!state) {
    const created = patchAsRow(rowId, patch);
    if (created) return created;
  }
  return mergeRows(state ?? emptyRow(rowId), {
    id: rowId,
    fields: patch.fields ?? {},
    sets: patch.sets ?? {},
    deleted: null,
  });
}

/**
 * A new row's state from a patch: what mergeRows(emptyRow(id), patch) gives, with the patch's element
 * maps shared rather than copied (merging into nothing picks every entry as it is). Copying them cost
 * microseconds each: their keys (emails, handles) are unique per row, and every fresh object with new
 * keys grows V8's hidden-class transitions (measured on the first sync of thousands of contacts).
 * null when a key is "__proto__" (merged then, by mergeMaps' own-entry reads and writes).
 */
function patchAsRow(id: string, patch: Patch): RowState | null {
  const fields = patch.fields ?? {};
  const sets = patch.sets ?? {};
  if (Object.hasOwn(fields, '__proto__') || Object.hasOwn(sets, '__proto__')) return null;
  for (const name in sets) if (Object.hasOwn(sets[name] as object, '__proto__')) return null;
  return { id, fields: { ...fields }, sets: { ...sets }, deleted: null };
}

/** Tombstones a row (a delete at `at`, HLC `t`); an earlier delete is kept. */
export function deleteRow(state: RowState | null, id: string, at: string, t: Hlc): RowState {
  return mergeRows(state ?? emptyRow(id), { ...emptyRow(id), deleted: { at, t } });
}

/** True when two states hold the same values (whatever the key order), e.g. to skip a version bump. */
export function rowsEqual(a: RowState, b: RowState): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The highest HLC anywhere in the row (null for an empty row). */
export function maxHlc(state: RowState): Hlc | null {
  // Own entries only (Object.values' set), walked without building value lists: called several times per pushed row.
  let max: Hlc | null = state.deleted?.t ?? null;
  const { fields, sets } = state;
  for (const name in fields) {
    if (!Object.hasOwn(fields, name)) continue;
    const t = (fields[name] as FieldState).t;
    if (max === null || t > max) max = t;
  }
  for (const name in sets) {
    if (!Object.hasOwn(sets, name)) continue;
    const set = sets[name] as Record<string, SetElement>;
    for (const key in set) {
      if (!Object.hasOwn(set, key)) continue;
      const t = (set[key] as SetElement).t;
      if (max === null || t > max) max = t;
    }
  }
  return max;
}
