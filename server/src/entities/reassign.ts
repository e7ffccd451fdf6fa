import type { EntityName } from '@rapport/shared/sync/entities';
import { applyPatch } from '@rapport/shared/sync/merge';
import type { EntityContext } from './rest.ts';
import type { RowChange } from './save.ts';
import { rowState, saveRows, writeWithVersion } from './save.ts';
import { nextHlc } from './server-hlc.ts';

export interface ReassignInput {
  fromUserId: string;
  toUserId: string;
  entities: readonly EntityName[];
}

/**
 * Moves every live record a member owns (of the given entities) to another member, as ordinary
 * ownerId writes stamped with one new team version, so extensions receive them on their next pull.
 */
export async function reassignOwner(
  ctx: Omit<EntityContext, 'user'>,
  teamId: string,
  input: ReassignInput,
): Promise<{ moved: Record<string, number>; version: number }> {
  return writeWithVersion(ctx.store, teamId, async (tx, version) => {
    const owned = await tx.rows.ownedBy(teamId, input.entities, input.fromUserId);
    const moved: Record<string, number> = Object.fromEntries(input.entities.map((e) => [e, 0]));
    const changes: RowChange[] = owned.map((row) => {
      const state = rowState(row);
      moved[row.entity] = (moved[row.entity] ?? 0) + 1;
      const patch = { fields: { ownerId: { v: input.toUserId, t: nextHlc(ctx.hlc, state) } } };
      return { entity: row.entity as EntityName, state: applyPatch(state, patch) };
    });
    await saveRows(tx, teamId, version, changes, ctx.clock.now().toISOString());
    return {
      result: { moved, version: changes.length > 0 ? version : version - 1 },
      changed: changes.length > 0,
    };
  });
}
