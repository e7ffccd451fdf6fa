import { z } from '@hono/zod-openapi';
import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { FOLLOW_UP_STATUSES } from '@rapport/shared/domain/followup';
import { previousWindow } from '@rapport/shared/domain/satisfaction';
import { TIERS, type Tier, tiersFromTotals } from '@rapport/shared/domain/tiers';
import { formatMoney } from '@rapport/shared/money';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/errors.ts';
import { ratioText } from '../metrics/ratio-text.ts';
import type { LineTotals, OrderLineRecord } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';
import { teamFollowUps } from './contact-followups.ts';
import { CustomerReportRow, customersReport } from './customers.ts';
import { Change, change, MoneyFigures, moneyFigures } from './money-figures.ts';
import {
  queryFlag,
  type ReportWindow,
  ReportWindowSchema,
  resolveReportWindow,
  WindowQuery,
} from './window.ts';

const money = z.string().openapi({ description: 'Exact decimal string', example: '1234.5678' });
const count = z.number().int();

const Period = MoneyFigures.extend({ period: z.string(), change: Change.nullable() });
const Bought = MoneyFigures.extend({ name: z.string(), quantity: count });

export const CustomerDetailSchema = z
  .object({
    window: ReportWindowSchema,
    customer: z.object({
      id: z.string(),
      externalId: z.string().nullable(),
      name: z.string(),
      kind: z.string().nullable(),
      ownerId: z.string().nullable(),
      emails: z.array(z.string()),
      domains: z.array(z.string()),
      deleted: z.boolean(),
    }),
    figures: CustomerReportRow.openapi({ description: 'As in the customers report, tier ranked team-wide' }),
    totals: MoneyFigures,
    comparison: z
      .object({ from: z.string(), to: z.string(), base: MoneyFigures, change: Change })
      .nullable()
      .openapi({ description: 'The window against the previous window of equal length' }),
    months: z.array(Period).openapi({ description: 'Months of the window that have lines, oldest first' }),
    years: z.array(Period.extend({ tier: z.enum(TIERS) })).openapi({
      description:
        "Every year with lines (all time), oldest first, with the tier the customer had in that calendar year (ranked over the whole team's lines of that year)",
    }),
    categories: z.array(Bought),
    products: z.array(Bought.extend({ productId: z.string().nullable(), category: z.string().nullable() })),
    contacts: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        title: z.string().nullable(),
        emails: z.array(z.string()),
        ownerId: z.string().nullable(),
        followUp: z.enum(FOLLOW_UP_STATUSES),
        due: z.string().nullable(),
        lastInteractionAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('CustomerDetail');
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;

const inWindow = (w: { from: string | null; to: string | null }) => (l: OrderLineRecord) =>
  (w.from === null || l.orderedAt >= w.from) && (w.to === null || l.orderedAt < w.to);

function totalsOf(lines: readonly OrderLineRecord[]): LineTotals {
  const t: LineTotals = { revenue: 0n, profit: 0n, orders: 0, lines: 0, lastOrderAt: null };
  const orders = new Set<string>();
  for (const l of lines) {
    t.revenue += l.revenue;
    t.profit += l.profit;
    t.lines += 1;
    orders.add(l.orderId);
    if (t.lastOrderAt === null || l.orderedAt > t.lastOrderAt) t.lastOrderAt = l.orderedAt;
  }
  t.orders = orders.size;
  return t;
}

function groupBy(lines: readonly OrderLineRecord[], key: (l: OrderLineRecord) => string) {
  const groups = new Map<string, OrderLineRecord[]>();
  for (const l of lines) {
    const k = key(l);
    const g = groups.get(k);
    if (g) g.push(l);
    else groups.set(k, [l]);
  }
  return groups;
}

function periods(lines: readonly OrderLineRecord[], len: 7 | 4): z.infer<typeof Period>[] {
  const groups = groupBy(lines, (l) => l.orderedAt.slice(0, len));
  const keys = [...groups.keys()].sort();
  return keys.map((period, i) => {
    const current = totalsOf(groups.get(period) ?? []);
    const prev = i > 0 ? totalsOf(groups.get(keys[i - 1] as string) ?? []) : null;
    return { period, ...moneyFigures(current), change: prev ? change(prev, current) : null };
  });
}

const byRevenueDesc = (a: { revenue: bigint }, b: { revenue: bigint }) =>
  a.revenue < b.revenue ? 1 : a.revenue > b.revenue ? -1 : 0;

/**
 * Tier history: the customer's tier in each calendar year, ranked by the team's tier rule over that
 * year's lines of every customer (one grouped query per year).
 */
async function yearTiers(
  store: Store,
  teamId: string,
  id: string,
  years: readonly string[],
): Promise<Map<string, Tier>> {
  const settings = await teamSettingsOf(store, teamId);
  const out = new Map<string, Tier>();
  for (const year of years) {
    const next = String(Number(year) + 1);
    const byCustomer = await store.orderLines.totalsBy(teamId, 'customer', {
      from: `${year}-01-01`,
      to: `${next}-01-01`,
    });
    const tiers = tiersFromTotals(byCustomer, settings.tierThresholds);
    out.set(year, tiers.get(id) ?? 'none');
  }
  return out;
}

/** The customer row or its lines, else 404 (tenant-scoped: another team's id is simply not found). */
async function customerOf(store: Store, teamId: string, id: string) {
  const row = await store.rows.get(teamId, 'customer', id);
  return row;
}

/**
 * One customer's page: money in the window against the previous window, by
 * month (window) and by year (all time), the products and categories bought, the tier as ranked
 * over the whole team, and its linked contacts with their follow-up status.
 */
export async function customerDetail(
  store: Store,
  clock: Clock,
  teamId: string,
  id: string,
  q: WindowQuery,
): Promise<CustomerDetail> {
  const [row, all, window] = await Promise.all([
    customerOf(store, teamId, id),
    store.orderLines.forCustomer(teamId, id, { from: null, to: null }),
    resolveReportWindow(store, clock, teamId, q),
  ]);
  if (!row && all.length === 0) throw notFound(`No customer ${id} in your team`);
  const [report, followUps] = await Promise.all([
    customersReport(store, clock, teamId, {
      ...q,
      sort: 'profit',
      order: 'desc',
      limit: 100_000,
      offset: 0,
    }),
    teamFollowUps(store, clock, teamId),
  ]);
  const figures = report.items.find((r) => r.id === id);
  if (!figures) throw notFound(`No customer ${id} in your team`);
  const lines = all.filter(inWindow(window));
  const years = periods(all, 4);
  const tierByYear = await yearTiers(
    store,
    teamId,
    id,
    years.map((y) => y.period),
  );
  const base = previousWindow({ from: window.from, to: window.to });
  const baseTotals = base ? totalsOf(all.filter(inWindow(base))) : null;
  const totals = totalsOf(lines);

  const bought = (group: OrderLineRecord[]) => {
    const t = totalsOf(group);
    return { t, quantity: group.reduce((n, l) => n + l.quantity, 0) };
  };
  const categories = [...groupBy(lines, (l) => l.category ?? '').entries()]
    .map(([name, group]) => ({ name, ...bought(group) }))
    .sort((a, b) => byRevenueDesc(a.t, b.t))
    .map(({ name, t, quantity }) => ({ name, quantity, ...moneyFigures(t) }));
  const products = [...groupBy(lines, (l) => l.productId ?? l.productName ?? '').values()]
    .map((group) => ({ first: group[0] as OrderLineRecord, ...bought(group) }))
    .sort((a, b) => byRevenueDesc(a.t, b.t))
    .map(({ first, t, quantity }) => ({
      productId: first.productId,
      name: first.productName ?? first.productId ?? '',
      category: first.category,
      quantity,
      ...moneyFigures(t),
    }));

  const data = (row?.data ?? {}) as Record<string, unknown>;
  const contacts = [...followUps.contacts.values()]
    .filter((f) => f.contact.customerId === id)
    .sort((a, b) => a.contact.name.localeCompare(b.contact.name))
    .map((f) => ({
      id: f.contact.id,
      name: f.contact.name,
      title: f.contact.title ?? null,
      emails: [...f.contact.emails],
      ownerId: f.contact.ownerId,
      followUp: f.status,
      due: f.due,
      lastInteractionAt: f.lastInteractionAt,
    }));
  return {
    window,
    customer: {
      id,
      externalId: (data.externalId as string | null | undefined) ?? null,
      name: (data.name as string | undefined) ?? figures.name,
      kind: (data.kind as string | undefined) ?? null,
      ownerId: row?.ownerId ?? null,
      emails: (data.emails as string[] | undefined) ?? [],
      domains: (data.domains as string[] | undefined) ?? [],
      deleted: !row || row.deletedAt !== null,
    },
    figures,
    totals: moneyFigures(totals),
    comparison:
      base && baseTotals
        ? {
            from: base.from,
            to: base.to,
            base: moneyFigures(baseTotals),
            change: change(baseTotals, totals),
          }
        : null,
    months: periods(lines, 7),
    years: years.map((y) => ({ ...y, tier: tierByYear.get(y.period) ?? 'none' })),
    categories,
    products,
    contacts,
  };
}

export const LINE_SORTS = [
  'orderedAt',
  'revenue',
  'profit',
  'margin',
  'quantity',
  'product',
  'orderId',
] as const;

export const CustomerLinesQuery = WindowQuery.extend({
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Text in the order id, product name, product id or category' }),
  category: z.string().trim().max(200).optional(),
  loss: queryFlag.optional().openapi({ description: 'Only lines with profit below zero' }),
  sort: z.enum(LINE_SORTS, { error: `sort must be one of ${LINE_SORTS.join(', ')}` }).default('orderedAt'),
  order: z.enum(['asc', 'desc'], { error: "order must be 'asc' or 'desc'" }).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CustomerLinesQuery = z.infer<typeof CustomerLinesQuery>;

export const CustomerLinesSchema = z
  .object({
    window: ReportWindowSchema,
    total: count,
    matching: MoneyFigures,
    categories: z.array(z.string()).openapi({ description: 'Every category among the window’s lines' }),
    items: z.array(
      z.object({
        id: z.string(),
        lineKey: z.string(),
        orderId: z.string(),
        orderedAt: z.string(),
        productId: z.string().nullable(),
        productName: z.string().nullable(),
        category: z.string().nullable(),
        subCategory: z.string().nullable(),
        quantity: z.number(),
        revenue: money,
        profit: money,
        margin: z.string().nullable(),
      }),
    ),
  })
  .openapi('CustomerLines');
export type CustomerLines = z.infer<typeof CustomerLinesSchema>;

function lineOrder(sort: CustomerLinesQuery['sort']): (a: OrderLineRecord, b: OrderLineRecord) => number {
  switch (sort) {
    case 'orderedAt':
      return (a, b) => compareCodeUnits(a.orderedAt, b.orderedAt);
    case 'revenue':
      return (a, b) => compareCodeUnits(a.revenue, b.revenue);
    case 'profit':
      return (a, b) => compareCodeUnits(a.profit, b.profit);
    case 'margin':
      // Exact p1/r1 vs p2/r2; lines without positive revenue sort lowest.
      return (a, b) => {
        if (a.revenue <= 0n || b.revenue <= 0n)
          return compareCodeUnits(a.revenue > 0n ? 1 : 0, b.revenue > 0n ? 1 : 0);
        return compareCodeUnits(a.profit * b.revenue, b.profit * a.revenue);
      };
    case 'quantity':
      return (a, b) => a.quantity - b.quantity;
    case 'product':
      return (a, b) =>
        compareCodeUnits((a.productName ?? '').toLowerCase(), (b.productName ?? '').toLowerCase());
    case 'orderId':
      return (a, b) => compareCodeUnits(a.orderId, b.orderId);
  }
}

/** One customer's order lines in a window: filtered, sorted and paged, with the matching lines' exact totals. */
export async function customerLines(
  store: Store,
  clock: Clock,
  teamId: string,
  id: string,
  q: CustomerLinesQuery,
): Promise<CustomerLines> {
  const window: ReportWindow = await resolveReportWindow(store, clock, teamId, q);
  const [row, lines] = await Promise.all([
    customerOf(store, teamId, id),
    store.orderLines.forCustomer(teamId, id, { from: window.from, to: window.to }),
  ]);
  if (!row && lines.length === 0) {
    // A customer with lines only outside the window still exists.
    const any = await store.orderLines.forCustomer(teamId, id, { from: null, to: null });
    if (any.length === 0) throw notFound(`No customer ${id} in your team`);
  }
  const search = q.search?.toLowerCase();
  const matching = lines.filter(
    (l) =>
      (q.category === undefined || (l.category ?? '') === q.category) &&
      (!q.loss || l.profit < 0n) &&
      (!search ||
        [l.orderId, l.productName, l.productId, l.category, l.subCategory].some((v) =>
          (v ?? '').toLowerCase().includes(search),
        )),
  );
  const by = lineOrder(q.sort);
  const sign = q.order === 'asc' ? 1 : -1;
  matching.sort((a, b) => sign * by(a, b) || compareCodeUnits(a.lineKey, b.lineKey));
  return {
    window,
    total: matching.length,
    matching: moneyFigures(totalsOf(matching)),
    categories: [...new Set(lines.map((l) => l.category ?? ''))].filter(Boolean).sort(),
    items: matching.slice(q.offset, q.offset + q.limit).map((l) => ({
      id: l.id,
      lineKey: l.lineKey,
      orderId: l.orderId,
      orderedAt: l.orderedAt,
      productId: l.productId,
      productName: l.productName,
      category: l.category,
      subCategory: l.subCategory,
      quantity: l.quantity,
      revenue: formatMoney(l.revenue),
      profit: formatMoney(l.profit),
      margin: ratioText(l.profit, l.revenue),
    })),
  };
}
