import { z } from '@hono/zod-openapi';
import { formatMoney } from '@rapport/shared/money';
import { teamSettings } from '../accounts/settings.ts';
import { notFound } from '../lib/errors.ts';
import { ratioText } from '../metrics/ratio-text.ts';
import type { OrderLineRecord } from '../store/repos/order-lines.ts';
import type { Store } from '../store/store.ts';

const money = z.string().openapi({ description: 'Exact decimal string', example: '1234.5678' });
const count = z.number().int();

export const CustomerOrdersQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a whole number 1–200' })
    .int({ error: 'limit must be a whole number 1–200' })
    .min(1, { error: 'limit must be a whole number 1–200' })
    .max(200, { error: 'limit must be a whole number 1–200' })
    .default(20)
    .openapi({ description: 'Newest orders to list (1–200, default 20)' }),
});
export type CustomerOrdersQuery = z.infer<typeof CustomerOrdersQuery>;

export const CustomerOrdersSchema = z
  .object({
    customer: z.object({ id: z.string(), externalId: z.string().nullable(), name: z.string() }),
    currency: z.string(),
    /** Every order of all time, for the list's "n of m". */
    totalOrders: count,
    orders: z
      .array(
        z.object({
          orderId: z.string(),
          orderedAt: z.string(),
          lines: count,
          revenue: money,
          profit: money,
          margin: z
            .string()
            .nullable()
            .openapi({ description: 'profit / revenue, 4 places; null without revenue' }),
        }),
      )
      .openapi({ description: 'Newest first (then by order id)' }),
    months: z.array(z.object({ month: z.string(), orders: count, revenue: money, profit: money })).openapi({
      description:
        'Every month with lines (all time), oldest first; an order counts in the month of its first line',
    }),
  })
  .openapi('CustomerOrders');
export type CustomerOrders = z.infer<typeof CustomerOrdersSchema>;

interface Sum {
  revenue: bigint;
  profit: bigint;
}

/**
 * A customer's orders for the extension's quick lookup: the newest orders (a line's order id groups
 * it) and orders, revenue and profit by month, all time, exact. 404 for a customer the team does not
 * have (another team's id included).
 */
export async function customerOrders(
  store: Store,
  teamId: string,
  id: string,
  q: CustomerOrdersQuery,
): Promise<CustomerOrders> {
  const row = await store.rows.get(teamId, 'customer', id);
  if (!row || row.deletedAt !== null) throw notFound(`No customer ${id} in your team`);
  const [lines, team] = await Promise.all([
    store.orderLines.forCustomer(teamId, id, { from: null, to: null }),
    store.teams.get(teamId),
  ]);
  const orders = new Map<string, Sum & { orderedAt: string; lines: number }>();
  for (const l of lines) {
    const o = orders.get(l.orderId);
    if (o) {
      o.revenue += l.revenue;
      o.profit += l.profit;
      o.lines += 1;
      if (l.orderedAt < o.orderedAt) o.orderedAt = l.orderedAt;
    } else orders.set(l.orderId, { revenue: l.revenue, profit: l.profit, lines: 1, orderedAt: l.orderedAt });
  }
  const months = new Map<string, Sum & { orders: Set<string> }>();
  const firstDay = (l: OrderLineRecord) => orders.get(l.orderId)?.orderedAt ?? l.orderedAt;
  for (const l of lines) {
    const key = l.orderedAt.slice(0, 7);
    const m = months.get(key) ?? { revenue: 0n, profit: 0n, orders: new Set<string>() };
    m.revenue += l.revenue;
    m.profit += l.profit;
    if (firstDay(l).slice(0, 7) === key) m.orders.add(l.orderId);
    months.set(key, m);
  }
  const data = row.data as { externalId?: string | null; name?: string; currency?: string | null };
  return {
    customer: { id, externalId: data.externalId ?? null, name: data.name ?? '' },
    currency: data.currency ?? teamSettings(team).currency,
    totalOrders: orders.size,
    orders: [...orders.entries()]
      .sort(([ia, a], [ib, b]) =>
        a.orderedAt !== b.orderedAt ? (a.orderedAt < b.orderedAt ? 1 : -1) : ia < ib ? -1 : ia > ib ? 1 : 0,
      )
      .slice(0, q.limit)
      .map(([orderId, o]) => ({
        orderId,
        orderedAt: o.orderedAt,
        lines: o.lines,
        revenue: formatMoney(o.revenue),
        profit: formatMoney(o.profit),
        margin: ratioText(o.profit, o.revenue),
      })),
    months: [...months.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, m]) => ({
        month,
        orders: m.orders.size,
        revenue: formatMoney(m.revenue),
        profit: formatMoney(m.profit),
      })),
  };
}
