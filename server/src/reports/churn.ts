import { z } from '@hono/zod-openapi';
import {
  churnScore,
  ownPurchaseInterval,
  rankForFollowUp,
  teamPurchaseInterval,
} from '@rapport/shared/domain/churn';
import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { addDays, daysBetween, inWindow } from '@rapport/shared/domain/dates';
import { csatNormalised } from '@rapport/shared/domain/satisfaction';
import { TIERS, type Tier, tiersFromTotals } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import type { SurveyResponse } from '@rapport/shared/schemas/feedback';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { asOfDay, customerInfo, DELETED_CUSTOMER } from './rfm-window.ts';
import {
  queryFlag,
  type ReportWindow,
  ReportWindowSchema,
  resolveReportWindow,
  WindowQuery,
} from './window.ts';

const CHURN_SORTS = ['followUp', 'score', 'profit', 'recency', 'name'] as const;

export const ChurnQuery = WindowQuery.extend({
  sort: z
    .enum(CHURN_SORTS, { error: `sort must be one of ${CHURN_SORTS.join(', ')}` })
    .default('followUp')
    .openapi({ description: 'followUp: late or score ≥ 50 first by profit, then by score' }),
  order: z.enum(['asc', 'desc'], { error: "order must be 'asc' or 'desc'" }).default('desc'),
  late: queryFlag.optional().openapi({ description: 'Only late (true) or only on-time (false) customers' }),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  ownerId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ChurnQuery = z.infer<typeof ChurnQuery>;

const ChurnRow = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  lastOrderAt: z.string(),
  daysSinceLastOrder: z.number().int(),
  interval: z.number().nullable().openapi({ description: 'Expected days between purchases' }),
  intervalSource: z.enum(['own', 'team', 'none']),
  late: z.boolean(),
  score: z.number().int().min(0).max(100),
  parts: z.object({
    lateness: z.number(),
    tier: z.number(),
    satisfaction: z.number(),
    complaints: z.number(),
  }),
  tier: z.enum(TIERS),
  profit: z.string(),
  satisfaction: z.number().nullable(),
  openComplaints: z.number().int(),
});

export const ChurnReportSchema = z
  .object({
    window: ReportWindowSchema,
    asOf: z.string(),
    teamInterval: z.number().nullable(),
    late: z.number().int().openapi({ description: 'Late customers (of all, before filters)' }),
    total: z.number().int(),
    items: z.array(ChurnRow),
  })
  .openapi('ChurnReport');
export type ChurnReport = z.infer<typeof ChurnReportSchema>;
export type ChurnRowFull = z.infer<typeof ChurnRow> & { profitUnits: bigint };
type Row = ChurnRowFull;

const OPEN = new Set<Ticket['status']>(['open', 'in-progress']);

/**
 * The churn inputs that come from service: normalised satisfaction (CSAT answers dated in the window
 * and ticket feedback resolved in it; null without scores) and open complaints (open or in-progress
 * tickets, any date) per customer. One rule for the churn report, the metrics recompute and the
 * refresh after a ticket or survey write.
 */
export function serviceChurnInputs(
  surveys: readonly SurveyResponse[],
  tickets: readonly Ticket[],
  range: { from: string | null; to: string | null },
): {
  satisfactionOf: (customerId: string) => number | null;
  openComplaintsOf: (customerId: string) => number;
} {
  const csat = new Map<string, number[]>();
  const feedback = new Map<string, number[]>();
  const open = new Map<string, number>();
  const push = (m: Map<string, number[]>, id: string, v: number) => {
    const list = m.get(id);
    if (list) list.push(v);
    else m.set(id, [v]);
  };
  for (const s of surveys)
    if (s.customerId !== null && s.csat !== null && inWindow(s.date, range)) push(csat, s.customerId, s.csat);
  for (const t of tickets) {
    if (t.customerId === null) continue;
    if (OPEN.has(t.status)) open.set(t.customerId, (open.get(t.customerId) ?? 0) + 1);
    if (t.satisfaction !== null && t.resolvedAt !== null && inWindow(t.resolvedAt.slice(0, 10), range))
      push(feedback, t.customerId, t.satisfaction);
  }
  return {
    satisfactionOf: (id) => csatNormalised(csat.get(id) ?? [], feedback.get(id) ?? []),
    openComplaintsOf: (id) => open.get(id) ?? 0,
  };
}

