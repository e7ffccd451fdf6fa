import type { Money } from '../money.ts';
import type { TierThresholds, TierWindowSetting } from '../settings.ts';
import { getOrInsert } from './collections.ts';
import type { IsoDate } from './dates.ts';
import { last12Months, type OrderLine, type PeriodSummary, summarize } from './profit.ts';
import { type ResolvedTierWindow, resolveTierWindow, type Tier, tiersFromTotals } from './tiers.ts';

/** The server-computed, read-only figures of one customer, exact; schemas/metrics.ts holds the JSON form. */
export interface ComputedCustomerMetrics {
  customerId: string;
  /** Window figures. */
  revenue: Money;
  profit: Money;
  orders: number;
  margin: number | null;
  tier: Tier;
  /** Day of the newest order line in the window (as schemas/metrics.ts has it); null when none. */
  lastOrderAt: IsoDate | null;
  /** The 12 months ending with the window's as-of month. */
  last12Months: PeriodSummary[];
}

export interface TeamMetrics {
  window: ResolvedTierWindow;
  customers: Map<string, ComputedCustomerMetrics>;
}

/**
 * Metrics of every customer of a team: the ids given plus any customer with lines. Tiers rank
 * the whole team over the resolved tier window.
 */
export function computeTeamMetrics(input: {
  customerIds: Iterable<string>;
  lines: Iterable<OrderLine>;
  tierWindow: TierWindowSetting;
  thresholds: TierThresholds;
  today: IsoDate;
}): TeamMetrics {
  const byCustomer = new Map<string, OrderLine[]>();
  for (const id of input.customerIds) byCustomer.set(id, []);
  let newest: IsoDate | null = null;
  for (const line of input.lines) {
    getOrInsert(byCustomer, line.customerId, () => []).push(line);
    if (newest === null || line.orderedAt > newest) newest = line.orderedAt;
  }
  const window = resolveTierWindow(input.tierWindow, input.today, newest);
  const range = { from: window.from, to: window.to };
  const summaries = new Map([...byCustomer].map(([id, lines]) => [id, summarize(lines, range)]));
  const tiers = tiersFromTotals(summaries, input.thresholds);
  const customers = new Map<string, ComputedCustomerMetrics>();
  for (const [id, lines] of byCustomer) {
    const s = summaries.get(id);
    if (!s) continue;
    customers.set(id, {
      customerId: id,
      revenue: s.revenue,
      profit: s.profit,
      orders: s.orders,
      margin: s.margin,
      tier: tiers.get(id) ?? 'none',
      lastOrderAt: s.lastOrderAt,
      last12Months: last12Months(lines, window.asOf),
    });
  }
  return { window, customers };
}
