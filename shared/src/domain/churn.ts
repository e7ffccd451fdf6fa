import { compareCodeUnits } from './collections.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { Tier } from './tiers.ts';

/** The median of whole numbers (the mean of the middle two when the count is even); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/** A customer's own purchase interval needs at least this many distinct order days (two gaps). */
export const MIN_ORDER_DAYS_FOR_OWN_INTERVAL = 3;

/**
 * A customer's own expected purchase interval in days: the median gap between consecutive distinct
 * order days, when there are at least 3 of them; else null (use the team's median instead).
 * Two orders on one day count as one purchase day, so same-day orders never make a 0-day gap.
 */
export function ownPurchaseInterval(orderDays: readonly IsoDate[]): number | null {
  const days = [...new Set(orderDays)].sort();
  if (days.length < MIN_ORDER_DAYS_FOR_OWN_INTERVAL) return null;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i++) gaps.push(daysBetween(days[i - 1] as IsoDate, days[i] as IsoDate));
  return median(gaps);
}

/** The team's interval: the median of the customers' own intervals (null when nobody has one). */
export function teamPurchaseInterval(ownIntervals: Iterable<number | null>): number | null {
  return median([...ownIntervals].filter((v): v is number => v !== null));
}

/** Late when the days since the last order exceed 1.5 × the expected interval (2·days > 3·interval, exact). */
export function isLate(daysSinceLastOrder: number, interval: number | null): boolean {
  if (interval === null) return false;
  return 2 * daysSinceLastOrder > 3 * interval;
}

/**
 * Churn score weights (points out of 100; higher = more at risk):
 *   lateness 40: 0 while days since the last order ≤ the interval, then rising linearly to 40 at
 *     3 × the interval and beyond; with no interval known it is 20 (unknown, half weight).
 *   tier 20: how weak the customer's profit tie is: A 0, B 5, C 10, D 15, none (no order in the window) 20.
 *   satisfaction 20: (1 − normalised CSAT) × 20, CSAT normalised to 0–1; 10 when unknown.
 *   open complaints 20: 10 per open ticket (open or in progress), at most 20.
 * The sum is rounded to a whole number.
 */
export const CHURN_WEIGHTS = { lateness: 40, tier: 20, satisfaction: 20, complaints: 20 } as const;
const TIER_RISK: Record<Tier, number> = { A: 0, B: 0.25, C: 0.5, D: 0.75, none: 1 };
const POINTS_PER_COMPLAINT = 10;

export interface ChurnInput {
  daysSinceLastOrder: number;
  /** The customer's own interval, or the team's; null when neither is known. */
  interval: number | null;
  tier: Tier;
  /** Mean CSAT normalised to 0–1, null when the customer has no scores. */
  satisfaction: number | null;
  openComplaints: number;
}

export interface ChurnScore {
  score: number;
  late: boolean;
  /** Each weighted part, unrounded, so a UI can say why. */
  parts: { lateness: number; tier: number; satisfaction: number; complaints: number };
}

