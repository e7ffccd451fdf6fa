import { churnAsOf, sortByValueAtRisk, type ValueAtRiskKey } from '@rapport/shared/domain/churn';
import { todayIn } from '@rapport/shared/domain/dates';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { ReadContext } from './context.ts';

/**
 * The churn score (0–100) of a contact's customer today, from the synced customer metrics' churn
 * inputs, as the card scores them: counted to the data's as-of day for historical imports, else to
 * today in the user's zone. Null without metrics or churn inputs (no orders).
 */
export function churnScoreToday(metrics: CustomerMetrics | null, ctx: ReadContext): number | null {
  if (!metrics?.churn) return null;
  const day = metrics.window.historical ? metrics.window.asOf : todayIn(ctx.timeZone, ctx.now);
  return churnAsOf(metrics.churn, metrics.tier, day).score;
}

/**
 * The side panel's follow-up order (kept apart so other item kinds can join the list): overdue
 * first, then tier value × churn score (high-value customers at risk first), then tier, due date
 * and id — shared sortByValueAtRisk.
 */
export function orderFollowUps<T extends ValueAtRiskKey>(items: readonly T[]): T[] {
  return sortByValueAtRisk(items);
}
