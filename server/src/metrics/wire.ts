import { addDays, monthKey, shiftMonth } from '@rapport/shared/domain/dates';
import type { ResolvedTierWindow, Tier } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import type { CustomerMetrics, MetricsWindow } from '@rapport/shared/schemas/metrics';
import type { LineTotals, LineWindow } from '../store/repos/order-lines.ts';
import { ratioText } from './ratio-text.ts';

export type MonthMoney = Map<string, { revenue: bigint; profit: bigint }>;

/** The 12 calendar months ending with asOf's month, as a line window [first day, asOf + 1). */
export function twelveMonthWindow(asOf: string): LineWindow {
  return { from: `${shiftMonth(monthKey(asOf), -11)}-01`, to: addDays(asOf, 1) };
}

export function windowWire(window: ResolvedTierWindow): MetricsWindow {
  return { from: window.from, to: window.to, asOf: window.asOf, historical: window.historical };
}

const ZERO = formatMoney(0n);
let monthsFor: { asOf: string; months: readonly string[] } | null = null;

/** The 12 month keys ending with asOf's month, oldest first (kept for the last asOf: a recompute asks per customer). */
function twelveMonths(asOf: string): readonly string[] {
  if (monthsFor?.asOf !== asOf) {
    const last = monthKey(asOf);
    monthsFor = { asOf, months: Array.from({ length: 12 }, (_, i) => shiftMonth(last, i - 11)) };
  }
  return monthsFor.months;
}

/** One customer's CustomerMetrics wire object from its window totals, tier and monthly sums. */
export function metricsWire(input: {
  customerId: string;
  totals: LineTotals | undefined;
  tier: Tier;
  months: MonthMoney | undefined;
  window: ResolvedTierWindow;
}): CustomerMetrics {
  const { totals, months, window } = input;
  const revenue = totals?.revenue ?? 0n;
  const profit = totals?.profit ?? 0n;
  return {
    customerId: input.customerId,
    revenue: formatMoney(revenue),
    profit: formatMoney(profit),
    orders: totals?.orders ?? 0,
    margin: ratioText(profit, revenue),
    tier: input.tier,
    lastOrderAt: totals?.lastOrderAt ?? null,
    months: twelveMonths(window.asOf).map((month) => {
      const m = months?.get(month);
      return m
        ? { month, revenue: formatMoney(m.revenue), profit: formatMoney(m.profit) }
        : { month, revenue: ZERO, profit: ZERO };
    }),
    window: windowWire(window),
  };
}
