import { z } from '@hono/zod-openapi';
import { AT_RISK_SCORE, churnAsOf, type StoredChurn } from '@rapport/shared/domain/churn';
import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { FOLLOW_UP_STATUSES } from '@rapport/shared/domain/followup';
import { matchesNameSearch, nameKey } from '@rapport/shared/domain/name-key';
import { TIERS, type Tier, tiersFromTotals } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Company, Customer } from '@rapport/shared/schemas/customer';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { metricsFreshFor } from '../metrics/freshness.ts';
import { ratioText } from '../metrics/ratio-text.ts';
import { teamTierWindow } from '../metrics/tier-window.ts';
import { DELETED_CUSTOMER_NAME, type PageSort } from '../store/repos/customer-directory.ts';
import type { LineTotals } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import { customerFollowUps, type TeamFollowUps, teamFollowUps } from './contact-followups.ts';
import { queryFlag, type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

/** A margin bound as a ratio with up to 4 decimals ("-0.05", "0.25"). */
const marginBound = z
  .string()
  .trim()
  .regex(/^-?\d{1,6}(\.\d{1,4})?$/, { error: 'a margin bound is a ratio such as 0.25 or -0.1' });

export const CUSTOMER_SORTS = [
  'revenue',
  'profit',
  'orders',
  'margin',
  'name',
  'tier',
  'lastOrderAt',
  'churn',
] as const;

export const CustomersQuery = WindowQuery.extend({
  sort: z
    .enum(CUSTOMER_SORTS, { error: `sort must be one of ${CUSTOMER_SORTS.join(', ')}` })
    .default('profit'),
  order: z.enum(['asc', 'desc'], { error: "order must be 'asc' or 'desc'" }).default('desc'),
  limit: z.coerce.number().int().min(1).max(100_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  tier: z.enum(TIERS, { error: `tier must be one of ${TIERS.join(', ')}` }).optional(),
  ownerId: z.string().max(100).optional(),
  unowned: queryFlag.optional().openapi({ description: 'Only customers without an owner' }),
  followUp: z
    .enum(FOLLOW_UP_STATUSES, { error: `followUp must be one of ${FOLLOW_UP_STATUSES.join(', ')}` })
    .optional()
    .openapi({ description: "The most urgent follow-up status among the customer's contacts" }),
  quietDays: z.coerce.number().int().min(1).max(3650).optional().openapi({
    description: "Only customers nobody has talked to (any contact's interaction) in this many days",
  }),
  minMargin: marginBound.optional().openapi({ description: 'Margin at least this ratio (0.1 = 10 %)' }),
  maxMargin: marginBound.optional().openapi({ description: 'Margin at most this ratio' }),
  search: z.string().trim().max(200).optional().openapi({ description: 'Text in the name or external id' }),
  late: queryFlag.optional().openapi({
    description:
      'Only late (true) or only on-time (false) customers by the churn rule; customers without orders match neither',
  }),
  minChurn: z.coerce
    .number({ error: 'minChurn must be a whole number 0–100' })
    .int({ error: 'minChurn must be a whole number 0–100' })
    .min(0, { error: 'minChurn must be a whole number 0–100' })
    .max(100, { error: 'minChurn must be a whole number 0–100' })
    .optional()
    .openapi({ description: 'Only customers whose churn score is at least this (0–100)' }),
  companyId: z.string().max(100).optional().openapi({
    description:
      "Only the company's customers: one of the customer's contacts works there, or the customer's domain is the company's",
  }),
});
export type CustomersQuery = z.infer<typeof CustomersQuery>;

export const CustomerReportRow = z
  .object({
    id: z.string().openapi({ description: "The customer's record id" }),
    customerId: z
      .string()
      .openapi({ description: 'The external id (e.g. "SM-20320") when it has one, else the record id' }),
    externalId: z.string().nullable(),
    name: z.string(),
    ownerId: z.string().nullable(),
    revenue: z.string().openapi({ example: '25043.05' }),
    profit: z.string().openapi({ example: '-1980.739' }),
    orders: z.number().int(),
    lines: z.number().int(),
    margin: z
      .string()
      .nullable()
      .openapi({ description: 'profit / revenue, 4 decimals; null when revenue ≤ 0' }),
    tier: z.enum(TIERS),
    lastOrderAt: z.string().nullable(),
    followUp: z.enum(FOLLOW_UP_STATUSES).openapi({
      description: "The most urgent follow-up status among the customer's contacts ('none' without contacts)",
    }),
    followUpDue: z.string().nullable(),
    lastInteractionAt: z
      .string()
      .nullable()
      .openapi({ description: "The last interaction with any of the customer's contacts" }),
    churnScore: z.number().int().min(0).max(100).nullable().openapi({
      description:
        "Churn risk 0–100 now (the card's score: stored churn inputs and tier of the customer metrics, as of the team window's as-of day); null without orders",
    }),
    late: z.boolean().nullable().openapi({ description: 'Late by the churn rule; null without orders' }),
    atRisk: z.boolean().openapi({ description: `Late or churn score ≥ ${AT_RISK_SCORE}` }),
  })
  .openapi('CustomerReportRow');
export type CustomerReportRow = z.infer<typeof CustomerReportRow>;

export interface CustomersReport {
  window: ReportWindow;
  /** Rows matching the filters (before paging). */
  total: number;
  /** The team's exact totals in the window. */
  totals: { revenue: string; profit: string; orders: number; lines: number; customers: number };
  /** The exact totals of the rows matching the filters (all pages). */
  matching: { revenue: string; profit: string; orders: number; lines: number; margin: string | null };
  items: CustomerReportRow[];
}

/** "0.25" -> 2500n (ratio in 1/10,000). */
function marginUnits(bound: string): bigint {
  const [whole = '0', fraction = ''] = bound.replace('-', '').split('.');
  const units = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0'));
  return bound.startsWith('-') ? -units : units;
}

const TIER_RANK: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3, none: 4 };

/** A row without its money strings: those are formatted for the page only, not for every customer. */
type BaseRow = Omit<CustomerReportRow, 'revenue' | 'profit' | 'margin'>;

interface Entry {
  row: BaseRow;
  totals: LineTotals | undefined;
}

/** The page's rows, with their money as exact decimal strings (keys in the documented order). */
function withMoney({ row, totals: t }: Entry): CustomerReportRow {
  return {
    id: row.id,
    customerId: row.customerId,
    externalId: row.externalId,
    name: row.name,
    ownerId: row.ownerId,
    revenue: formatMoney(t?.revenue ?? 0n),
    profit: formatMoney(t?.profit ?? 0n),
    orders: row.orders,
    lines: row.lines,
    margin: ratioText(t?.profit ?? 0n, t?.revenue ?? 0n),
    tier: row.tier,
    lastOrderAt: row.lastOrderAt,
    followUp: row.followUp,
    followUpDue: row.followUpDue,
    lastInteractionAt: row.lastInteractionAt,
    churnScore: row.churnScore,
    late: row.late,
    atRisk: row.atRisk,
  };
}

function compareBy(sort: CustomersQuery['sort']): (a: Entry, b: Entry) => number {
  switch (sort) {
    case 'revenue':
      return (a, b) => compareCodeUnits(a.totals?.revenue ?? 0n, b.totals?.revenue ?? 0n);
    case 'profit':
      return (a, b) => compareCodeUnits(a.totals?.profit ?? 0n, b.totals?.profit ?? 0n);
    case 'orders':
      return (a, b) => a.row.orders - b.row.orders;
    case 'margin': {
      // Exact: p1/r1 vs p2/r2 with positive revenues; customers without revenue sort lowest.
      return (a, b) => {
        const ra = a.totals?.revenue ?? 0n;
        const rb = b.totals?.revenue ?? 0n;
        if (ra <= 0n || rb <= 0n) return compareCodeUnits(ra > 0n ? 1 : 0, rb > 0n ? 1 : 0);
        return compareCodeUnits((a.totals?.profit ?? 0n) * rb, (b.totals?.profit ?? 0n) * ra);
      };
    }
    case 'name':
      return (a, b) => compareCodeUnits(nameKey(a.row.name), nameKey(b.row.name));
    case 'tier':
      // "desc" (the default direction) lists A first.
      return (a, b) => TIER_RANK[b.row.tier] - TIER_RANK[a.row.tier];
    case 'lastOrderAt':
      return (a, b) => compareCodeUnits(a.row.lastOrderAt ?? '', b.row.lastOrderAt ?? '');
    case 'churn':
      // Customers without a score (no orders) sort as the lowest risk.
      return (a, b) => (a.row.churnScore ?? -1) - (b.row.churnScore ?? -1);
  }
}

/** The customers of a company of the team: a contact of theirs works there, or they share a domain. */
async function companyCustomers(
  store: Store,
  teamId: string,
  companyId: string,
  customers: readonly Customer[],
): Promise<Set<string>> {
  const [company] = await store.rows.getMany(teamId, 'company', [companyId]);
  const out = new Set<string>();
  if (!company || company.deletedAt) return out;
  const domains = new Set((company.data as unknown as Company).domains);
  for (const c of customers) if (c.domains.some((d) => domains.has(d))) out.add(c.id);
  for (const contact of await store.rowQueries.live<Contact>(teamId, 'contact'))
    if (contact.companyId === companyId && contact.customerId) out.add(contact.customerId);
  return out;
}

/** What a report row knows before the follow-up and churn columns. */
interface Basics {
  id: string;
  customerId: string;
  externalId: string | null;
  /** Null for a deleted customer that still has lines. */
  name: string | null;
  ownerId: string | null;
  orders: number;
  lines: number;
  lastOrderAt: string | null;
  tier: Tier;
}

type ChurnInputs = Map<string, { tier: string; churn: StoredChurn | null }>;

/** A customer's row: its basics, the most urgent follow-up of its contacts and its churn score now. */
function baseRow(b: Basics, followUps: TeamFollowUps, churnInputs: ChurnInputs, asOf: string): BaseRow {
  const stored = churnInputs.get(b.id);
  const churn = stored?.churn
    ? churnAsOf(
        stored.churn,
        (TIERS as readonly string[]).includes(stored.tier) ? (stored.tier as Tier) : 'none',
        asOf,
      )
    : null;
  return {
    id: b.id,
    customerId: b.customerId,
    externalId: b.externalId,
    name: b.name ?? DELETED_CUSTOMER_NAME,
    ownerId: b.ownerId,
    orders: b.orders,
    lines: b.lines,
    tier: b.tier,
    lastOrderAt: b.lastOrderAt,
    followUp: followUps.customers.get(b.id)?.status ?? 'none',
    followUpDue: followUps.customers.get(b.id)?.due ?? null,
    lastInteractionAt: followUps.lastInteraction.get(b.id) ?? null,
    churnScore: churn?.score ?? null,
    late: churn?.late ?? null,
    atRisk: churn !== null && (churn.late || churn.score >= AT_RISK_SCORE),
  };
}

const PAGE_SORTS = new Set<string>([
  'revenue',
  'profit',
  'orders',
  'tier',
  'lastOrderAt',
  'name',
] satisfies PageSort[]);

/**
 * Whether SQL can answer the query by itself: sorts and filters over the projection's plain columns
 * (money, orders, last order, tier, owner) and the stored name keys (name sort, search). Margin and
 * churn sorts, margin, churn, follow-up, quiet and company filters need per-customer values computed
 * here, for every customer.
 */
function pagedInSql(q: CustomersQuery): q is CustomersQuery & { sort: PageSort } {
  return (
    PAGE_SORTS.has(q.sort) &&
    q.followUp === undefined &&
    q.quietDays === undefined &&
    q.companyId === undefined &&
    q.late === undefined &&
    q.minChurn === undefined &&
    q.minMargin === undefined &&
    q.maxMargin === undefined
  );
}

/** The report from one SQL statement (rows, sums) plus the page's follow-ups and churn. */
async function pagedReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: CustomersQuery & { sort: PageSort },
  window: ReportWindow,
  thresholds: { a: number; b: number },
  /** Serve the team's own tier window from customer_metrics when they are fresh for it. */
  metricsPath: boolean,
): Promise<CustomersReport> {
  // The default window is the team's tier window as resolved a moment ago: not resolved again.
  const tierWindow =
    window.source === 'team' && window.asOf !== null
      ? {
          from: window.from,
          to: window.to,
          asOf: window.asOf,
          historical: window.historical,
          label: window.label,
        }
      : await teamTierWindow(store, clock, teamId);
  const fromMetrics =
    metricsPath &&
    window.from === tierWindow.from &&
    window.to === tierWindow.to &&
    (await metricsFreshFor(store, teamId, tierWindow));
  const page = await store.customerDirectory.page(teamId, {
    fromMetrics,
    window: { from: window.from, to: window.to },
    thresholds,
    sort: q.sort,
    order: q.order,
    limit: q.limit,
    offset: q.offset,
    tierRank: q.tier === undefined ? undefined : TIER_RANK[q.tier],
    ownerId: q.ownerId,
    unowned: q.unowned,
    search: q.search || undefined,
  });
  const ids = page.items.map((r) => r.id);
  const [followUps, churnInputs] = await Promise.all([
    customerFollowUps(store, clock, teamId, ids),
    store.customerMetrics.churnInputsOf(teamId, ids),
  ]);
  const { matching: m, team } = page;
  return {
    window,
    total: m.count,
    totals: {
      revenue: formatMoney(team.revenue),
      profit: formatMoney(team.profit),
      orders: team.orders,
      lines: team.lines,
      customers: team.customers,
    },
    matching: {
      revenue: formatMoney(m.revenue),
      profit: formatMoney(m.profit),
      orders: m.orders,
      lines: m.lines,
      margin: ratioText(m.profit, m.revenue),
    },
    items: page.items.map((r) =>
      withMoney({
        row: baseRow({ ...r, tier: TIERS[r.tierRank] ?? 'none' }, followUps, churnInputs, tierWindow.asOf),
        totals: {
          revenue: r.revenue,
          profit: r.profit,
          orders: r.orders,
          lines: r.lines,
          lastOrderAt: r.lastOrderAt,
        },
      }),
    ),
  };
}

