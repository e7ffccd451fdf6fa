import { addDays, monthKey, shiftMonth } from '@rapport/shared/domain/dates';
import { twelveMonthKeys } from '@rapport/shared/domain/month-profits';
import type { ResolvedTierWindow, Tier } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import type { CustomerMetrics, MetricsWindow } from '@rapport/shared/schemas/metrics';
import type { LineTotals, LineWindow } from '../store/repos/order-lines.ts';
import { ratioText } from './ratio-text.ts';

/** Profit per month key (the metrics row keeps profit only: `monthProfits`). */
export type MonthMoney = Map<string, bigint>;

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
  if (monthsFor?.asOf !== asOf) monthsFor = { asOf, months: twelveMonthKeys(asOf) };
  return monthsFor.months;
}

/** One customer's CustomerMetrics wire object from its window totals, tier and monthly profits. */
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
    monthProfits: twelveMonths(window.asOf).map((month) => {
      const m = months?.get(month);
      return m === undefined ? ZERO : formatMoney(m);
    }),
    window: windowWire(window),
  };
}
