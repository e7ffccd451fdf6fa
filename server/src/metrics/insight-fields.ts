import { categoryAffinity } from '@rapport/shared/domain/affinity';
import type { ResolvedTierWindow } from '@rapport/shared/domain/tiers';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Clock } from '../lib/clock.ts';
import { churnRows } from '../reports/churn.ts';
import type { Store } from '../store/store.ts';

export type InsightFields = Pick<CustomerMetrics, 'churn' | 'buysMostly'>;

/**
 * The per-customer insight figures that travel with the synced customer metrics, so the in-page
 * card shows them offline: the churn inputs that do not move with the calendar (the churn
 * report's rows over the tier window; shared churnAsOf scores them against a day, so the rows are
 * not rewritten every day) and the top category by share of spend ("buys mostly …", shared categoryAffinity).
 * Customers without orders get nulls. Kept apart from the metrics recompute, which calls it once.
 */
export async function customerInsightFields(
  store: Store,
  clock: Clock,
  teamId: string,
  window: ResolvedTierWindow,
): Promise<(customerId: string) => InsightFields> {
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
  const affinity = categoryAffinity(
    spend.map((s) => ({ group: s.customerId, category: s.category, spend: s.revenue })),
  );
  return (customerId) => {
    const c = byChurn.get(customerId);
    const top = affinity.get(customerId)?.[0];
    return {
      churn: c
        ? {
            lastOrderAt: c.lastOrderAt,
            interval: c.interval,
            satisfaction: c.satisfaction,
            openComplaints: c.openComplaints,
          }
        : null,
      buysMostly: top ? { category: top.category, share: Math.round(top.share * 10_000) / 10_000 } : null,
    };
  };
}
