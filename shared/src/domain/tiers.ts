import type { Money } from '../money.ts';
import {
  checkTierThresholds,
  checkTierWindow,
  type TierThresholds,
  type TierWindowSetting,
} from '../settings.ts';
import { addDays, assertIsoDate, type IsoDate, minDate, monthKey, shiftMonth } from './dates.ts';

export const TIERS = ['A', 'B', 'C', 'D', 'none'] as const;
export type Tier = (typeof TIERS)[number];

/** The tier window as dates: [from, to) with null for unbounded, and the day the figures are "as of". */
export interface ResolvedTierWindow {
  from: IsoDate | null;
  to: IsoDate | null;
  asOf: IsoDate;
  /** True when the window follows the data instead of today (historical imports, past ranges). */
  historical: boolean;
  /** English description; UIs that translate build their own from the fields. */
  label: string;
}

/** First day of the 12-month view ending with `date`'s month. */
function twelveMonthStart(date: IsoDate): IsoDate {
  return `${shiftMonth(monthKey(date), -11)}-01`;
}

/**
 * Resolves the team's tier window. A trailing window of N days ends with the as-of day
 * (included, so `to` = as-of + 1): today, or the newest line's date when that is older than the
 * window's start (historical imports). A range ends on its last day or today, whichever is earlier.
 * All time has no bounds; its as-of is the newest line's date when no line falls in the 12
 * months ending today, so "last 12 months" views still show the data.
 */
export function resolveTierWindow(
  setting: TierWindowSetting,
  today: IsoDate,
  newestLineDate: IsoDate | null,
): ResolvedTierWindow {
  const window = checkTierWindow(setting);
  assertIsoDate(today, 'today');
  if (newestLineDate !== null) assertIsoDate(newestLineDate, 'newest line date');

  switch (window.kind) {
    case 'trailing': {
      const start = addDays(today, 1 - window.days);
      const historical = newestLineDate !== null && newestLineDate < start;
      const asOf = historical ? newestLineDate : today;
      const to = addDays(asOf, 1);
      const label = historical
        ? `${window.days} days to ${asOf} (newest order line; nothing more recent)`
        : `Last ${window.days} days to ${asOf}`;
      return { from: addDays(to, -window.days), to, asOf, historical, label };
    }
    case 'range': {
      const lastDay = addDays(window.to, -1);
      const asOf = minDate(today, lastDay);
      return {
        from: window.from,
        to: window.to,
        asOf,
        historical: asOf < today,
        label: `${window.from} to ${lastDay}`,
      };
    }
    case 'all': {
      const historical = newestLineDate !== null && newestLineDate < twelveMonthStart(today);
      const asOf = historical ? newestLineDate : today;
      return {
        from: null,
        to: null,
        asOf,
        historical,
        label: historical ? `All time (newest order line ${asOf})` : `All time to ${asOf}`,
      };
    }
  }
}

export interface TierInput {
  id: string;
  /** Profit in the tier window. */
  profit: Money;
  /** Whether the customer has any order line in the tier window. */
  hasLines: boolean;
}

/** The tier rule's part that needs no ranking: no lines -> none; profit ≤ 0 -> D; null when it ranks (A, B or C). */
export function unrankedTier(hasLines: boolean, profit: Money): 'none' | 'D' | null {
  return !hasLines ? 'none' : profit <= 0n ? 'D' : null;
}

/**
 * Ranks the whole team's customers by profit contribution: no lines -> none; profit ≤ 0 ->
 * D; the rest by profit descending (ties by id), with C the running sum including the customer
 * and P the positive total: 100·C ≤ a·P -> A, 100·C ≤ b·P -> B, else C. The first is always A.
 */
export function assignTiers(customers: readonly TierInput[], thresholds: TierThresholds): Map<string, Tier> {
  const { a, b } = checkTierThresholds(thresholds);
  const tiers = new Map<string, Tier>();
  const ranked: TierInput[] = [];
  for (const customer of customers) {
    if (tiers.has(customer.id))
      throw new RangeError(`Customer ${JSON.stringify(customer.id)} is listed twice`);
    const fixed = unrankedTier(customer.hasLines, customer.profit);
    if (fixed) tiers.set(customer.id, fixed);
    else {
      tiers.set(customer.id, 'C');
      ranked.push(customer);
    }
  }
  // Code-unit order for ids, so every runtime and locale ranks ties the same way.
  ranked.sort((x, y) =>
    x.profit > y.profit ? -1 : x.profit < y.profit ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
  const total = ranked.reduce((sum, c) => sum + c.profit, 0n);
  const aLimit = BigInt(a) * total;
  const bLimit = BigInt(b) * total;
  let running = 0n;
  ranked.forEach((customer, index) => {
    running += customer.profit;
    const scaled = 100n * running;
    tiers.set(customer.id, index === 0 || scaled <= aLimit ? 'A' : scaled <= bLimit ? 'B' : 'C');
  });
  return tiers;
}

/** A customer's window totals as the tier rule reads them (profit, and how many order lines). */
export interface TierTotals {
  profit: Money;
  lines: number;
}

/**
 * `assignTiers` over window totals: every customer of `ids` (default: those with totals) with its
 * profit, and "has lines" when its line count is above 0; a customer without totals has neither.
 */
export function tiersFromTotals(
  totals: ReadonlyMap<string, TierTotals>,
  thresholds: TierThresholds,
  ids: Iterable<string> = totals.keys(),
): Map<string, Tier> {
  const inputs: TierInput[] = [];
  for (const id of ids) {
    const t = totals.get(id);
    inputs.push({ id, profit: t?.profit ?? 0n, hasLines: (t?.lines ?? 0) > 0 });
  }
  return assignTiers(inputs, thresholds);
}
