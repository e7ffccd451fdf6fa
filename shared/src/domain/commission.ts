import { type Money, mulRateBpsExact, rateProductToCents } from '../money.ts';
import { type CommissionBps, checkCommissionBps, checkMarginTiers, type MarginTiers } from '../settings.ts';
import { getOrInsert } from './collections.ts';
import { assertWindow, type DateWindow, inWindow, type MonthKey, monthKey } from './dates.ts';
import type { OrderLine } from './profit.ts';
import { summarizeBy } from './profit.ts';
import { compareFractions, type Fraction, toFraction } from './ratio.ts';

export const MARGIN_TIERS = ['high', 'medium', 'low'] as const;
export type MarginTier = (typeof MARGIN_TIERS)[number];

/** A product's standard margin as a fraction (0.4 = 40%): a number or decimal string; null when not set. */
export type StandardMargin = number | string | null | undefined;

function tierOfFraction(margin: Fraction, bounds: MarginTiers): MarginTier {
  if (compareFractions(margin, { num: BigInt(bounds.highPct), den: 100n }) >= 0) return 'high';
  if (compareFractions(margin, { num: BigInt(bounds.mediumPct), den: 100n }) >= 0) return 'medium';
  return 'low';
}

/**
 * A product's margin tier: from its standard margin when set, else Σprofit / Σrevenue of
 * its lines, compared exactly (high ≥ highPct, medium ≥ mediumPct). No positive revenue -> low.
 */
export function productMarginTier(
  input: { standardMargin?: StandardMargin; revenue: Money; profit: Money },
  marginTiers: MarginTiers,
): MarginTier {
  const bounds = checkMarginTiers(marginTiers);
  if (input.standardMargin !== null && input.standardMargin !== undefined) {
    return tierOfFraction(toFraction(input.standardMargin), bounds);
  }
  if (input.revenue <= 0n) return 'low';
  return tierOfFraction({ num: input.profit, den: input.revenue }, bounds);
}

/**
 * Margin tiers of every product with lines in the window or a standard margin. Computing them over
 * the same window as the commission report keeps a month's rates stable when later months arrive.
 */
export function productMarginTiers(
  lines: Iterable<Pick<OrderLine, 'productId' | 'orderId' | 'orderedAt' | 'revenue' | 'profit'>>,
  standardMargins: ReadonlyMap<string, StandardMargin>,
  marginTiers: MarginTiers,
  window?: DateWindow,
): Map<string, MarginTier> {
  const sums = summarizeBy(lines, (l) => l.productId, window);
  const tiers = new Map<string, MarginTier>();
  for (const id of new Set([...sums.keys(), ...standardMargins.keys()])) {
    const sum = sums.get(id);
    tiers.set(
      id,
      productMarginTier(
        { standardMargin: standardMargins.get(id), revenue: sum?.revenue ?? 0n, profit: sum?.profit ?? 0n },
        marginTiers,
      ),
    );
  }
  return tiers;
}

export interface RepMonthCommission {
  /** The customer's current owner; null for lines of customers nobody owns. */
  ownerId: string | null;
  month: MonthKey;
  /** Rounded half-up to whole cents, once, after summing exactly. */
  commission: Money;
  /** Revenue of the lines counted (including lines that earned 0). */
  revenue: Money;
  lines: number;
}

/**
 * Revenue a rep sold of one product in one month: one order line, or many lines summed (the
 * report sums them in SQL). Commission is linear in revenue, so both give the same total.
 */
export interface CommissionSale {
  /** The customer's current owner; null when nobody owns the customer. */
  ownerId: string | null;
  productId: string;
  month: MonthKey;
  revenue: Money;
  /** Profit ≥ 0; negative-profit sales earn nothing. */
  earns: boolean;
  /** How many order lines the sale stands for. */
  lines: number;
}

/** One sale per order line inside the window, credited to the customer's current owner. */
export function salesOfLines(
  lines: Iterable<Pick<OrderLine, 'customerId' | 'productId' | 'orderedAt' | 'revenue' | 'profit'>>,
  owners: ReadonlyMap<string, string>,
  window?: DateWindow,
): CommissionSale[] {
  if (window) assertWindow(window);
  const out: CommissionSale[] = [];
  for (const line of lines) {
    if (!inWindow(line.orderedAt, window)) continue;
    out.push({
      ownerId: owners.get(line.customerId) ?? null,
      productId: line.productId,
      month: monthKey(line.orderedAt),
      revenue: line.revenue,
      earns: line.profit >= 0n,
      lines: 1,
    });
  }
  return out;
}

export interface CommissionInput {
  sales: Iterable<CommissionSale>;
  productTiers: ReadonlyMap<string, MarginTier>;
  rates: CommissionBps;
}

/**
 * Commission per rep per month: each sale earns its product's tier rate × its revenue
 * (negative-profit sales earn 0), summed exactly in 1/10^8 units and rounded to cents once per
 * rep-month. Sorted by month, then owner (unowned last).
 */
export function commissionByRepMonth({ sales, productTiers, rates }: CommissionInput): RepMonthCommission[] {
  const bps = checkCommissionBps(rates);
  const groups = new Map<
    string,
    { ownerId: string | null; month: MonthKey; exact: bigint; revenue: Money; lines: number }
  >();
  for (const sale of sales) {
    const tier = productTiers.get(sale.productId);
    if (!tier)
      throw new RangeError(
        `No margin tier for product ${JSON.stringify(sale.productId)}; compute productMarginTiers over the same lines`,
      );
    const { ownerId, month } = sale;
    const group = getOrInsert(groups, JSON.stringify([ownerId, month]), () => ({
      ownerId,
      month,
      exact: 0n,
      revenue: 0n,
      lines: 0,
    }));
    if (sale.earns) group.exact += mulRateBpsExact(sale.revenue, bps[tier]);
    group.revenue += sale.revenue;
    group.lines += sale.lines;
  }
  return [...groups.values()]
    .map(({ exact, ...rest }) => ({ ...rest, commission: rateProductToCents(exact) }))
    .sort((a, b) => {
      if (a.month !== b.month) return a.month < b.month ? -1 : 1;
      if (a.ownerId === b.ownerId) return 0;
      if (a.ownerId === null) return 1;
      if (b.ownerId === null) return -1;
      return a.ownerId < b.ownerId ? -1 : 1;
    });
}
