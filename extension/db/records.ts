import { ENTITIES, ENTITY_NAMES } from '@rapport/shared/entities';
import { normaliseName } from '@rapport/shared/identity/normalize';
import { phoneKey } from '@rapport/shared/schemas/primitives';
import type { EntityName, EntityTypes } from '@rapport/shared/sync/entities';
import { safeMaterialize } from '@rapport/shared/sync/materialize';
import type { RowState } from '@rapport/shared/sync/row';
import type { EntityRecords, LocalRow } from './schema.ts';

const isLive = <T extends { deletedAt?: string | null }>(data: T | null): data is T =>
  data !== null && !data.deletedAt;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function nameIndex(name: string | undefined): { nameKey?: string; words: string[] } {
  const key = name === undefined ? '' : normaliseName(name);
  return key === '' ? { words: [] } : { nameKey: key, words: [...new Set(key.split(' '))] };
}

/**
 * The record's index fields, read off the entity table's Dexie index list: every field an index
 * names (compound parts included, the primary key left out); `*field` (multi-entry) ones hold a
 * list, empty on rows that are not indexed.
 */
function indexFields(entity: EntityName): { fields: string[]; lists: Set<string> } {
  const specs = ENTITIES[entity].dexie.indexes.split(',').map((s) => s.trim());
  const fields = new Set<string>();
  const lists = new Set<string>();
  for (const spec of specs.slice(1)) {
    if (spec.startsWith('*')) lists.add(spec.slice(1));
    for (const f of spec.replace(/^[*&]|[[\]]/g, '').split('+')) fields.add(f);
  }
  return { fields: [...fields], lists };
}
const INDEX_FIELDS = Object.fromEntries(ENTITY_NAMES.map((n) => [n, indexFields(n)])) as Record<
  EntityName,
  ReturnType<typeof indexFields>
>;

/** Index fields that are not the live entity's field of the same name. */
const COMPUTED: { [N in EntityName]?: (data: EntityTypes[N]) => Record<string, unknown> } = {
  contact: (c) => ({
    linkedin: c.handles.filter((h) => h.network === 'linkedin').map((h) => h.id),
    x: c.handles.filter((h) => h.network === 'x').map((h) => h.id),
    phones: c.phones.map(phoneKey),
    ...nameIndex(c.name),
    /** 'MM-DD' of the birthday, for greeting reminders. */
    birthdayKey: c.birthday?.slice(-5),
  }),
  customer: (c) => ({ nameKey: nameIndex(c.name).nameKey }),
  company: (c) => ({ nameKey: nameIndex(c.name).nameKey }),
};

/**
 * Index fields kept on tombstones and partial rows (from the row state): an erase finds every
 * interaction of a contact, and an email the user deleted is not auto-logged again.
 */
const KEPT: { [N in EntityName]?: readonly string[] } = { interaction: ['contactId', 'sourceKey'] };

/** Which live rows are indexed (all unless named): tasks only while open. */
const INDEXED: { [N in EntityName]?: (data: EntityTypes[N]) => boolean } = { task: (t) => !t.done };

function indexValues<N extends EntityName>(
  entity: N,
  data: EntityTypes[N] | null,
  state: RowState,
): Record<string, unknown> {
  const { fields, lists } = INDEX_FIELDS[entity];
  const kept: readonly string[] = KEPT[entity] ?? [];
  const row = data as (EntityTypes[N] & { deletedAt?: string | null }) | null;
  const live = isLive(row) && (INDEXED[entity]?.(row) ?? true) ? row : null;
  const computed = live ? (COMPUTED[entity]?.(live) ?? {}) : {};
  const own = (data ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (kept.includes(f)) out[f] = str(own[f] ?? state.fields[f]?.v);
    else if (live) out[f] = f in computed ? computed[f] : (own[f] ?? undefined);
    else if (lists.has(f)) out[f] = [];
  }
  return out;
}

/**
 * The stored record for a row state. `base` undefined means "same as state" (nothing pending);
 * pass null for a row the server has not confirmed.
 */
export function toRecord<N extends EntityName>(
  entity: N,
  state: RowState,
  base?: RowState | null,
): EntityRecords[N] {
  const result = safeMaterialize(entity, state);
  const data = result.success ? result.data : null;
  const record = { id: state.id, state, data, ...indexValues(entity, data, state) } as EntityRecords[N];
  if (base !== undefined) record.base = base;
  return record;
}

/** The server's last known state of a stored row (null: never confirmed). */
export function baseOf(record: LocalRow<unknown> | undefined): RowState | null {
  if (!record) return null;
  return record.base === undefined ? record.state : record.base;
}

/** The materialised entity of a live row, else null. */
export function liveData<T extends { deletedAt?: string | null }>(
  record: Pick<LocalRow<T>, 'data'> | undefined,
): T | null {
  const data = record?.data ?? null;
  return isLive(data) ? data : null;
}
