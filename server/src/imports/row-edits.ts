import { type EntityChanges, patchFromChanges, stateFromEntity } from '@rapport/shared/sync/changes';
import type { EntityName } from '@rapport/shared/sync/entities';
import { applyPatch } from '@rapport/shared/sync/merge';
import { type RowChange, rowState } from '../entities/save.ts';
import { type HlcClock, nextHlc } from '../entities/server-hlc.ts';
import type { RowRecord } from '../store/store.ts';

// Server-side writes (imports, metrics) build RowChanges here and store them with saveRows, so they
// get a team version and reach extensions by pull like any client write.

/** A whole new row written by the server now. */
export function newRow<N extends EntityName>(entity: N, value: EntityChanges<N>, hlc: HlcClock): RowChange {
  return { entity, state: stateFromEntity(entity, value, hlc.tick()) };
}

/** The change that sets `changes` on an existing row, or null when the row already holds them. */
export function editRow<N extends EntityName>(
  entity: N,
  row: RowRecord,
  changes: EntityChanges<N>,
  hlc: HlcClock,
): RowChange | null {
  const before = rowState(row);
  const patch = patchFromChanges(entity, row.data as EntityChanges<N>, changes, nextHlc(hlc, before));
  if (!patch.fields && !patch.sets) return null;
  return { entity, state: applyPatch(before, patch) };
}
