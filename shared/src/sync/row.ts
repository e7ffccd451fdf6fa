import { z } from 'zod';
import { hlcString } from '../schemas/hlc.ts';
import { uuidSchema } from '../schemas/ids.ts';
import { isoDateTime } from '../schemas/primitives.ts';
import type { Hlc } from './hlc.ts';

/**
 * The replicated row model, stored and merged identically by the server and the extension.
 *
 * - Scalar fields are last-writer-wins registers: {v, t}, the highest HLC t wins.
 * - Multi-valued fields (emails, phones, handles, tags, domains, interests) are maps from an
 *   element's normalised key to {v, on, t}: on=false is a removal; per key the highest t wins,
 *   so concurrent adds of different elements all survive.
 * - `deleted` is a tombstone: permanent once set (the earliest delete is kept).
 *
 * Field names are an entity's wire field names; nested objects use dotted names
 * ("preferences.channel"). See entities.ts for which fields each entity has.
 *
 * Pulled rows are authoritative: a client replaces its local row with the pulled state and then
 * re-applies its unacknowledged outbox patches (applyPatch). That is how a rejected mutation is
 * undone and how an erase purges content everywhere.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldState {
  v: Json;
  t: Hlc;
}

export interface SetElement {
  v: Json;
  /** true: the element is present; false: it was removed. */
  on: boolean;
  t: Hlc;
}

export interface Tombstone {
  at: string;
  t: Hlc;
}

export interface RowState {
  id: string;
  fields: Record<string, FieldState>;
  sets: Record<string, Record<string, SetElement>>;
  deleted: Tombstone | null;
}

/** What one write changes; each field and element carries its own HLC. */
export interface Patch {
  fields?: Record<string, FieldState>;
  sets?: Record<string, Record<string, SetElement>>;
}

export const jsonValue = z.json({ error: 'expected a JSON value' }) as unknown as z.ZodType<Json>;

export const fieldStateSchema = z.strictObject({ v: jsonValue, t: hlcString });
export const setElementSchema = z.strictObject({
  v: jsonValue,
  on: z.boolean({ error: 'on must be true or false' }),
  t: hlcString,
});
export const tombstoneSchema = z.strictObject({ at: isoDateTime, t: hlcString });

/** Any entity's row state (entity-specific field checks live in entities.ts). */
export const rowStateSchema = z.strictObject({
  id: uuidSchema,
  fields: z.record(z.string(), fieldStateSchema),
  sets: z.record(z.string(), z.record(z.string(), setElementSchema)),
  deleted: tombstoneSchema.nullable(),
}) satisfies z.ZodType<RowState>;

export function emptyRow(id: string): RowState {
  return { id, fields: {}, sets: {}, deleted: null };
}
