import { z } from '@hono/zod-openapi';
import {
  type AffinityRow,
  buysMostly,
  categoryAffinity,
  type SpendRow,
} from '@rapport/shared/domain/affinity';
import { basketPairs } from '@rapport/shared/domain/basket';
import { ratio } from '@rapport/shared/domain/ratio';
import { SEGMENTS } from '@rapport/shared/domain/rfm';
import { formatMoney } from '@rapport/shared/money';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/errors.ts';
import type { Store } from '../store/store.ts';
import { asOfDay, rfmForWindow } from './rfm-window.ts';
import { ReportWindowSchema, resolveReportWindow, WindowQuery } from './window.ts';

export const AffinityQuery = WindowQuery.extend({
  level: z
    .enum(['category', 'subCategory'], { error: "level must be 'category' or 'subCategory'" })
    .default('category'),
  customerId: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: "One customer's affinity and 'buys mostly' line" }),
  minOrders: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(2)
    .openapi({ description: 'Least orders holding a pair' }),
  pairs: z.coerce.number().int().min(0).max(500).default(50).openapi({ description: 'Most pairs listed' }),
});
export type AffinityQuery = z.infer<typeof AffinityQuery>;

const Affinity = z.object({
  category: z.string(),
  spend: z.string(),
  share: z.number(),
  baseShare: z.number(),
  lift: z.number(),
});

export const AffinityReportSchema = z
  .object({
    window: ReportWindowSchema,
    level: z.enum(['category', 'subCategory']),
    base: z.array(z.object({ category: z.string(), spend: z.string(), share: z.number() })),
    segments: z.array(z.object({ segment: z.enum(SEGMENTS), categories: z.array(Affinity) })),
    customer: z
      .object({ id: z.string(), buysMostly: z.string().nullable(), categories: z.array(Affinity) })
      .nullable(),
    pairs: z.array(
      z.object({
        a: z.string(),
        b: z.string(),
        orders: z.number().int(),
        support: z.number(),
        confidenceAB: z.number(),
        confidenceBA: z.number(),
        lift: z.number(),
      }),
    ),
    orders: z.number().int(),
  })
  .openapi('AffinityReport');
export type AffinityReport = z.infer<typeof AffinityReportSchema>;

const out = ({ category, spend, share, baseShare, lift }: AffinityRow) => ({
  category,
  spend: formatMoney(spend),
  share,
  baseShare,
  lift,
});

/**
 * Purchase preferences: share of spend (line revenue) per category or sub-category for the whole
 * base, per RFM segment and for one customer, each with lift against the base (share ÷ base share);
 * and categories often bought together in one order (support, confidence, lift), counted in SQL.
 */
export async function affinityReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: AffinityQuery,
): Promise<AffinityReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range = { from: window.from, to: window.to };
  if (q.customerId !== undefined) {
    const row = await store.rows.get(teamId, 'customer', q.customerId);
    if (!row || row.deletedAt !== null) throw notFound(`No customer ${q.customerId} in this team`);
  }
  const asOf = await asOfDay(store, clock, teamId, window);
  const [spend, rfm, baskets] = await Promise.all([
    store.insight.categorySpend(teamId, range, q.level),
    rfmForWindow(store, teamId, range, asOf),
    store.insight.basketCounts(teamId, range, q.level),
  ]);
  const segmentOf = new Map(rfm.scores.map((s) => [s.id, s.segment]));
  const rows = (group: (customerId: string) => string | undefined): SpendRow[] =>
    spend.flatMap((s) => {
      const g = group(s.customerId);
      return g === undefined ? [] : [{ group: g, category: s.category, spend: s.revenue }];
    });
  const whole = categoryAffinity(rows(() => 'all')).get('all') ?? [];
  const bySegment = categoryAffinity(rows((id) => segmentOf.get(id)));
  const baseTotal = whole.reduce((s, r) => s + r.spend, 0n);
  let customer: AffinityReport['customer'] = null;
  if (q.customerId !== undefined) {
    const id = q.customerId;
    const mine = categoryAffinity(rows((c) => (c === id ? 'me' : 'base'))).get('me') ?? [];
    // Lift against the whole base, which includes this customer.
    const base = new Map(whole.map((w) => [w.category, w.spend]));
    const total = mine.reduce((s, r) => s + r.spend, 0n);
    const rowsOut = mine.map((r) => {
      const c = base.get(r.category) ?? 0n;
      return { ...r, baseShare: ratio(c, baseTotal) ?? 0, lift: ratio(r.spend * baseTotal, total * c) ?? 0 };
    });
    customer = { id, buysMostly: buysMostly(rowsOut), categories: rowsOut.map(out) };
  }
  const counts = {
    orders: baskets.orders,
    items: new Map(baskets.items.map((i) => [i.item, i.orders])),
    pairs: new Map(baskets.pairs.map((p) => [`${p.a}\u0000${p.b}`, p.orders])),
  };
  return {
    window,
    level: q.level,
    base: whole.map((w) => ({ category: w.category, spend: formatMoney(w.spend), share: w.share })),
    segments: SEGMENTS.filter((s) => bySegment.has(s)).map((segment) => ({
      segment,
      categories: (bySegment.get(segment) ?? []).map(out),
    })),
    customer,
    pairs: basketPairs(counts, q.minOrders, q.pairs),
    orders: baskets.orders,
  };
}
