import type { z } from 'zod';
import { compareCodeUnits } from '../domain/collections.ts';
import { acceptor, UNSURE } from '../schemas/accept.ts';
import { formatZodError, issueDetails, ValidationError } from '../schemas/errors.ts';
import { canonicalJson } from './canonical.ts';
import {
  type EntityName,
  type EntityTypes,
  entityDef,
  type ScalarFieldDef,
  type SetFieldDef,
} from './entities.ts';
import { hlcToIso } from './hlc.ts';
import { maxHlc } from './merge.ts';
import type { Json, RowState, SetElement } from './row.ts';

export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  const last = path.length - 1;
  for (let i = 0; i < last; i++) {
    const key = path[i] as string;
    cur[key] ??= {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[last] as string] = value;
}

/** Each entity's field and set definitions as entry lists, listed once rather than per row. */
const defEntries = new Map<
  EntityName,
  { fields: [string, ScalarFieldDef][]; sets: [string, SetFieldDef][] }
>();

function entriesOf(entity: EntityName) {
  let entries = defEntries.get(entity);
  if (!entries) {
    const def = entityDef(entity);
    entries = { fields: Object.entries(def.fields), sets: Object.entries(def.sets) };
    defEntries.set(entity, entries);
  }
  return entries;
}

const NO_ELEMENTS: Readonly<Record<string, SetElement>> = Object.freeze({});

/** The plain (unvalidated) wire object of a row. Set elements come out sorted by key. */
function assemble(entity: EntityName, state: RowState): Record<string, unknown> {
  const def = entityDef(entity);
  const { fields, sets } = entriesOf(entity);
  const out: Record<string, unknown> = { [def.idKey]: state.id };
  for (const [name, field] of fields) {
    const stored = state.fields[name];
    const value = stored ? stored.v : field.fallback?.value;
    if (value !== undefined) setPath(out, field.path, value);
  }
  for (const [name, field] of sets) {
    // Live element keys walked with for…in (own keys, as Object.entries lists them) and sorted only
    // when there are two or more: no entry pairs or filtered copies per set and row.
    const set = state.sets[name] ?? NO_ELEMENTS;
    const keys: string[] = [];
    for (const key in set) if (Object.hasOwn(set, key) && (set[key] as SetElement).on) keys.push(key);
    if (keys.length > 1) keys.sort(compareCodeUnits);
    const elements: unknown[] = [];
    for (const key of keys) elements.push((set[key] as SetElement).v);
    if (elements.length > 0 || !def.absentWhenEmpty.has(name)) setPath(out, field.path, elements);
  }
  if (def.timestamps) {
    const latest = maxHlc(state);
    if (latest) out.updatedAt = hlcToIso(latest);
    out.deletedAt = state.deleted?.at ?? null;
  }
  return out;
}

export type MaterializeResult<N extends EntityName> =
  | { success: true; data: EntityTypes[N] }
  | { success: false; error: ValidationError };

/** Like materialize, without throwing: a row missing required fields (e.g. a rejected create) gives an error. */
export function safeMaterialize<N extends EntityName>(entity: N, state: RowState): MaterializeResult<N> {
  const schema = entityDef(entity).schema as z.ZodType<EntityTypes[N]>;
  const assembled = assemble(entity, state);
  // The accept-only validator gives zod's value without zod's machinery; when unsure, zod decides.
  const accepted = acceptor(schema)(assembled);
  if (accepted !== UNSURE) return { success: true, data: accepted as EntityTypes[N] };
  const result = schema.safeParse(assembled);
  if (result.success) return { success: true, data: result.data };
  const error = new ValidationError(
    `${entity} ${state.id} cannot be materialised: ${formatZodError(result.error)}`,
    issueDetails(result.error),
  );
  return { success: false, error };
}

/**
 * The wire entity for a row, validated with the entity schema. updatedAt is the wall time of the
 * row's highest HLC, deletedAt the tombstone's time; multi-valued fields are sorted by element key.
 */
export function materialize<N extends EntityName>(entity: N, state: RowState): EntityTypes[N] {
  const result = safeMaterialize(entity, state);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * A deleted row with its content purged (contact.erase): only the entity's keepOnErase fields stay,
 * required content gets placeholders, sets are emptied. Relies on pulled rows replacing local ones.
 */
export function eraseRow(entity: EntityName, state: RowState): RowState {
  if (!state.deleted) throw new ValidationError(`${entity} ${state.id}: only a deleted row can be erased`);
  const def = entityDef(entity);
  const t = state.deleted.t;
  const fields: RowState['fields'] = {};
  for (const name of def.keepOnErase) {
    const kept = state.fields[name];
    if (kept) fields[name] = kept;
  }
  for (const [name, v] of Object.entries(def.erasedValues))
    fields[name] = { v, t: state.fields[name]?.t ?? t };
  return { id: state.id, fields, sets: {}, deleted: state.deleted };
}

/** The stable JSON of a materialised entity (e.g. to compare two replicas in tests). */
export function entityJson(entity: unknown): string {
  return canonicalJson(entity as Json);
}
