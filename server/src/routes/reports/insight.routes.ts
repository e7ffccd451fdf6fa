import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../lib/openapi.ts';
import { AffinityQuery, AffinityReportSchema } from '../../reports/affinity.ts';
import { ChurnQuery, ChurnReportSchema } from '../../reports/churn.ts';
import { ForecastQuery, ForecastReportSchema } from '../../reports/forecast.ts';
import { RelationshipsQuery, RelationshipsReportSchema } from '../../reports/relationships.ts';
import { SegmentsQuery, SegmentsReportSchema } from '../../reports/segments.ts';
import { report } from './reports.routes.ts';

export const segmentsRoute = report(
  '/segments',
  'RFM by profit, named segments, movement between windows, k-means clusters',
  SegmentsQuery,
  SegmentsReportSchema,
  'R = days since the last order, F = distinct orders, M = profit, each scored 1–5 by quintile within the team (ties share the lower score). Segments are checked in order: champions, cant-lose, at-risk, new, loyal, potential, hibernating, lost, other. Transitions compare with the previous window of equal length. Clusters: k-means (seed 42, k 2–6 by silhouette) on z-scores of recency, orders, profit and margin.',
);

export const churnRoute = report(
  '/churn',
  'Churn risk per customer: purchase interval, lateness and a 0–100 score',
  ChurnQuery,
  ChurnReportSchema,
  "Interval = median gap between a customer's order days (≥ 3 days, else the team's median); late when the days since the last order exceed 1.5 × the interval. Score = lateness 40 + tier 20 + (1 − CSAT) 20 + open complaints 20 (10 each). sort=followUp lists at-risk customers (late or score ≥ 50) first by profit.",
);

export const forecastRoute = createRoute({
  method: 'get',
  path: '/forecast',
  tags: ['reports'],
  summary:
    'Monthly revenue and profit per team and rep, profit forecast with backtest error, weighted pipeline',
  description:
    "History: the last `months` complete months before the tier window's as-of day. Forecast: seasonal naive (same month last year) or simple exponential smoothing, whichever has the lower MASE when the last `horizon` months are held out. Beside it, open opportunities' amount × stage probability by closeDate month (no closeDate: next month) and the amount won. A rep may narrow to themselves only. Money is exact decimal strings; forecasts are rounded to 1/10,000.",
  request: { query: ForecastQuery },
  responses: { 200: jsonResponse(ForecastReportSchema, 'Forecast'), ...errorResponses },
});

export const affinityRoute = report(
  '/affinity',
  'Category affinity (share of spend and lift) per segment and customer; categories bought together',
  AffinityQuery,
  AffinityReportSchema,
  "Spend is line revenue. Lift = the group's share of spend on a category ÷ the whole base's share. Pairs: support = orders with both ÷ all orders, confidence A→B = orders with both ÷ orders with A, lift = confidence ÷ B's support.",
);

export const relationshipsRoute = createRoute({
  method: 'get',
  path: '/relationships',
  tags: ['reports'],
  summary: 'Who on the team knows a contact best, and how warm each relationship is',
  description:
    'Per member: interactions of the last 180 days weighted meeting 3, call 2, email/social 1, halved per 60 days of age, doubled when both directions occur. warmth: hot ≥ 10, warm ≥ 3, cool > 0.',
  request: { query: RelationshipsQuery },
  responses: { 200: jsonResponse(RelationshipsReportSchema, 'Relationships'), ...errorResponses },
});