/** Every customer's churn row (unfiltered, unsorted) over a window, with the team's interval and late count. */
export async function churnRows(
  store: Store,
  clock: Clock,
  teamId: string,
  window: ReportWindow,
): Promise<{ asOf: string; teamInterval: number | null; late: number; rows: ChurnRowFull[] }> {
  const range = { from: window.from, to: window.to };
  const asOf = await asOfDay(store, clock, teamId, window);
  const team = await store.teams.get(teamId);
  const [days, totals, info, surveys, tickets] = await Promise.all([
    store.insight.customerOrderDays(teamId, { from: null, to: addDays(asOf, 1) }),
    store.orderLines.totalsBy(teamId, 'customer', range),
    customerInfo(store, teamId),
    store.rowQueries.live<SurveyResponse>(teamId, 'surveyResponse'),
    store.rowQueries.live<Ticket>(teamId, 'ticket'),
  ]);
  const tiers = tiersFromTotals(totals, teamSettings(team).tierThresholds);
  // Rows arrive ordered by customer, then day.
  const byCustomer = new Map<string, string[]>();
  for (const d of days) {
    const list = byCustomer.get(d.customerId);
    if (list) list.push(d.day);
    else byCustomer.set(d.customerId, [d.day]);
  }
  const own = new Map([...byCustomer].map(([id, list]) => [id, ownPurchaseInterval(list)]));
  const teamInterval = teamPurchaseInterval(own.values());

  const { satisfactionOf, openComplaintsOf } = serviceChurnInputs(surveys, tickets, range);

  let lateCount = 0;
  const rows: ChurnRowFull[] = [];
  for (const [id, list] of byCustomer) {
    const last = list[list.length - 1] as string;
    const mine = own.get(id) ?? null;
    const interval = mine ?? teamInterval;
    const tier: Tier = tiers.get(id) ?? 'none';
    const satisfaction = satisfactionOf(id);
    const openComplaints = openComplaintsOf(id);
    const daysSince = daysBetween(last, asOf);
    const s = churnScore({ daysSinceLastOrder: daysSince, interval, tier, satisfaction, openComplaints });
    if (s.late) lateCount += 1;
    const c = info.get(id) ?? { ...DELETED_CUSTOMER, customerId: id };
    const profit = totals.get(id)?.profit ?? 0n;
    rows.push({
      id,
      customerId: c.customerId,
      name: c.name,
      ownerId: c.ownerId,
      lastOrderAt: last,
      daysSinceLastOrder: daysSince,
      interval,
      intervalSource: mine !== null ? 'own' : teamInterval !== null ? 'team' : 'none',
      late: s.late,
      score: s.score,
      parts: s.parts,
      tier,
      profit: formatMoney(profit),
      profitUnits: profit,
      satisfaction,
      openComplaints,
    });
  }
  return { asOf, teamInterval, late: lateCount, rows };
}

/**
 * Churn risk of every customer who ever ordered (to the as-of day): expected purchase interval =
 * the median gap between their distinct order days when they have ≥ 3, else the team's median of
 * those intervals; late when the days since the last order exceed 1.5 × the interval; score 0–100
 * from lateness, tier (over the window), satisfaction (CSAT and ticket feedback in the window) and
 * open complaints, by the shared churnScore weights. Order days come grouped from SQL.
 */
export async function churnReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: ChurnQuery,
): Promise<ChurnReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const { asOf, teamInterval, late: lateCount, rows } = await churnRows(store, clock, teamId, window);
  const filtered = rows.filter(
    (r) =>
      (q.late === undefined || r.late === q.late) &&
      (q.minScore === undefined || r.score >= q.minScore) &&
      (q.ownerId === undefined || r.ownerId === q.ownerId),
  );
  let sorted: Row[];
  if (q.sort === 'followUp') {
    sorted = rankForFollowUp(filtered.map((r) => ({ ...r, profit: r.profitUnits, row: r }))).map(
      (x) => x.row,
    );
    if (q.order === 'asc') sorted.reverse();
  } else {
    const by: Record<Exclude<(typeof CHURN_SORTS)[number], 'followUp'>, (a: Row, b: Row) => number> = {
      score: (a, b) => a.score - b.score,
      profit: (a, b) => compareCodeUnits(a.profitUnits, b.profitUnits),
      recency: (a, b) => a.daysSinceLastOrder - b.daysSinceLastOrder,
      name: (a, b) => compareCodeUnits(a.name.toLowerCase(), b.name.toLowerCase()),
    };
    const sign = q.order === 'asc' ? 1 : -1;
    sorted = filtered.sort(
      (a, b) => sign * by[q.sort as keyof typeof by](a, b) || compareCodeUnits(a.id, b.id),
    );
  }
  return {
    window,
    asOf,
    teamInterval,
    late: lateCount,
    total: sorted.length,
    items: sorted.slice(q.offset, q.offset + q.limit).map(({ profitUnits: _p, ...r }) => r),
  };
}
