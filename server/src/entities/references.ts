import { ValidationError } from '@rapport/shared/schemas/errors';
import type { EntityName } from '@rapport/shared/sync/entities';
import type { Store } from '../store/store.ts';

/** Fields that name another record, and what they must name: a row of the team, or a team member. */
const REFERENCES: Record<string, EntityName | 'user'> = {
  contactId: 'contact',
  customerId: 'customer',
  companyId: 'company',
  supersedes: 'interaction',
  ownerId: 'user',
  authorId: 'user',
  userId: 'user',
  assigneeId: 'user',
  createdBy: 'user',
};
/** REFERENCES as a list, taken once (every synced write is checked against it). */
const REFERENCE_LIST = Object.entries(REFERENCES);

/**
 * A REST write may only point at live records and members of the caller's team: an id from another
 * team (or none at all) is a 400 naming the field, so nothing stored ever crosses teams. A reference
 * the write leaves as it was is not checked again (its target may since have been deleted).
 * A synced write (`allowDeleted`) may also name a record deleted meanwhile: it was made offline,
 * when that record was live, and refusing it would lose the user's change.
 */
export async function assertReferences(
  tx: Store,
  teamId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  options: { allowDeleted?: boolean; lookup?: ReferenceLookup } = {},
): Promise<void> {
  // An index loop over the pairs: in this async function a for…of left an iterator result per field.
  for (let i = 0; i < REFERENCE_LIST.length; i++) {
    const [field, target] = REFERENCE_LIST[i] as [string, EntityName | 'user'];
    const id = after[field];
    if (typeof id !== 'string' || id === before?.[field]) continue;
    const lookup = options.lookup;
    const found =
      target === 'user'
        ? lookup
          ? await lookup.isMember(id)
          : (await tx.users.get(teamId, id)) !== undefined
        : lookup
          ? await rowCounts(await lookup.row(target, id), options.allowDeleted ?? false)
          : await exists(tx, teamId, target, id, options.allowDeleted ?? false);
    if (found) continue;
    const what = target === 'user' ? 'member' : target;
    const message = `no ${what} ${id} in your team`;
    throw new ValidationError(`${field}: ${message}`, [{ path: field, message }]);
  }
}

/** Where a caller that caches reads (a push) answers the checks from, instead of one query each. */
export interface ReferenceLookup {
  isMember(userId: string): Promise<boolean>;
  /** The team's row (live or tombstoned) as the caller's transaction now sees it. */
  row(entity: EntityName, id: string): Promise<{ deletedAt: string | null } | undefined>;
}

const rowCounts = async (row: { deletedAt: string | null } | undefined, allowDeleted: boolean) =>
  row !== undefined && (allowDeleted || row.deletedAt === null);

async function exists(
  tx: Store,
  teamId: string,
  entity: EntityName,
  id: string,
  allowDeleted: boolean,
): Promise<boolean> {
  const row = await tx.rows.get(teamId, entity, id);
  return row !== undefined && (allowDeleted || row.deletedAt === null);
}
