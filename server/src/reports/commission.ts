import { z } from '@hono/zod-openapi';
import { commissionByRepMonth } from '@rapport/shared/domain/commission';
import { formatMoney } from '@rapport/shared/money';
import type { CommissionBps } from '@rapport/shared/settings';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { productTiersOver } from './products.ts';
import { memberIndex } from './reps.ts';
import { perRepScope, type Viewer } from './scope.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const CommissionQuery = WindowQuery.extend({ ownerId: z.string().max(100).optional() });
export type CommissionQuery = z.infer<typeof CommissionQuery>;

export interface CommissionRow {
  ownerId: string | null;
  name: string | null;
  month: string;
  /** Rounded half-up to cents once per rep-month. */
  commission: string;
  revenue: string;
  lines: number;
}

export interface CommissionReport {
  window: ReportWindow;
  rates: CommissionBps;
  rows: CommissionRow[];
  /** Per rep: the sum of their rep-month amounts. */
  reps: { ownerId: string | null; name: string | null; commission: string; revenue: string; lines: number }[];
}

/**
 * Commission per rep per month by shared commissionByRepMonth, fed the sales summed in SQL per
 * owner, product, month and "earns" (profit ≥ 0). Product tiers are
 * computed over the same window. A rep sees only their own commission.
 */
export async function commissionReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: CommissionQuery,
): Promise<CommissionReport> {
  const { teamId } = viewer;
  const ownerId = perRepScope(viewer, q.ownerId);
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range = { from: window.from, to: window.to };
  const settings = await teamSettingsOf(store, teamId);
  const [{ tiers }, groups, members] = await Promise.all([
    productTiersOver(store, teamId, range, settings.marginTiers),
    store.orderLines.commissionGroups(teamId, range, ownerId),
    memberIndex(store, teamId),
  ]);
  const results = commissionByRepMonth({
    sales: groups.map((g) => ({
      ownerId: g.ownerId,
      productId: g.productId,
      month: g.month,
      revenue: g.revenue,
      earns: g.earning,
      lines: g.lines,
    })),
    productTiers: tiers,
    rates: settings.commissionBps,
  });
  const nameOf = (id: string | null) => (id === null ? null : (members.get(id)?.name ?? null));
  const reps = new Map<
    string,
    { ownerId: string | null; commission: bigint; revenue: bigint; lines: number }
  >();
  const rows = results.map((r): CommissionRow => {
    const key = r.ownerId ?? '';
    const rep = reps.get(key) ?? { ownerId: r.ownerId, commission: 0n, revenue: 0n, lines: 0 };
    rep.commission += r.commission;
    rep.revenue += r.revenue;
    rep.lines += r.lines;
    reps.set(key, rep);
    return {
      ownerId: r.ownerId,
      name: nameOf(r.ownerId),
      month: r.month,
      commission: formatMoney(r.commission),
      revenue: formatMoney(r.revenue),
      lines: r.lines,
    };
  });
  return {
    window,
    rates: settings.commissionBps,
    rows,
    reps: [...reps.values()].map((r) => ({
      ownerId: r.ownerId,
      name: nameOf(r.ownerId),
      commission: formatMoney(r.commission),
      revenue: formatMoney(r.revenue),
      lines: r.lines,
    })),
  };
}
