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
  const last = monthKey(window.asOf);
  return {
    customerId: input.customerId,
    revenue: formatMoney(revenue),
    profit: formatMoney(profit),
    orders: totals?.orders ?? 0,
    margin: ratioText(profit, revenue),
    tier: input.tier,
    lastOrderAt: totals?.lastOrderAt ?? null,
    months: Array.from({ length: 12 }, (_, i) => {
      const month = shiftMonth(last, i - 11);
      const m = months?.get(month);
      return { month, revenue: formatMoney(m?.revenue ?? 0n), profit: formatMoney(m?.profit ?? 0n) };
    }),
    window: windowWire(window),
  };
}
