import { phoneKey } from '@rapport/shared/schemas/primitives';
import type { EntityName } from '@rapport/shared/sync/entities';
import type { Identity } from '../store/store.ts';

type Data = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Which wire field fills the row's owner_id column (interactions: their author). */
const OWNER_FIELD: Partial<Record<EntityName, string>> = {
  contact: 'ownerId',
  customer: 'ownerId',
  opportunity: 'ownerId',
  ticket: 'ownerId',
  interaction: 'authorId',
  task: 'assigneeId',
};

/** Fields whose text the REST list's `search` matches, per entity. */
const SEARCH_FIELDS: Partial<Record<EntityName, readonly string[]>> = {
  contact: ['name', 'emails', 'phones', 'handles', 'title', 'tags', 'location'],
  customer: ['name', 'externalId', 'emails', 'domains'],
  company: ['name', 'domains'],
  interaction: ['subject', 'summary'],
  opportunity: ['title', 'notes'],
  ticket: ['title', 'orderId', 'description'],
  product: ['name', 'externalId', 'category', 'subCategory'],
  surveyResponse: ['comment'],
  task: ['title', 'note'],
};

function searchText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(searchText);
  if (value && typeof value === 'object' && 'id' in value) return [String((value as { id: unknown }).id)];
  return [];
}

export interface RowColumns {
  ownerId: string | null;
  customerId: string | null;
  contactId: string | null;
  search: string;
}

/** The indexed columns of a row, derived from its materialised entity. */
export function rowColumns(entity: EntityName, data: Data): RowColumns {
  const ownerField = OWNER_FIELD[entity];
  return {
    ownerId: ownerField ? text(data[ownerField]) : null,
    customerId: text(data.customerId),
    contactId: text(data.contactId),
    search: (SEARCH_FIELDS[entity] ?? [])
      .flatMap((f) => searchText(data[f]))
      .join('\n')
      .toLowerCase(),
  };
}

/**
 * Identity kinds that must be unique among an entity's live rows: a second row claiming one is a
 * duplicate (sync merges it into the older row; REST answers 409).
 */
export const UNIQUE_IDENTITY_KINDS: Partial<Record<EntityName, readonly string[]>> = {
  contact: ['email', 'linkedin', 'x'],
  customer: ['externalId'],
  product: ['externalId'],
  interaction: ['sourceKey'],
};

/**
 * The normalised identifying values of a live row (already normalised by the entity schemas).
 * Non-unique kinds (contact phones, customer emails and domains, company domains) are for lookups:
 * the first row to claim a value holds it.
 */
export function rowIdentities(entity: EntityName, data: Data): Identity[] {
  if (data.deletedAt) return [];
  const out: Identity[] = [];
  const add = (kind: string, value: unknown) => {
    const v = text(value);
    if (v) out.push({ kind, value: v });
  };
  switch (entity) {
    case 'contact':
      for (const e of list(data.emails)) add('email', e);
      for (const p of list(data.phones)) add('phone', typeof p === 'string' ? phoneKey(p) : null);
      for (const h of list(data.handles) as { network?: string; id?: string }[]) {
        if (h?.network === 'linkedin' || h?.network === 'x') add(h.network, h.id);
      }
      break;
    case 'customer':
      add('externalId', data.externalId);
      for (const e of list(data.emails)) add('email', e);
      for (const d of list(data.domains)) add('domain', d);
      break;
    case 'company':
      for (const d of list(data.domains)) add('domain', d);
      break;
    case 'product':
      add('externalId', data.externalId);
      break;
    case 'interaction':
      add('sourceKey', data.sourceKey);
      break;
  }
  return out;
}
