import { z } from '@hono/zod-openapi';
import { TIERS, type Tier, tiersFromTotals } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { type ReportWindow, ReportWindowSchema, resolveReportWindow, WindowQuery } from './window.ts';

export const TierMixQuery = WindowQuery;
export type TierMixQuery = z.infer<typeof TierMixQuery>;

const money = z.string().openapi({ example: '1234.5678' });

export const TierMixSchema = z
  .object({
    window: ReportWindowSchema,
    /** Every customer of the team (live, or with lines), tier none included. */
    customers: z.number().int(),
    /** Customers whose profit in the window is below zero. */
    losing: z.number().int(),
    revenue: money,
    profit: money,
    tiers: z.array(
      z.object({
        tier: z.enum(TIERS),
        customers: z.number().int(),
        revenue: money,
        profit: money,
      }),
    ),
  })
  .openapi('TierMix');
export type TierMix = z.infer<typeof TierMixSchema>;

/**
 * Customers, revenue and profit per tier over a window, tiers ranked over the whole team by the
 * shared rule: one summary instead of every customer's row. Reads the order-line rollups.
 */
export async function tierMixReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: TierMixQuery,
): Promise<TierMix & { window: ReportWindow }> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const team = await store.teams.get(teamId);
  const settings = teamSettings(team);
  const [liveIds, byCustomer] = await Promise.all([
    store.rowQueries.liveIds(teamId, 'customer'),
    store.orderLines.totalsBy(teamId, 'customer', { from: window.from, to: window.to }),
  ]);
  const ids = new Set([...liveIds, ...byCustomer.keys()]);
  const tiers = tiersFromTotals(byCustomer, settings.tierThresholds, ids);
  const sums = new Map<Tier, { customers: number; revenue: bigint; profit: bigint }>(
    TIERS.map((t) => [t, { customers: 0, revenue: 0n, profit: 0n }]),
  );
  let revenue = 0n;
  let profit = 0n;
  let losing = 0;
  for (const id of ids) {
    const t = byCustomer.get(id);
    const s = sums.get(tiers.get(id) ?? 'none');
    if (!s) continue;
    s.customers += 1;
    s.revenue += t?.revenue ?? 0n;
    s.profit += t?.profit ?? 0n;
    revenue += t?.revenue ?? 0n;
    profit += t?.profit ?? 0n;
    if ((t?.profit ?? 0n) < 0n) losing += 1;
  }
  return {
    window,
    customers: ids.size,
    losing,
    revenue: formatMoney(revenue),
    profit: formatMoney(profit),
    tiers: TIERS.map((tier) => {
      const s = sums.get(tier) ?? { customers: 0, revenue: 0n, profit: 0n };
      return { tier, customers: s.customers, revenue: formatMoney(s.revenue), profit: formatMoney(s.profit) };
    }),
  };
}
