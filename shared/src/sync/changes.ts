import type { z } from 'zod';
import { formatZodError, issueDetails, ValidationError } from '../schemas/errors.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { isoDateTime } from '../schemas/primitives.ts';
import { jsonEqual } from './canonical.ts';
import { type EntityName, type EntityTypes, entityDef, parsePatch } from './entities.ts';
import { type Hlc, hlcToIso } from './hlc.ts';
import { getPath } from './materialize.ts';
import { applyPatch, deleteRow } from './merge.ts';
import type { FieldState, Json, Patch, RowState, SetElement } from './row.ts';

/** A wire entity with any subset of fields; nested objects (preferences) may be partial too. */
export type EntityChanges<N extends EntityName> = DeepPartial<EntityTypes[N]>;
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function parseValue(entity: string, path: readonly PropertyKey[], schema: z.ZodType, value: unknown): Json {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      `invalid ${entity} change: ${formatZodError(result.error, path)}`,
      issueDetails(result.error, path),
    );
  }
  return result.data as Json;
}

function knownKeys(entity: EntityName): Set<string> {
  const def = entityDef(entity);
  const keys = new Set([def.idKey, ...(def.timestamps ? ['updatedAt', 'deletedAt'] : [])]);
  for (const f of [...Object.values(def.fields), ...Object.values(def.sets)]) keys.add(f.path.join('.'));
  return keys;
}

function assertKnown(entity: EntityName, after: Record<string, unknown>): void {
  const known = knownKeys(entity);
  const prefixes = new Set([...known].filter((k) => k.includes('.')).map((k) => k.split('.')[0] as string));
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    if (prefixes.has(key) && value !== null && typeof value === 'object') {
      for (const sub of Object.keys(value)) if (!known.has(`${key}.${sub}`)) unknown.push(`${key}.${sub}`);
    } else if (!known.has(key)) unknown.push(key);
  }
  if (unknown.length > 0)
    throw new ValidationError(
      `unknown field(s) for ${entity}: ${unknown.join(', ')}`,
      unknown.map((path) => ({ path, message: 'unknown field' })),
    );
}

/**
 * The patch that turns `before` (null: a new row) into `after`, every change stamped with `hlc`.
 * Only fields present in `after` are considered; unchanged ones are left out. Sets are diffed
 * element-wise (added -> on, missing -> off). id/updatedAt/deletedAt are ignored (derived; delete
 * with entity.delete). A new row without createdAt gets the HLC's wall time. Values are validated
 * and normalised; throws ValidationError naming the field.
 */
export function patchFromChanges<N extends EntityName>(
  entity: N,
  before: EntityChanges<N> | null,
  after: EntityChanges<N>,
  hlc: Hlc,
): Patch {
  const def = entityDef(entity);
  assertKnown(entity, after as Record<string, unknown>);
  const fields: Record<string, FieldState> = {};
  const sets: Record<string, Record<string, SetElement>> = {};

  for (const [name, field] of Object.entries(def.fields)) {
    const raw = getPath(after, field.path);
    if (raw === undefined) continue;
    const v = parseValue(entity, field.path, field.schema, raw);
    const old = before === null ? undefined : getPath(before, field.path);
    if (old === undefined || !jsonEqual(old, v)) fields[name] = { v, t: hlc };
  }
  if (before === null && def.timestamps && def.fields.createdAt && !fields.createdAt)
    fields.createdAt = { v: hlcToIso(hlc), t: hlc };

  for (const [name, field] of Object.entries(def.sets)) {
    const raw = getPath(after, field.path);
    if (raw === undefined) continue;
    if (!Array.isArray(raw))
      throw new ValidationError(`invalid ${entity} change: ${name}: expected a list`, [
        { path: name, message: 'expected a list' },
      ]);
    const next = new Map<string, Json>();
    raw.forEach((item, i) => {
      const v = parseValue(entity, [...field.path, i], field.element, item);
      next.set(field.key(v), v);
    });
    const prev = new Map<string, Json>();
    const oldList = before === null ? [] : getPath(before, field.path);
    for (const item of Array.isArray(oldList) ? oldList : []) {
      const parsed = field.element.safeParse(item);
      const v = (parsed.success ? parsed.data : item) as Json;
      prev.set(field.key(v), v);
    }
    const changes: Record<string, SetElement> = {};
    for (const [key, v] of next)
      if (!prev.has(key) || !jsonEqual(prev.get(key), v)) changes[key] = { v, on: true, t: hlc };
    for (const [key, v] of prev) if (!next.has(key)) changes[key] = { v, on: false, t: hlc };
    if (Object.keys(changes).length > 0) sets[name] = changes;
  }

  const patch: Patch = {};
  if (Object.keys(fields).length > 0) patch.fields = fields;
  if (Object.keys(sets).length > 0) patch.sets = sets;
  return parsePatch(entity, patch);
}

/** A full row for a whole entity written at `hlc` (imports, interaction.add); deletedAt != null tombstones it. */
export function stateFromEntity<N extends EntityName>(
  entity: N,
  value: EntityChanges<N>,
  hlc: Hlc,
): RowState {
  const def = entityDef(entity);
  const { [def.idKey]: rawId, deletedAt: rawDeletedAt } = value as Record<string, unknown>;
  const id = parseValue(entity, [def.idKey], uuidSchema, rawId) as string;
  const state = applyPatch(null, patchFromChanges(entity, null, value, hlc), id);
  if (rawDeletedAt === undefined || rawDeletedAt === null || !def.timestamps) return state;
  return deleteRow(state, id, parseValue(entity, ['deletedAt'], isoDateTime, rawDeletedAt) as string, hlc);
}
