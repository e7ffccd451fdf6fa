import { z } from '@hono/zod-openapi';
import {
  FOLLOW_UP_STATUSES,
  type FollowUpStatus,
  followUpState,
  sortFollowUps,
} from '@rapport/shared/domain/followup';
import type { Tier } from '@rapport/shared/domain/tiers';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { memberIndex } from './reps.ts';
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

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);

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
  const settings = teamSettings((await store.teams.get(teamId)) ?? { settings: {} });
  const [contacts, tiers, last, opportunities, members] = await Promise.all([
    store.rowQueries.live<Contact>(teamId, 'contact', ownerId === undefined ? {} : { ownerId }),
    store.customerMetrics.tiers(teamId),
    store.rowQueries.lastInteractionByContact(teamId),
    store.rowQueries.live<Opportunity>(teamId, 'opportunity'),
    memberIndex(store, teamId),
  ]);
  const withOpen = new Set(
    opportunities.filter((o) => OPEN.has(o.stage) && o.contactId !== null).map((o) => o.contactId as string),
  );
  const now = clock.now();
  const groups = new Map<string, RepFollowUps & { all: (FollowUpItem & { id: string })[] }>();
  for (const c of contacts) {
    const key = c.ownerId ?? '';
    const member = c.ownerId ? members.get(c.ownerId) : undefined;
    const timeZone = member?.timeZone ?? 'UTC';
    let group = groups.get(key);
    if (!group) {
      const counts = Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, 0])) as Record<
        FollowUpStatus,
        number
      >;
      group = {
        ownerId: c.ownerId,
        name: member?.name ?? null,
        today: '',
        timeZone,
        counts,
        items: [],
        all: [],
      };
      groups.set(key, group);
    }
    const tier = ((c.customerId ? tiers.get(c.customerId) : undefined) ?? 'none') as Tier;
    const lastInteractionAt = last.get(c.id) ?? null;
    const state = followUpState(
      { tier, hasOpenOpportunity: withOpen.has(c.id), scheduledDate: c.followUpOn, lastInteractionAt },
      { now, timeZone },
      settings.cadenceDays,
    );
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
