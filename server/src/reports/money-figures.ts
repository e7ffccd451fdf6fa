import { z } from '@hono/zod-openapi';
import { comparePeriods } from '@rapport/shared/domain/profit';
import { formatMoney } from '@rapport/shared/money';
import { ratioText } from '../metrics/ratio-text.ts';
import type { LineTotals } from '../store/repos/order-lines.ts';

/** Exact totals as JSON: money as decimal strings, margin as a 4-decimal ratio string. */
export const MoneyFigures = z
  .object({
    revenue: z.string(),
    profit: z.string(),
    margin: z.string().nullable(),
    orders: z.number().int(),
    lines: z.number().int(),
  })
  .openapi('MoneyFigures');
export type MoneyFigures = z.infer<typeof MoneyFigures>;

export function moneyFigures(t: LineTotals | undefined): MoneyFigures {
  const revenue = t?.revenue ?? 0n;
  const profit = t?.profit ?? 0n;
  return {
    revenue: formatMoney(revenue),
    profit: formatMoney(profit),
    margin: ratioText(profit, revenue),
    orders: t?.orders ?? 0,
    lines: t?.lines ?? 0,
  };
}

export const Change = z
  .object({
    revenueChange: z.string(),
    profitChange: z.string(),
    revenuePct: z
      .number()
      .nullable()
      .openapi({ description: 'Percent change against |base|; null when the base is 0' }),
    profitPct: z.number().nullable(),
  })
  .openapi('Change');
export type Change = z.infer<typeof Change>;

/** The shared period comparison of two totals, money as strings. */
export function change(base: LineTotals | undefined, current: LineTotals | undefined): Change {
  const c = comparePeriods(
    { revenue: base?.revenue ?? 0n, profit: base?.profit ?? 0n },
    { revenue: current?.revenue ?? 0n, profit: current?.profit ?? 0n },
  );
  return {
    revenueChange: formatMoney(c.revenueChange),
    profitChange: formatMoney(c.profitChange),
    revenuePct: c.revenuePct,
    profitPct: c.profitPct,
  };
}
