import { UUID_V7 } from '@rapport/shared/ids';
import { entityDef } from '@rapport/shared/sync/entities';
import { isHlc } from '@rapport/shared/sync/hlc';
import { getPath } from '@rapport/shared/sync/materialize';
import {
  type Mutation,
  type MutationEnvelope,
  UPSERT_ENTITIES,
  type UpsertEntity,
} from '@rapport/shared/sync/mutations';
import type { FieldState, Patch, RowState, SetElement } from '@rapport/shared/sync/row';
import { findBadText } from '@rapport/shared/text';

/**
 * Validating an upsert once instead of twice.
 *
 * safeParseMutation checks every value of a patch with its field's zod schema, and the push then
 * materialises the row, which checks the same values again with the entity schema (the same field
 * schemas: entities.ts builds the patch schema from the entity's shape). For an upsert whose patch is
 * well-formed, the push now skips the first pass: `quickUpsert` checks only the patch's shape (known
 * fields, `{v, t}` / `{v, on, t}` entries, HLCs, the id, no bad text), and after materialising,
 * `verifyLanded` checks that every value of the patch won its merge and came out of the entity schema
 * unchanged — so it was valid and already normalised, and the full parse would have accepted the same
 * patch. Anything else (a value normalised by its schema, a value that lost its merge, a removed set
 * element, a tombstoned row, a refusal) throws `FullParse`, and the push validates that mutation as
 * before (the same answer, the same rejection message) and applies it again: handlers read first and
 * write last, so nothing of the first attempt remains.
 */

/** Patches accepted by their shape only; the push's upsert must verify them (see verifyLanded). */
const unverified = new WeakSet<Patch>();

export function isUnverified(patch: Patch): boolean {
  return unverified.has(patch);
}

export function isUnverifiedMutation(mutation: Mutation): boolean {
  return UPSERT_NAMES.has(mutation.name) && unverified.has((mutation.args as { patch: Patch }).patch);
}

/** Thrown by an upsert whose unverified patch must be validated in full before it is applied. */
export class FullParse extends Error {
  override name = 'FullParse';
}

const UPSERT_NAMES = new Map<string, UpsertEntity>(UPSERT_ENTITIES.map((e) => [`${e}.upsert`, e]));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** How many own enumerable keys v has (Object.keys(v).length, without building the array). */
function ownKeyCount(v: Record<string, unknown>): number {
  let n = 0;
  for (const k in v) if (Object.hasOwn(v, k)) n += 1;
  return n;
}

/** Exactly these keys (a strictObject with every key present). */
function hasKeys(v: Record<string, unknown>, keys: readonly string[]): boolean {
  if (ownKeyCount(v) !== keys.length) return false;
  for (const k of keys) if (!Object.hasOwn(v, k)) return false;
  return true;
}

const ENVELOPE_KEYS = ['id', 'name', 'args'] as const;
const ARGS_KEYS = ['id', 'patch'] as const;
const FIELD_KEYS = ['v', 't'] as const;
const ELEMENT_KEYS = ['v', 'on', 't'] as const;

/**
 * The mutation with its patch taken as sent, when it is an upsert whose shape passes; null sends it
 * to the full parse. Conservative: whatever this accepts, the full parse accepts too except for
 * values, which verifyLanded checks through the entity schema.
 */
export function quickUpsert(raw: MutationEnvelope | unknown): Mutation | null {
  if (!isRecord(raw) || !hasKeys(raw, ENVELOPE_KEYS)) return null;
  const { id, name, args } = raw;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) return null;
  const entity = typeof name === 'string' ? UPSERT_NAMES.get(name) : undefined;
  if (!entity || !isRecord(args) || !hasKeys(args, ARGS_KEYS)) return null;
  if (typeof args.id !== 'string' || !UUID_V7.test(args.id)) return null;
  const patch = args.patch;
  if (!isRecord(patch)) return null;
  for (const k in patch) if (Object.hasOwn(patch, k) && k !== 'fields' && k !== 'sets') return null;
  const def = entityDef(entity);
  // Own keys walked with for…in and Object.hasOwn, as Object.entries would list them, without
  // allocating an entry array per field (this runs for every pushed upsert).
  if (patch.fields !== undefined) {
    const fields = patch.fields;
    if (!isRecord(fields)) return null;
    for (const field in fields) {
      if (!Object.hasOwn(fields, field)) continue;
      const state = fields[field];
      if (!Object.hasOwn(def.fields, field) || !isRecord(state) || !hasKeys(state, FIELD_KEYS)) return null;
      if (!isHlc(state.t)) return null;
    }
  }
  if (patch.sets !== undefined) {
    const sets = patch.sets;
    if (!isRecord(sets)) return null;
    for (const field in sets) {
      if (!Object.hasOwn(sets, field)) continue;
      const elements = sets[field];
      const set = Object.hasOwn(def.sets, field) ? def.sets[field] : undefined;
      if (!set || !isRecord(elements)) return null;
      for (const key in elements) {
        if (!Object.hasOwn(elements, key)) continue;
        const e = elements[key];
        // A removal keeps its value in the row without materialising it: validated in full.
        if (!isRecord(e) || !hasKeys(e, ELEMENT_KEYS) || e.on !== true || !isHlc(e.t)) return null;
        if (!sameKey(set.key, e.v, key)) return null;
      }
    }
  }
  if (findBadText(args) !== null) return null;
  const mutation = { id, name, args: { id: args.id, patch } } as Mutation;
  unverified.add(patch as Patch);
  return mutation;
}

function sameKey(key: (v: never) => string, value: unknown, expected: string): boolean {
  try {
    return key(value as never) === expected;
  } catch {
    return false;
  }
}

/**
 * After materialising `after` into `data` (the entity schema's output): throws FullParse unless every
 * value of `patch` is in the row with its own clock and came out of the schema unchanged.
 */
export function verifyLanded(
  entity: UpsertEntity,
  patch: Patch,
  after: RowState,
  data: Record<string, unknown>,
): void {
  const def = entityDef(entity);
  const fields = patch.fields ?? {};
  for (const field in fields) {
    if (!Object.hasOwn(fields, field)) continue;
    const state = fields[field] as FieldState;
    const landed = after.fields[field];
    const path = def.fields[field]?.path;
    if (!landed || !path || landed.t !== state.t) throw new FullParse(field);
    if (!sameValue(landed.v, state.v) || !sameValue(getPath(data, path), state.v)) throw new FullParse(field);
  }
  const sets = patch.sets ?? {};
  for (const field in sets) {
    if (!Object.hasOwn(sets, field)) continue;
    const elements = sets[field] as Record<string, SetElement>;
    const path = def.sets[field]?.path;
    const materialised = path ? getPath(data, path) : undefined;
    if (!Array.isArray(materialised)) throw new FullParse(field);
    for (const key in elements) {
      const e = elements[key] as SetElement;
      const landed = after.sets[field]?.[key];
      if (!landed || landed.t !== e.t || !landed.on || !sameValue(landed.v, e.v)) throw new FullParse(field);
      if (!materialised.some((m) => sameValue(m, e.v))) throw new FullParse(field);
    }
  }
}

/**
 * Equal JSON values whatever their key order: primitives by identity, objects and arrays as their
 * canonical JSON would compare (keys holding undefined ignored, an undefined array slot taken as
 * null), without building that text — it was most of this check's cost, once per handle.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i] ?? null, other[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    defined += 1;
    if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) defined -= 1;
  return defined === 0;
}
