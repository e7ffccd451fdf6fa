import { z } from '@hono/zod-openapi';
import { windowProblem } from '@rapport/shared/domain/dates';
import { previousWindow } from '@rapport/shared/domain/satisfaction';
import { isoDate } from '@rapport/shared/schemas/dates';
import type { Clock } from '../lib/clock.ts';
import { badRequest } from '../lib/errors.ts';
import type { LineWindow } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import { type Change, change, type MoneyFigures, moneyFigures } from './money-figures.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const ProfitQuery = WindowQuery.extend({
  by: z.enum(['month', 'year'], { error: "by must be 'month' or 'year'" }).default('month'),
  compareFrom: isoDate.optional().openapi({
    description: 'Start of the period to compare with (default: the previous window of equal length)',
  }),
  compareTo: isoDate.optional().openapi({ description: 'End (exclusive) of the period to compare with' }),
});
export type ProfitQuery = z.infer<typeof ProfitQuery>;

export interface ProfitReport {
  window: ReportWindow;
  by: 'month' | 'year';
  /** Periods that have lines, oldest first; `change` compares with the period listed before. */
  periods: (MoneyFigures & { period: string; change: Change | null })[];
  totals: MoneyFigures;
  /** The window's totals against an earlier period; null when the window is unbounded and none was given. */
  comparison: { from: string; to: string; base: MoneyFigures; change: Change } | null;
}

/** Profit and revenue by month or year with period comparisons, exact sums in SQL. */
export async function profitReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: ProfitQuery,
): Promise<ProfitReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range: LineWindow = { from: window.from, to: window.to };
  if ((q.compareFrom === undefined) !== (q.compareTo === undefined))
    throw badRequest('Give both compareFrom and compareTo, or neither');
  if (q.compareFrom && q.compareTo && q.compareFrom >= q.compareTo)
    throw badRequest('compareFrom must be before compareTo (the end is exclusive)');
  const compareProblem = q.compareFrom && q.compareTo ? windowProblem(q.compareFrom, q.compareTo) : null;
  if (compareProblem) throw badRequest(`compare period: ${compareProblem}`);
  const base =
    q.compareFrom && q.compareTo ? { from: q.compareFrom, to: q.compareTo } : previousWindow(range);

  const [groups, totals, baseTotals] = await Promise.all([
    store.orderLines.totalsBy(teamId, q.by, range),
    store.orderLines.totals(teamId, range),
    base ? store.orderLines.totals(teamId, base) : Promise.resolve(undefined),
  ]);
  const keys = [...groups.keys()].sort();
  return {
    window,
    by: q.by,
    periods: keys.map((period, i) => {
      const previous = i > 0 ? groups.get(keys[i - 1] as string) : undefined;
      return {
        period,
        ...moneyFigures(groups.get(period)),
        change: previous ? change(previous, groups.get(period)) : null,
      };
    }),
    totals: moneyFigures(totals),
    comparison:
      base && baseTotals
        ? { from: base.from, to: base.to, base: moneyFigures(baseTotals), change: change(baseTotals, totals) }
        : null,
  };
}
