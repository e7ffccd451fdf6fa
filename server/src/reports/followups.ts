import { z } from '@hono/zod-openapi';
import { FOLLOW_UP_STATUSES, type FollowUpStatus, sortFollowUps } from '@rapport/shared/domain/followup';
import type { Tier } from '@rapport/shared/domain/tiers';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { contactFollowUpStates } from './contact-followups.ts';
import { perRepScope, type Viewer } from './scope.ts';

export const FollowUpsQuery = z.object({
  ownerId: z.string().max(100).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(20)
    .openapi({ description: 'Overdue and due contacts listed per rep' }),
});
export type FollowUpsQuery = z.infer<typeof FollowUpsQuery>;

export interface FollowUpItem {
  contactId: string;
  name: string;
  customerId: string | null;
  tier: Tier;
  status: FollowUpStatus;
  due: string | null;
  lastInteractionAt: string | null;
}

export interface RepFollowUps {
  ownerId: string | null;
  name: string | null;
  /** The rep's today in their time zone (UTC when they set none). */
  today: string;
  timeZone: string;
  counts: Record<FollowUpStatus, number>;
  /** Overdue first, then due; by tier (shared sort). */
  items: FollowUpItem[];
}

/**
 * Follow-up status of every contact (shared followUpState) grouped by owner: cadence from the
 * linked customer's tier, due date from the scheduled date or the last interaction, days counted in
 * the owner's time zone. A rep sees only their own contacts.
 */
export async function followUpsReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: FollowUpsQuery,
): Promise<{ reps: RepFollowUps[] }> {
  const { teamId } = viewer;
  const ownerId = perRepScope(viewer, q.ownerId);
  const groups = new Map<string, RepFollowUps & { all: (FollowUpItem & { id: string })[] }>();
  for (const { contact: c, owner, tier, timeZone, lastInteractionAt, state } of await contactFollowUpStates(
    store,
    clock,
    teamId,
    ownerId,
  )) {
    const key = c.ownerId ?? '';
    let group = groups.get(key);
    if (!group) {
      const counts = Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, 0])) as Record<
        FollowUpStatus,
        number
      >;
      group = {
        ownerId: c.ownerId,
        name: owner?.name ?? null,
        today: '',
        timeZone,
        counts,
        items: [],
        all: [],
      };
      groups.set(key, group);
    }
    group.today = state.today;
    group.counts[state.status] += 1;
    if (state.status === 'overdue' || state.status === 'due') {
      group.all.push({
        id: c.id,
        contactId: c.id,
        name: c.name,
        customerId: c.customerId,
        tier,
        status: state.status,
        due: state.due,
        lastInteractionAt,
      });
    }
  }
  const reps = [...groups.values()].map(({ all, ...rep }) => ({
    ...rep,
    items: sortFollowUps(all)
      .slice(0, q.limit)
      .map(({ id: _id, ...item }) => item),
  }));
  reps.sort(
    (a, b) => b.counts.overdue - a.counts.overdue || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'),
  );
  return { reps };
}
