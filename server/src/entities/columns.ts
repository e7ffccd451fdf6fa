import {
  type DuplicateKey,
  ENTITIES,
  ENTITY_NAMES,
  type EntityFacts,
  type EntityName,
} from '@rapport/shared/entities';
import { phoneKey } from '@rapport/shared/schemas/primitives';
import type { Identity } from '../store/store.ts';

type Data = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The searchable strings of a field value, appended to `out`: text, list items, a handle's id. */
function searchText(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) searchText(v, out);
  else if (value && typeof value === 'object' && 'id' in value)
    out.push(String((value as { id: unknown }).id));
}

export interface RowColumns {
  ownerId: string | null;
  customerId: string | null;
  contactId: string | null;
  search: string;
}

/** The indexed columns of a row, derived from its materialised entity. */
export function rowColumns(entity: EntityName, data: Data): RowColumns {
  const { owner, search }: EntityFacts = ENTITIES[entity];
  return {
    ownerId: owner ? text(data[owner]) : null,
    customerId: text(data.customerId),
    contactId: text(data.contactId),
    search: searchOf(search, data),
  };
}

/** The search column: the searchable strings of `fields`, one a line, lower-case (a loop: flatMap cost µs per row). */
function searchOf(fields: readonly string[], data: Data): string {
  const out: string[] = [];
  for (const f of fields) searchText(data[f], out);
  return out.join('\n').toLowerCase();
}

/**
 * Identity kinds that must be unique among an entity's live rows (the table's unique duplicate
 * keys): a second row claiming one is a duplicate (sync merges it into the older row; REST answers 409).
 */
export const UNIQUE_IDENTITY_KINDS: Partial<Record<EntityName, readonly string[]>> = Object.fromEntries(
  ENTITY_NAMES.flatMap((entity) => {
    const kinds = (ENTITIES[entity].duplicateKeys as readonly DuplicateKey[])
      .filter((key) => key.unique)
      .flatMap((key) => key.kind);
    return kinds.length > 0 ? [[entity, kinds] as const] : [];
  }),
);

/**
 * The normalised identifying values of a live row (already normalised by the entity schemas),
 * from the table's duplicate keys. Non-unique kinds (contact phones, customer emails and domains,
 * company domains) are for lookups: the first row to claim a value holds it.
 */
export function rowIdentities(entity: EntityName, data: Data): Identity[] {
  if (data.deletedAt) return [];
  const out: Identity[] = [];
  for (const key of ENTITIES[entity].duplicateKeys as readonly DuplicateKey[]) {
    const value = data[key.field];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof key.kind !== 'string') {
        // Handles: the id of each one whose network is a kind.
        const h = v as { network?: string; id?: string } | null;
        if (h && typeof h.network === 'string' && key.kind.includes(h.network)) add(out, h.network, h.id);
      } else if (key.normalise === 'phone') {
        add(out, key.kind, typeof v === 'string' ? phoneKey(v) : null);
      } else add(out, key.kind, v);
    }
  }
  return out;
}

function add(out: Identity[], kind: string, value: unknown): void {
  const v = text(value);
  if (v) out.push({ kind, value: v });
}
