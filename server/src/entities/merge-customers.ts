import type { Customer } from '@rapport/shared/schemas/customer';
import type { EntityName } from '@rapport/shared/sync/entities';
import { applyPatch, deleteRow } from '@rapport/shared/sync/merge';
import { badRequest, notFound } from '../lib/errors.ts';
import { recomputeCustomerMetrics } from '../metrics/recompute.ts';
import type { Store } from '../store/store.ts';
import type { EntityContext } from './rest.ts';
import { type RowChange, rowState, saveRows, writeWithVersion } from './save.ts';
import { nextHlc } from './server-hlc.ts';

/** Records that point at a customer and move with a merge. */
export const MERGED_ENTITIES = ['contact', 'opportunity', 'ticket', 'interaction', 'surveyResponse'] as const;

export interface MergePreview {
  into: { id: string; name: string };
  from: { id: string; name: string };
  /** What moves from `from` to `into`: order lines and each kind of record. */
  moves: { orderLines: number } & Record<(typeof MERGED_ENTITIES)[number], number>;
  dryRun: boolean;
  /** The team version stamped on the merge (null for a dry run). */
  version: number | null;
}

class DryRun extends Error {
  constructor(readonly preview: MergePreview) {
    super('dry run');
  }
}

/**
 * Merges customer `fromId` into `intoId`, in one transaction with one new team version: its order
 * lines, contacts, opportunities, tickets, interactions and survey answers move over, its domains
 * and emails join the survivor's, the loser is tombstoned and recorded as an alias of the survivor
 * (so every client's pull converges on one customer), and metrics and tiers are recomputed. A dry
 * run does the same inside the transaction and rolls it back, answering what would move.
 */
export async function mergeCustomers(
  ctx: Omit<EntityContext, 'user'>,
  teamId: string,
  input: { intoId: string; fromId: string; dryRun: boolean },
): Promise<MergePreview> {
  if (input.intoId === input.fromId) throw badRequest('a customer cannot be merged into itself');
  try {
    return await writeWithVersion(ctx.store, teamId, async (tx, version) => {
      const [into, from] = await Promise.all([
        liveCustomer(tx, teamId, input.intoId),
        liveCustomer(tx, teamId, input.fromId),
      ]);
      const at = ctx.clock.now().toISOString();
      const moves = {
        orderLines: await tx.orderLines.moveCustomer(teamId, from.id, into.id),
      } as MergePreview['moves'];
      const changes: RowChange[] = [];
      for (const entity of MERGED_ENTITIES) {
        const rows = await tx.rows.list(teamId, entity, { customerId: from.id, limit: 1_000_000 });
        moves[entity] = rows.length;
        for (const row of rows) {
          const state = rowState(row);
          const t = nextHlc(ctx.hlc, state);
          changes.push({
            entity: entity as EntityName,
            state: applyPatch(state, { fields: { customerId: { v: into.id, t } } }),
          });
        }
      }
      // The survivor keeps its own fields and gains the loser's domains and emails.
      const intoState = rowState(into.row);
      const t = nextHlc(ctx.hlc, intoState);
      const sets: Record<string, Record<string, { v: string; on: true; t: string }>> = {};
      for (const field of ['domains', 'emails'] as const)
        for (const v of from.data[field])
          if (!into.data[field].includes(v)) {
            const set = sets[field] ?? {};
            set[v] = { v, on: true, t };
            sets[field] = set;
          }
      changes.push({
        entity: 'customer',
        state: Object.keys(sets).length > 0 ? applyPatch(intoState, { sets }) : intoState,
      });
      const fromState = rowState(from.row);
      changes.push({
        entity: 'customer',
        state: deleteRow(fromState, from.id, at, nextHlc(ctx.hlc, fromState)),
      });
      await saveRows(tx, teamId, version, changes, at);
      await tx.aliases.add(teamId, { entity: 'customer', fromId: from.id, toId: into.id, version });
      await recomputeCustomerMetrics(tx, ctx, teamId, version);
      const preview: MergePreview = {
        into: { id: into.id, name: into.data.name },
        from: { id: from.id, name: from.data.name },
        moves,
        dryRun: input.dryRun,
        version: input.dryRun ? null : version,
      };
      // Throwing rolls the transaction back: the preview is exactly what the merge would do.
      if (input.dryRun) throw new DryRun(preview);
      return { result: preview, changed: true };
    });
  } catch (err) {
    if (err instanceof DryRun) return err.preview;
    throw err;
  }
}

async function liveCustomer(tx: Store, teamId: string, id: string) {
  const row = await tx.rows.get(teamId, 'customer', id);
  if (!row || row.deletedAt) throw notFound(`No customer ${id} in your team`);
  return { id, row, data: row.data as unknown as Customer };
}