/**
 * Every customer's revenue, profit, orders, margin and tier for any window: exact SQL
 * sums per customer, tiers ranked over the whole team by the shared rule. Sorted, filtered, paged.
 */
export async function customersReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: CustomersQuery,
  /**
   * `inSql: false` computes every customer's row here even where SQL could page; `metrics: false`
   * pages the team's tier window from the rollups even when the stored metrics are fresh (tests
   * compare the paths).
   */
  options: { inSql?: boolean; metrics?: boolean } = {},
): Promise<CustomersReport> {
  const window = await resolveReportWindow(store, clock, teamId, q);
  const team = await store.teams.get(teamId);
  const settings = teamSettings(team ?? { settings: {} });
  if (options.inSql !== false && pagedInSql(q))
    return pagedReport(store, clock, teamId, q, window, settings.tierThresholds, options.metrics !== false);
  const range = { from: window.from, to: window.to };
  const [customers, byCustomer, followUps, churnInputs, tierWindow] = await Promise.all([
    store.rowQueries.live<Customer>(teamId, 'customer'),
    store.orderLines.totalsBy(teamId, 'customer', range),
    teamFollowUps(store, clock, teamId),
    store.customerMetrics.churnInputs(teamId),
    teamTierWindow(store, clock, teamId),
  ]);
  // The team's totals are the sum of its customers' (what orderLines.totals computes: an order id is
  // one customer's), so the window's sums are read once, not twice.
  const totals = { revenue: 0n, profit: 0n, orders: 0, lines: 0 };
  for (const t of byCustomer.values()) {
    totals.revenue += t.revenue;
    totals.profit += t.profit;
    totals.orders += t.orders;
    totals.lines += t.lines;
  }
  const known = new Map(customers.map((c) => [c.id, c]));
  const ids = new Set([...known.keys(), ...byCustomer.keys()]);
  const tiers = tiersFromTotals(byCustomer, settings.tierThresholds, ids);
  const search = q.search;
  const ofCompany =
    q.companyId === undefined ? undefined : await companyCustomers(store, teamId, q.companyId, customers);
  const quietSince =
    q.quietDays === undefined
      ? undefined
      : new Date(clock.now().getTime() - q.quietDays * 86_400_000).toISOString();
  const minMargin = q.minMargin === undefined ? undefined : marginUnits(q.minMargin);
  const maxMargin = q.maxMargin === undefined ? undefined : marginUnits(q.maxMargin);
  const entries: Entry[] = [];
  const sum = { revenue: 0n, profit: 0n, orders: 0, lines: 0 };
  for (const id of ids) {
    const c = known.get(id);
    const t = byCustomer.get(id);
    const row = baseRow(
      {
        id,
        customerId: c?.externalId ?? id,
        externalId: c?.externalId ?? null,
        name: c?.name ?? null,
        ownerId: c?.ownerId ?? null,
        orders: t?.orders ?? 0,
        lines: t?.lines ?? 0,
        lastOrderAt: t?.lastOrderAt ?? null,
        tier: tiers.get(id) ?? 'none',
      },
      followUps,
      churnInputs,
      tierWindow.asOf,
    );
    if (q.tier !== undefined && row.tier !== q.tier) continue;
    if (q.ownerId !== undefined && row.ownerId !== q.ownerId) continue;
    if (q.unowned && row.ownerId !== null) continue;
    if (ofCompany && !ofCompany.has(id)) continue;
    if (q.followUp !== undefined && row.followUp !== q.followUp) continue;
    if (q.late !== undefined && (row.late === null || row.late !== q.late)) continue;
    if (q.minChurn !== undefined && (row.churnScore === null || row.churnScore < q.minChurn)) continue;
    if (quietSince !== undefined && row.lastInteractionAt !== null && row.lastInteractionAt >= quietSince)
      continue;
    if (minMargin !== undefined || maxMargin !== undefined) {
      // Exact: profit / revenue ≥ B / 10,000 ⟺ profit × 10,000 ≥ B × revenue (revenue > 0).
      const revenue = t?.revenue ?? 0n;
      const profit = t?.profit ?? 0n;
      if (revenue <= 0n) continue;
      if (minMargin !== undefined && profit * 10_000n < minMargin * revenue) continue;
      if (maxMargin !== undefined && profit * 10_000n > maxMargin * revenue) continue;
    }
    if (search && !matchesNameSearch(search, row.name, row.externalId)) continue;
    entries.push({ row, totals: t });
    sum.revenue += t?.revenue ?? 0n;
    sum.profit += t?.profit ?? 0n;
    sum.orders += t?.orders ?? 0;
    sum.lines += t?.lines ?? 0;
  }
  const by = compareBy(q.sort);
  const sign = q.order === 'asc' ? 1 : -1;
  entries.sort((a, b) => sign * by(a, b) || compareCodeUnits(a.row.customerId, b.row.customerId));
  return {
    window,
    total: entries.length,
    totals: {
      revenue: formatMoney(totals.revenue),
      profit: formatMoney(totals.profit),
      orders: totals.orders,
      lines: totals.lines,
      customers: byCustomer.size,
    },
    matching: {
      revenue: formatMoney(sum.revenue),
      profit: formatMoney(sum.profit),
      orders: sum.orders,
      lines: sum.lines,
      margin: ratioText(sum.profit, sum.revenue),
    },
    items: entries.slice(q.offset, q.offset + q.limit).map(withMoney),
  };
}
