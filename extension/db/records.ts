import { normaliseName } from '@rapport/shared/identity/normalize';
import { phoneKey } from '@rapport/shared/schemas/primitives';
import type { EntityName, EntityTypes } from '@rapport/shared/sync/entities';
import { safeMaterialize } from '@rapport/shared/sync/materialize';
import type { RowState } from '@rapport/shared/sync/row';
import type { EntityRecords, LocalRow } from './schema.ts';

type Indexer<N extends EntityName> = (
  data: EntityTypes[N] | null,
  state: RowState,
) => Omit<EntityRecords[N], keyof LocalRow<unknown>>;

const isLive = <T extends { deletedAt?: string | null }>(data: T | null): data is T =>
  data !== null && !data.deletedAt;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function nameIndex(name: string | undefined): { nameKey?: string; words: string[] } {
  const key = name === undefined ? '' : normaliseName(name);
  return key === '' ? { words: [] } : { nameKey: key, words: [...new Set(key.split(' '))] };
}

const links = <T extends { contactId: string | null; customerId: string | null; deletedAt: string | null }>(
  data: T | null,
) =>
  isLive(data) ? { contactId: data.contactId ?? undefined, customerId: data.customerId ?? undefined } : {};

const INDEXERS: { [N in EntityName]: Indexer<N> } = {
  contact: (c) => {
    if (!isLive(c)) return { emails: [], linkedin: [], x: [], phones: [], words: [] };
    const { nameKey, words } = nameIndex(c.name);
    return {
      emails: c.emails,
      linkedin: c.handles.filter((h) => h.network === 'linkedin').map((h) => h.id),
      x: c.handles.filter((h) => h.network === 'x').map((h) => h.id),
      phones: c.phones.map(phoneKey),
      words,
      nameKey,
      customerId: c.customerId ?? undefined,
      companyId: c.companyId ?? undefined,
      followUpOn: c.followUpOn ?? undefined,
      birthdayKey: c.birthday?.slice(-5),
    };
  },
  customer: (c) =>
    isLive(c)
      ? {
          nameKey: nameIndex(c.name).nameKey,
          externalId: c.externalId ?? undefined,
          domains: c.domains,
          emails: c.emails,
        }
      : { domains: [], emails: [] },
  company: (c) => (isLive(c) ? { nameKey: nameIndex(c.name).nameKey, domains: c.domains } : { domains: [] }),
  interaction: (i, state) => ({
    contactId: str(i?.contactId ?? state.fields.contactId?.v),
    customerId: isLive(i) ? (i.customerId ?? undefined) : undefined,
    at: isLive(i) ? i.at : undefined,
    sourceKey: str(i?.sourceKey ?? state.fields.sourceKey?.v),
  }),
  opportunity: links,
  ticket: links,
  surveyResponse: links,
  customerMetrics: () => ({}),
  product: () => ({}),
  task: (t) =>
    isLive(t) && !t.done
      ? {
          contactId: t.contactId ?? undefined,
          customerId: t.customerId ?? undefined,
          assigneeId: t.assigneeId,
          due: t.due,
        }
      : {},
};

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
  const record = { id: state.id, state, data, ...INDEXERS[entity](data, state) } as EntityRecords[N];
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
