import { big, type Db, fromJson, placeholders, type SqlValue } from '../driver.ts';
import type { LineWindow } from './order-lines.ts';

/** A (customer, order day) pair: the customer ordered on that day. */
export interface CustomerOrderDay {
  customerId: string;
  day: string;
}

export interface GroupSpend {
  customerId: string;
  category: string;
  revenue: bigint;
  profit: bigint;
}

export interface OwnerMonth {
  /** The customer's current owner, '' when unowned. */
  ownerId: string;
  month: string;
  revenue: bigint;
  profit: bigint;
}

export interface BasketCountRows {
  orders: number;
  items: { item: string; orders: number }[];
  pairs: { a: string; b: string; orders: number }[];
}

/** 'category' or 'subCategory' of the order lines; lines without one group under '(none)'. */
export type CategoryLevel = 'category' | 'subCategory';

/**
 * Read-only aggregates behind the insight reports (segments, churn, affinity, forecast,
 * relationships). Every query groups in SQL, so a million order lines come back as one row per
 * customer, per (customer, day), per (customer, category) or per (owner, month).
 */
export interface InsightRepo {
  /** Whether the team has any row (live or deleted) of this entity: one probe of an index prefix. */
  hasRows(teamId: string, entity: string): Promise<boolean>;
  /**
   * Each day each customer (of these customers only, when given) ordered on, in the window, ordered
   * by customer then day.
   */
  customerOrderDays(
    teamId: string,
    window: LineWindow,
    customerIds?: readonly string[],
  ): Promise<CustomerOrderDay[]>;
  /** Revenue and profit per customer and category (or sub-category) in the window (of one or some customers). */
  categorySpend(
    teamId: string,
    window: LineWindow,
    level: CategoryLevel,
    customerId?: string | readonly string[],
  ): Promise<GroupSpend[]>;
  /** How many orders hold each category (or sub-category) and each pair of them, in the window. */
  basketCounts(teamId: string, window: LineWindow, level: CategoryLevel): Promise<BasketCountRows>;
  /** Revenue and profit per owner (the customer's current owner) and month, in the window. */
  ownerMonths(teamId: string, window: LineWindow, customerId?: string): Promise<OwnerMonth[]>;
  /** Every live interaction with one contact (materialised data). */
  contactInteractions<T>(teamId: string, contactId: string): Promise<T[]>;
}

const LEVEL: Record<CategoryLevel, string> = {
  category: "COALESCE(l.category, '(none)')",
  subCategory: "COALESCE(l.sub_category, l.category, '(none)')",
};

function where(
  teamId: string,
  window: LineWindow,
  customerId?: string | readonly string[],
): { sql: string; params: SqlValue[] } {
  const parts = ['l.team_id = ?'];
  const params: SqlValue[] = [teamId];
  if (window.from !== null) parts.push('l.ordered_at >= ?') && params.push(window.from);
  if (window.to !== null) parts.push('l.ordered_at < ?') && params.push(window.to);
  if (typeof customerId === 'string') parts.push('l.customer_id = ?') && params.push(customerId);
  else if (customerId !== undefined) {
    parts.push(`l.customer_id IN (${placeholders(customerId.length)})`);
    params.push(...customerId);
  }
  return { sql: parts.join(' AND '), params };
}

/** One query for the whole team or one customer; chunks of 500 for a list of customers (none for an empty list). */
function customerChunks(
  customerId: string | readonly string[] | undefined,
): (string | readonly string[] | undefined)[] {
  if (customerId === undefined || typeof customerId === 'string') return [customerId];
  const out: (readonly string[])[] = [];
  for (let i = 0; i < customerId.length; i += 500) out.push(customerId.slice(i, i + 500));
  return out;
}

const num = (v: unknown) => Number(v);

