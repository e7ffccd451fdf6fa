import { z } from '@hono/zod-openapi';
import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { addDays } from '@rapport/shared/domain/dates';
import { clusterBySilhouette, KMEANS_SEED, standardise } from '@rapport/shared/domain/kmeans';
import { ratio } from '@rapport/shared/domain/ratio';
import { type RfmScore, SEGMENTS, segmentTransitions, summarizeSegments } from '@rapport/shared/domain/rfm';
import { TIERS } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import type { Clock } from '../lib/clock.ts';
import { ratioText } from '../metrics/ratio-text.ts';
import type { Store } from '../store/store.ts';
import { asOfDay, customerInfo, DELETED_CUSTOMER, previousWindow, rfmForWindow } from './rfm-window.ts';
import { queryFlag, ReportWindowSchema, resolveReportWindow, WindowQuery } from './window.ts';

const SEGMENT_SORTS = ['profit', 'recency', 'orders', 'segment', 'name'] as const;

export const SegmentsQuery = WindowQuery.extend({
  segment: z.enum(SEGMENTS, { error: `segment must be one of ${SEGMENTS.join(', ')}` }).optional(),
  ownerId: z.string().max(100).optional(),
  sort: z.enum(SEGMENT_SORTS, { error: `sort must be one of ${SEGMENT_SORTS.join(', ')}` }).default('profit'),
  order: z.enum(['asc', 'desc'], { error: "order must be 'asc' or 'desc'" }).default('desc'),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  clusters: queryFlag
    .optional()
    .openapi({ description: 'Run k-means on the RFM + margin features (default true)' }),
});
export type SegmentsQuery = z.infer<typeof SegmentsQuery>;

const SegmentOrNone = z.enum([...SEGMENTS, 'none']);

