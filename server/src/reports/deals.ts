import { closedOn, type DealInput } from '@rapport/shared/domain/pipeline';
import { parseMoney } from '@rapport/shared/money';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { hlcToIso } from '@rapport/shared/sync/hlc';
import type { Store } from '../store/store.ts';

/** An opportunity with what the pipeline rules need beside it. */
export interface Deal extends DealInput {
  opportunity: Opportunity;
  /** closeDate, else the day the stage became won/lost; null while open. */
  closedOn: string | null;
}

/**
 * The team's live opportunities (optionally one owner's) as deals. The day a stage changed is the
 * UTC day of the `stage` field's hybrid logical clock: every write of the stage (extension, REST,
 * import) stamps that field and no edit of another field moves it, unlike the row's updatedAt.
 */
export async function loadDeals(store: Store, teamId: string, ownerId?: string): Promise<Deal[]> {
  const rows = await store.rowQueries.liveWithState<Opportunity>(
    teamId,
    'opportunity',
    ownerId === undefined ? {} : { ownerId },
  );
  return rows.map(({ data, state }) => {
    const t = state.fields.stage?.t;
    const deal: DealInput = {
      ownerId: data.ownerId,
      stage: data.stage,
      amount: parseMoney(data.amount),
      closeDate: data.closeDate,
      stageChangedOn: t ? hlcToIso(t).slice(0, 10) : null,
    };
    return { ...deal, opportunity: data, closedOn: closedOn(deal) };
  });
}
