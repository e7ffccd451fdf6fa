import { type IsoDate, type MonthKey, monthKey, shiftMonth } from './dates.ts';

/** The 12 calendar month keys ending with asOf's month, oldest first (a metrics row's months). */
export function twelveMonthKeys(asOf: IsoDate): MonthKey[] {
  const last = monthKey(asOf);
  return Array.from({ length: 12 }, (_, i) => shiftMonth(last, i - 11));
}

/** What a metrics row holds of its months: the compact form, or the legacy objects of rows stored before it. */
export interface MonthProfitsSource {
  monthProfits?: readonly string[] | undefined;
  months?: readonly { month: string; profit: string }[] | undefined;
  window: { asOf: IsoDate };
}

/**
 * A metrics row's profit by month, oldest first, with each month's key: `monthProfits` are the
 * months ending with the window's as-of month (12 as the server writes them); a row stored before them (legacy `months`) is read as
 * it is.
 */
export function monthProfitsOf(m: MonthProfitsSource): { month: MonthKey; profit: string }[] {
  if (m.monthProfits) {
    const last = monthKey(m.window.asOf);
    const n = m.monthProfits.length;
    return m.monthProfits.map((profit, i) => ({ month: shiftMonth(last, i - n + 1), profit }));
  }
  return (m.months ?? []).map(({ month, profit }) => ({ month, profit }));
}