export function insightRepo(db: Db): InsightRepo {
  return {
    async hasRows(teamId, entity) {
      const r = await db.get<{ x: unknown }>(
        'SELECT 1 AS x FROM rows WHERE team_id = ? AND entity = ? LIMIT 1',
        [teamId, entity],
      );
      return r !== undefined;
    },
    async customerOrderDays(teamId, window, customerIds) {
      const out: CustomerOrderDay[] = [];
      for (const part of customerChunks(customerIds)) {
        const w = where(teamId, window, part);
        const rows = await db.all<{ customer_id: string; day: string }>(
          `SELECT l.customer_id, l.ordered_at AS day FROM order_lines l WHERE ${w.sql}
            GROUP BY l.customer_id, l.ordered_at ORDER BY l.customer_id, l.ordered_at`,
          w.params,
        );
        for (const r of rows) out.push({ customerId: r.customer_id, day: r.day });
      }
      return out;
    },
    async categorySpend(teamId, window, level, customerId) {
      const key = LEVEL[level];
      const out: GroupSpend[] = [];
      for (const part of customerChunks(customerId)) {
        const w = where(teamId, window, part);
        const rows = await db.all<{ customer_id: string; k: string; revenue: unknown; profit: unknown }>(
          `SELECT l.customer_id, ${key} AS k, SUM(l.revenue) AS revenue, SUM(l.profit) AS profit
             FROM order_lines l WHERE ${w.sql} GROUP BY l.customer_id, ${key}`,
          w.params,
        );
        for (const r of rows)
          out.push({
            customerId: r.customer_id,
            category: r.k,
            revenue: big(r.revenue),
            profit: big(r.profit),
          });
      }
      return out;
    },
    async basketCounts(teamId, window, level) {
      const w = where(teamId, window);
      const items = `SELECT DISTINCT l.order_id, ${LEVEL[level]} AS item FROM order_lines l WHERE ${w.sql}`;
      const [orders, itemRows, pairRows] = await Promise.all([
        db.get<{ n: unknown }>(
          `SELECT COUNT(DISTINCT l.order_id) AS n FROM order_lines l WHERE ${w.sql}`,
          w.params,
        ),
        db.all<{ item: string; n: unknown }>(
          `SELECT item, COUNT(*) AS n FROM (${items}) b GROUP BY item`,
          w.params,
        ),
        db.all<{ a: string; b: string; n: unknown }>(
          `WITH b AS (${items})
           SELECT x.item AS a, y.item AS b, COUNT(*) AS n FROM b x JOIN b y ON x.order_id = y.order_id AND x.item < y.item
            GROUP BY x.item, y.item`,
          w.params,
        ),
      ]);
      return {
        orders: orders ? num(orders.n) : 0,
        items: itemRows.map((r) => ({ item: r.item, orders: num(r.n) })),
        pairs: pairRows.map((r) => ({ a: r.a, b: r.b, orders: num(r.n) })),
      };
    },
    async ownerMonths(teamId, window, customerId) {
      const w = where(teamId, window, customerId);
      const rows = await db.all<{ owner_id: string; month: string; revenue: unknown; profit: unknown }>(
        `SELECT COALESCE(c.owner_id, '') AS owner_id, substr(l.ordered_at, 1, 7) AS month,
                SUM(l.revenue) AS revenue, SUM(l.profit) AS profit
           FROM order_lines l
           LEFT JOIN rows c ON c.team_id = l.team_id AND c.entity = 'customer' AND c.id = l.customer_id
          WHERE ${w.sql}
          GROUP BY COALESCE(c.owner_id, ''), substr(l.ordered_at, 1, 7)`,
        w.params,
      );
      return rows.map((r) => ({
        ownerId: r.owner_id,
        month: r.month,
        revenue: big(r.revenue),
        profit: big(r.profit),
      }));
    },
    async contactInteractions<T>(teamId: string, contactId: string) {
      const rows = await db.all<{ data: unknown }>(
        `SELECT data FROM rows WHERE team_id = ? AND entity = 'interaction' AND contact_id = ? AND deleted_at IS NULL`,
        [teamId, contactId],
      );
      return rows.map((r) => fromJson<T>(r.data));
    },
  };
}