export function churnScore(input: ChurnInput): ChurnScore {
  const { daysSinceLastOrder: days, interval } = input;
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days since the last order must be a whole number ≥ 0, got ${days}`);
  if (interval !== null && !(interval >= 0)) throw new RangeError(`interval must be ≥ 0, got ${interval}`);
  if (input.satisfaction !== null && !(input.satisfaction >= 0 && input.satisfaction <= 1))
    throw new RangeError(`satisfaction must be 0–1, got ${input.satisfaction}`);
  if (!Number.isInteger(input.openComplaints) || input.openComplaints < 0)
    throw new RangeError(`open complaints must be a whole number ≥ 0, got ${input.openComplaints}`);
  const ratio = interval === null ? null : interval === 0 ? (days > 0 ? 3 : 0) : days / interval;
  const lateness =
    ratio === null
      ? CHURN_WEIGHTS.lateness / 2
      : CHURN_WEIGHTS.lateness * Math.min(1, Math.max(0, (ratio - 1) / 2));
  const parts = {
    lateness,
    tier: CHURN_WEIGHTS.tier * TIER_RISK[input.tier],
    satisfaction:
      input.satisfaction === null
        ? CHURN_WEIGHTS.satisfaction / 2
        : CHURN_WEIGHTS.satisfaction * (1 - input.satisfaction),
    complaints: Math.min(CHURN_WEIGHTS.complaints, POINTS_PER_COMPLAINT * input.openComplaints),
  };
  const score = Math.round(parts.lateness + parts.tier + parts.satisfaction + parts.complaints);
  return { score, late: isLate(days, interval), parts };
}

/**
 * The churn inputs that do not move with the calendar (so a stored copy changes only when orders,
 * surveys or tickets do): the newest order day ever, the expected interval, satisfaction and open
 * complaints. The customer metrics carry them; the card scores them against its own today.
 */
export interface StoredChurn {
  lastOrderAt: IsoDate;
  interval: number | null;
  satisfaction: number | null;
  openComplaints: number;
}

/** The churn score of stored inputs as of a day (days since the last order counted to `asOf`, never negative). */
export function churnAsOf(stored: StoredChurn, tier: Tier, asOf: IsoDate): ChurnScore {
  return churnScore({
    daysSinceLastOrder: Math.max(0, daysBetween(stored.lastOrderAt, asOf)),
    interval: stored.interval,
    tier,
    satisfaction: stored.satisfaction,
    openComplaints: stored.openComplaints,
  });
}

/** At or above this score a customer counts as at risk even when not (yet) late. */
export const AT_RISK_SCORE = 50;

export interface FollowUpCandidate {
  id: string;
  score: number;
  late: boolean;
  /** Window profit, exact. */
  profit: bigint;
}

/**
 * The follow-up order for churn: high-value customers at risk first. At risk = late or score ≥ 50;
 * those come first by profit descending, then everyone else by score descending; ties by id.
 */
export function rankForFollowUp<T extends FollowUpCandidate>(rows: readonly T[]): T[] {
  const atRisk = (r: T) => r.late || r.score >= AT_RISK_SCORE;
  return [...rows].sort((a, b) => {
    const ra = atRisk(a);
    const rb = atRisk(b);
    if (ra !== rb) return ra ? -1 : 1;
    if (ra && a.profit !== b.profit) return a.profit > b.profit ? -1 : 1;
    if (a.score !== b.score) return b.score - a.score;
    return compareCodeUnits(a.id, b.id);
  });
}

/** What a customer's tier is worth keeping, for the follow-up order: A 4, B 3, C 2, D 1, none 0. */
export const TIER_VALUE: Record<Tier, number> = { A: 4, B: 3, C: 2, D: 1, none: 0 };

/** Tier value × churn score (0–400, whole); 0 when the score is unknown (no orders). */
export function valueAtRisk(tier: Tier, churnScore: number | null): number {
  return churnScore === null ? 0 : TIER_VALUE[tier] * churnScore;
}

export interface ValueAtRiskKey {
  id: string;
  /** Only 'overdue' matters here: overdue items lead. */
  status: string;
  tier: Tier;
  /** The churn score 0–100 of the contact's customer as of today; null when not known. */
  churnScore: number | null;
  due: IsoDate | null;
}

const TIER_ORDER: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3, none: 4 };

/**
 * The extension's follow-up order, high-value customers at risk first: overdue items first; then
 * value at risk = tier value (A 4, B 3, C 2, D 1, none 0) × churn score, highest first; then tier
 * (A first); then due date (earliest first, none last); then id. So an overdue B customer scoring 60
 * (180) leads an overdue A customer scoring 30 (120), and with no churn scores known the order is
 * the plain one (overdue, tier, due date).
 */
export function sortByValueAtRisk<T extends ValueAtRiskKey>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const overdue = Number(b.status === 'overdue') - Number(a.status === 'overdue');
    if (overdue !== 0) return overdue;
    const risk = valueAtRisk(b.tier, b.churnScore) - valueAtRisk(a.tier, a.churnScore);
    if (risk !== 0) return risk;
    const tier = TIER_ORDER[a.tier] - TIER_ORDER[b.tier];
    if (tier !== 0) return tier;
    if (a.due !== b.due) {
      if (a.due === null) return 1;
      if (b.due === null) return -1;
      return a.due < b.due ? -1 : 1;
    }
    return compareCodeUnits(a.id, b.id);
  });
}
