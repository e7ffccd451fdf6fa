import { categoryAffinity } from '@rapport/shared/domain/affinity';
import { ownPurchaseInterval, teamPurchaseInterval } from '@rapport/shared/domain/churn';
import { addDays } from '@rapport/shared/domain/dates';
import type { ResolvedTierWindow } from '@rapport/shared/domain/tiers';
import type { SurveyResponse } from '@rapport/shared/schemas/feedback';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import type { Clock } from '../lib/clock.ts';
import { churnRows, serviceChurnInputs } from '../reports/churn.ts';
import type { CustomerInterval } from '../store/repos/customer-metrics.ts';
import type { GroupSpend } from '../store/repos/insight.ts';
import type { Store } from '../store/store.ts';

export type InsightFields = Pick<CustomerMetrics, 'churn' | 'buysMostly'>;

export interface InsightSource {
  of: (customerId: string) => InsightFields;
  /** Every customer's interval (team-wide) or those of the customers whose lines changed (incremental). */
  intervals: CustomerInterval[];
}

/** The top category by share of spend, per customer (shared categoryAffinity). */
function buysMostlyOf(spend: readonly GroupSpend[]): (customerId: string) => InsightFields['buysMostly'] {
  const affinity = categoryAffinity(
    spend.map((s) => ({ group: s.customerId, category: s.category, spend: s.revenue })),
  );
  return (customerId) => {
    const top = affinity.get(customerId)?.[0];
    return top ? { category: top.category, share: Math.round(top.share * 10_000) / 10_000 } : null;
  };
}

/**
 * The per-customer insight figures that travel with the synced customer metrics, so the in-page
 * card shows them offline: the churn inputs that do not move with the calendar (the churn
 * report's rows over the tier window; shared churnAsOf scores them against a day, so the rows are
 * not rewritten every day) and the top category by share of spend ("buys mostly …", shared categoryAffinity).
 * Customers without orders get nulls. Reads the whole team (a first recompute or a new window);
 * `intervals` holds every customer's, for the incremental recomputes that follow.
 */
export async function customerInsightFields(
  store: Store,
  clock: Clock,
  teamId: string,
  window: ResolvedTierWindow,
): Promise<InsightSource> {
  const range = { from: window.from, to: window.to };
  const [churn, spend] = await Promise.all([
    churnRows(store, clock, teamId, {
      ...range,
      source: 'team',
      asOf: window.asOf,
      historical: window.historical,
      label: window.label,
    }),
    store.insight.categorySpend(teamId, range, 'category'),
  ]);
  const byChurn = new Map(churn.rows.map((r) => [r.id, r]));
  const buysMostly = buysMostlyOf(spend);
  return {
    of: (customerId) => {
      const c = byChurn.get(customerId);
      return {
        churn: c
          ? {
              lastOrderAt: c.lastOrderAt,
              interval: c.interval,
              satisfaction: c.satisfaction,
              openComplaints: c.openComplaints,
            }
          : null,
        buysMostly: buysMostly(customerId),
      };
    },
    intervals: churn.rows.map((r) => ({
      customerId: r.id,
      lastDay: r.lastOrderAt,
      own: r.intervalSource === 'own' ? r.interval : null,
    })),
  };
}

/**
 * The same figures for some customers only, under the window the stored intervals were computed
 * for (metrics_state): the order days of `changed` (customers whose lines changed) are read again,
 * every other customer's newest day and own interval are the stored ones (read for the customers
 * asked for only). The changed customers' intervals are written here, in the caller's transaction,
 * and the team's interval is the median of the own intervals after the change, its middle found in SQL. `teamIntervalUsers` are the customers whose churn interval is the team's (no
 * own interval), read only when the team's interval moved: then they must be rebuilt too, so the
 * caller adds them to `ids` before asking for their fields.
 */
export async function changedCustomersInsight(
  store: Store,
  teamId: string,
  window: ResolvedTierWindow,
  changed: readonly string[],
): Promise<{
  teamIntervalMoved: boolean;
  teamIntervalUsers: () => Promise<string[]>;
  fields: (ids: readonly string[]) => Promise<(customerId: string) => InsightFields>;
}> {
  const days = new Map<string, string[]>();
  for (const d of await store.insight.customerOrderDays(
    teamId,
    { from: null, to: addDays(window.asOf, 1) },
    changed,
  )) {
    const list = days.get(d.customerId);
    if (list) list.push(d.day);
    else days.set(d.customerId, [d.day]);
  }
  const intervals: CustomerInterval[] = [];
  for (const [customerId, list] of days)
    intervals.push({ customerId, lastDay: list[list.length - 1] as string, own: ownPurchaseInterval(list) });
  const fresh = new Map(intervals.map((i) => [i.customerId, i]));
  const repo = store.customerMetrics;
  // The team's interval before and after the changed customers' intervals are written (the
  // triggers keep interval_counts): their old intervals are never read back.
  const before = teamPurchaseInterval(await repo.intervalMiddle(teamId));
  await repo.putIntervals(teamId, changed, intervals);
  const teamInterval = teamPurchaseInterval(await repo.intervalMiddle(teamId));
  const changedSet = new Set(changed);
  return {
    teamIntervalMoved: before !== teamInterval,
    teamIntervalUsers: async () => [
      ...(await repo.teamIntervalUsers(teamId, changed)),
      ...intervals.filter((i) => i.own === null).map((i) => i.customerId),
    ],
    fields: async (ids) => {
      const range = { from: window.from, to: window.to };
      // Each asked-for customer's interval after the change: new for `changed`, else the stored one.
      const storedOf = await repo.intervalsOf(
        teamId,
        ids.filter((id) => !changedSet.has(id)),
      );
      const after = new Map([...storedOf, ...fresh]);
      const withDays = ids.filter((id) => after.has(id));
      // A team without surveys or tickets (most imports) skips reading them per customer.
      const service = async <T>(entity: string): Promise<T[]> =>
        (await store.insight.hasRows(teamId, entity))
          ? store.rowQueries.live<T>(teamId, entity, { customerIds: withDays })
          : [];
      const [spend, surveys, tickets] = await Promise.all([
        store.insight.categorySpend(teamId, range, 'category', ids),
        service<SurveyResponse>('surveyResponse'),
        service<Ticket>('ticket'),
      ]);
      const { satisfactionOf, openComplaintsOf } = serviceChurnInputs(surveys, tickets, range);
      const buysMostly = buysMostlyOf(spend);
      return (customerId) => {
        const i = after.get(customerId);
        return {
          churn: i
            ? {
                lastOrderAt: i.lastDay,
                interval: i.own ?? teamInterval,
                satisfaction: satisfactionOf(customerId),
                openComplaints: openComplaintsOf(customerId),
              }
            : null,
          buysMostly: buysMostly(customerId),
        };
      };
    },
  };
}
