import type { Money } from '../money.ts';
import { compareCodeUnits, getOrInsert } from './collections.ts';
import {
  addDays,
  assertIsoDate,
  assertWindow,
  type DateWindow,
  type IsoDate,
  inWindow,
  type MonthKey,
  monthKey,
  shiftMonth,
  yearKey,
} from './dates.ts';
import { ratio } from './ratio.ts';

/** One order line as the domain engine sees it (money already exact). */
export interface OrderLine {
  customerId: string;
  orderId: string;
  lineKey: string;
  orderedAt: IsoDate;
  productId: string;
  revenue: Money;
  profit: Money;
  quantity: number;
}

/** The fields the money summaries read. */
export type MoneyLine = Pick<OrderLine, 'orderId' | 'orderedAt' | 'revenue' | 'profit'>;

export interface ProfitSummary {
  revenue: Money;
  profit: Money;
  /** Distinct order ids. */
  orders: number;
  lines: number;
  /** profit / revenue as a fraction (0.25 = 25%) for display; null when revenue ≤ 0. */
  margin: number | null;
  lastOrderAt: IsoDate | null;
}

export interface PeriodSummary extends ProfitSummary {
  /** 'YYYY-MM' or 'YYYY'. */
  period: string;
}

class Totals {
  revenue = 0n;
  profit = 0n;
  lines = 0;
  lastOrderAt: IsoDate | null = null;
  readonly orderIds = new Set<string>();

  add(line: MoneyLine): void {
    this.revenue += line.revenue;
    this.profit += line.profit;
    this.lines += 1;
    this.orderIds.add(line.orderId);
    if (this.lastOrderAt === null || line.orderedAt > this.lastOrderAt) this.lastOrderAt = line.orderedAt;
  }

  summary(): ProfitSummary {
    return {
      revenue: this.revenue,
      profit: this.profit,
      orders: this.orderIds.size,
      lines: this.lines,
      margin: this.revenue > 0n ? ratio(this.profit, this.revenue) : null,
      lastOrderAt: this.lastOrderAt,
    };
  }
}

/** Totals of the lines in the half-open window [from, to) (all lines when no window). */
export function summarize(lines: Iterable<MoneyLine>, window?: DateWindow): ProfitSummary {
  if (window) assertWindow(window);
  const totals = new Totals();
  for (const line of lines) if (inWindow(line.orderedAt, window)) totals.add(line);
  return totals.summary();
}

/** Summaries per key (e.g. customer, product, rep) of the lines in the window. */
export function summarizeBy<L extends MoneyLine>(
  lines: Iterable<L>,
  keyOf: (line: L) => string,
  window?: DateWindow,
): Map<string, ProfitSummary> {
  if (window) assertWindow(window);
  const groups = new Map<string, Totals>();
  for (const line of lines) {
    if (!inWindow(line.orderedAt, window)) continue;
    getOrInsert(groups, keyOf(line), () => new Totals()).add(line);
  }
  return new Map([...groups].map(([key, totals]) => [key, totals.summary()]));
}

export function byCustomer(lines: Iterable<OrderLine>, window?: DateWindow): Map<string, ProfitSummary> {
  return summarizeBy(lines, (l) => l.customerId, window);
}

function byPeriod(
  lines: Iterable<MoneyLine>,
  periodOf: (date: IsoDate) => string,
  window?: DateWindow,
): PeriodSummary[] {
  return [...summarizeBy(lines, (l) => periodOf(l.orderedAt), window)]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([period, summary]) => ({ period, ...summary }));
}

/** Months that have lines, ascending ('YYYY-MM'). */
export function byMonth(lines: Iterable<MoneyLine>, window?: DateWindow): PeriodSummary[] {
  return byPeriod(lines, monthKey, window);
}

/** Years that have lines, ascending ('YYYY'). */
export function byYear(lines: Iterable<MoneyLine>, window?: DateWindow): PeriodSummary[] {
  return byPeriod(lines, yearKey, window);
}

const emptySummary = (): ProfitSummary => new Totals().summary();

/** The 12 calendar months ending with asOf's month, oldest first, empty months included; lines after asOf are left out. */
export function last12Months(lines: Iterable<MoneyLine>, asOf: IsoDate): PeriodSummary[] {
  assertIsoDate(asOf, 'asOf');
  const last: MonthKey = monthKey(asOf);
  const first = shiftMonth(last, -11);
  const found = new Map(
    byMonth(lines, { from: `${first}-01`, to: addDays(asOf, 1) }).map((s) => [s.period, s]),
  );
  return Array.from({ length: 12 }, (_, i) => {
    const period = shiftMonth(first, i);
    return found.get(period) ?? { period, ...emptySummary() };
  });
}

export interface PeriodComparison {
  revenueChange: Money;
  profitChange: Money;
  /** Percent change against |base| (12.5 = +12.5%); null when the base is 0. */
  revenuePct: number | null;
  profitPct: number | null;
}

function pctChange(change: Money, base: Money): number | null {
  return ratio(change * 100n, base < 0n ? -base : base);
}

/**
 * Change from `base` (the earlier period) to `current`. Percentages are relative to |base|, so a
 * loss shrinking from -100 to -50 reads +50%.
 */
export function comparePeriods(
  base: Pick<ProfitSummary, 'revenue' | 'profit'>,
  current: Pick<ProfitSummary, 'revenue' | 'profit'>,
): PeriodComparison {
  const revenueChange = current.revenue - base.revenue;
  const profitChange = current.profit - base.profit;
  return {
    revenueChange,
    profitChange,
    revenuePct: pctChange(revenueChange, base.revenue),
    profitPct: pctChange(profitChange, base.profit),
  };
}