export const SegmentsReportSchema = z
  .object({
    window: ReportWindowSchema,
    asOf: z.string(),
    previous: z.object({ from: z.string(), to: z.string(), asOf: z.string() }).nullable(),
    totals: z.object({ customers: z.number().int(), profit: z.string() }),
    segments: z.array(
      z.object({
        segment: z.enum(SEGMENTS),
        customers: z.number().int(),
        profit: z.string(),
        profitShare: z
          .number()
          .nullable()
          .openapi({ description: "Segment profit / the team's profit (display ratio)" }),
      }),
    ),
    transitions: z.array(z.object({ from: SegmentOrNone, to: SegmentOrNone, customers: z.number().int() })),
    clusters: z
      .object({
        k: z.number().int(),
        seed: z.number().int(),
        silhouette: z.number(),
        tried: z.array(z.object({ k: z.number().int(), silhouette: z.number() })),
        features: z.array(z.string()),
        groups: z.array(
          z.object({
            cluster: z.number().int(),
            customers: z.number().int(),
            profit: z.string(),
            centroid: z.array(z.number()).openapi({ description: 'Mean of each feature in real units' }),
          }),
        ),
      })
      .nullable(),
    total: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        customerId: z.string(),
        name: z.string(),
        ownerId: z.string().nullable(),
        recencyDays: z.number().int(),
        orders: z.number().int(),
        profit: z.string(),
        margin: z.string().nullable(),
        r: z.number().int(),
        f: z.number().int(),
        m: z.number().int(),
        segment: z.enum(SEGMENTS),
        tier: z.enum(TIERS),
        cluster: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('SegmentsReport');
export type SegmentsReport = z.infer<typeof SegmentsReportSchema>;

export const CLUSTER_FEATURES = ['recencyDays', 'orders', 'profit', 'margin'];

const SEGMENT_RANK = new Map(SEGMENTS.map((s, i) => [s, i]));

/**
 * RFM by profit per customer, segment sizes and profit share, movement from the previous window of
 * equal length, and k-means clusters on standardised (recency, orders, profit, margin) with a fixed
 * seed and k (2–6) chosen by silhouette. Scores rank within the whole team; items may be filtered.
 */
export async function segmentsReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: SegmentsQuery,
): Promise<SegmentsReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const range = { from: window.from, to: window.to };
  const asOf = await asOfDay(store, clock, teamId, window);
  const prevRange = previousWindow(range);
  const [current, previous, info] = await Promise.all([
    rfmForWindow(store, teamId, range, asOf),
    prevRange ? rfmForWindow(store, teamId, prevRange, addDays(prevRange.to as string, -1)) : null,
    customerInfo(store, teamId),
  ]);
  const { scores, totals, tiers } = current;
  const teamProfit = scores.reduce((s, c) => s + c.profit, 0n);
  const segments = summarizeSegments(scores).map((s) => ({
    segment: s.segment,
    customers: s.customers,
    profit: formatMoney(s.profit),
    profitShare: ratio(s.profit, teamProfit),
  }));
  const transitions = previous
    ? segmentTransitions(
        new Map(previous.scores.map((s) => [s.id, s.segment])),
        new Map(scores.map((s) => [s.id, s.segment])),
      )
    : [];

  const clusterOf = new Map<string, number>();
  let clusters: SegmentsReport['clusters'] = null;
  if (q.clusters !== false && scores.length >= 3) {
    const features = scores.map((s) => {
      const revenue = totals.get(s.id)?.revenue ?? 0n;
      return [
        s.recencyDays,
        s.orders,
        Number(s.profit) / 10_000,
        revenue > 0n ? (ratio(s.profit, revenue) ?? 0) : 0,
      ];
    });
    const { points, means, sds } = standardise(features);
    const chosen = clusterBySilhouette(points, 2, 6, KMEANS_SEED);
    if (chosen) {
      const profit = Array<bigint>(chosen.k).fill(0n);
      const sizes = Array<number>(chosen.k).fill(0);
      scores.forEach((s, i) => {
        const l = chosen.labels[i] as number;
        clusterOf.set(s.id, l);
        profit[l] = (profit[l] as bigint) + s.profit;
        sizes[l] = (sizes[l] as number) + 1;
      });
      clusters = {
        k: chosen.k,
        seed: KMEANS_SEED,
        silhouette: chosen.silhouette,
        tried: chosen.tried,
        features: CLUSTER_FEATURES,
        groups: chosen.centroids.map((c, cluster) => ({
          cluster,
          customers: sizes[cluster] as number,
          profit: formatMoney(profit[cluster] as bigint),
          centroid: c.map((z, j) => z * (sds[j] as number) + (means[j] as number)),
        })),
      };
    }
  }

  const filtered = scores.filter(
    (s) =>
      (q.segment === undefined || s.segment === q.segment) &&
      (q.ownerId === undefined || (info.get(s.id) ?? DELETED_CUSTOMER).ownerId === q.ownerId),
  );
  const by: Record<(typeof SEGMENT_SORTS)[number], (a: RfmScore, b: RfmScore) => number> = {
    profit: (a, b) => compareCodeUnits(a.profit, b.profit),
    // "desc" lists the most recent buyers first.
    recency: (a, b) => b.recencyDays - a.recencyDays,
    orders: (a, b) => a.orders - b.orders,
    segment: (a, b) => (SEGMENT_RANK.get(b.segment) ?? 0) - (SEGMENT_RANK.get(a.segment) ?? 0),
    name: (a, b) =>
      compareCodeUnits(info.get(a.id)?.name.toLowerCase() ?? '', info.get(b.id)?.name.toLowerCase() ?? ''),
  };
  const sign = q.order === 'asc' ? 1 : -1;
  filtered.sort((a, b) => sign * by[q.sort](a, b) || compareCodeUnits(a.id, b.id));
  return {
    window,
    asOf,
    previous: prevRange
      ? {
          from: prevRange.from as string,
          to: prevRange.to as string,
          asOf: addDays(prevRange.to as string, -1),
        }
      : null,
    totals: { customers: scores.length, profit: formatMoney(teamProfit) },
    segments,
    transitions,
    clusters,
    total: filtered.length,
    items: filtered.slice(q.offset, q.offset + q.limit).map((s) => {
      const c = info.get(s.id) ?? { ...DELETED_CUSTOMER, customerId: s.id };
      const revenue = totals.get(s.id)?.revenue ?? 0n;
      return {
        id: s.id,
        customerId: c.customerId,
        name: c.name,
        ownerId: c.ownerId,
        recencyDays: s.recencyDays,
        orders: s.orders,
        profit: formatMoney(s.profit),
        margin: ratioText(s.profit, revenue),
        r: s.r,
        f: s.f,
        m: s.m,
        segment: s.segment,
        tier: tiers.get(s.id) ?? 'none',
        cluster: clusterOf.get(s.id) ?? null,
      };
    }),
  };
}
