import { big, type Db, insertMany, int, placeholders, type SqlValue } from '../driver.ts';

/** One stored order line; money in exact 1/10,000 units of the team's currency. */
export interface OrderLineRecord {
  id: string;
  lineKey: string;
  customerId: string;
  orderId: string;
  orderedAt: string;
  productId: string | null;
  productName: string | null;
  category: string | null;
  subCategory: string | null;
  quantity: number;
  revenue: bigint;
  /** Null when the file gave profit rather than cost. */
  cost: bigint | null;
  profit: bigint;
  currency: string;
  importId: string | null;
  createdAt: string;
}

/** A half-open day window [from, to); null is unbounded on that side. */
export interface LineWindow {
  from: string | null;
  to: string | null;
}

/** Exact sums of a group of lines. */
export interface LineTotals {
  revenue: bigint;
  profit: bigint;
  /** Distinct order ids. */
  orders: number;
  lines: number;
  lastOrderAt: string | null;
}

export type LineGroup = 'customer' | 'product' | 'month' | 'year' | 'owner';

export interface CustomerMonth {
  customerId: string;
  month: string;
  revenue: bigint;
  profit: bigint;
}

/** Revenue of an owner's lines of one product in one month, split by whether the line lost money. */
export interface CommissionGroup {
  ownerId: string | null;
  productId: string;
  month: string;
  /** True for lines with profit ≥ 0 (the only ones that earn commission). */
  earning: boolean;
  revenue: bigint;
  profit: bigint;
  lines: number;
}

export interface CustomerOrder {
  customerId: string;
  orderId: string;
  orderedAt: string;
}

export interface OrderLinesRepo {
  /** The stored lines with these keys, by key. */
  byKeys(teamId: string, keys: readonly string[]): Promise<Map<string, OrderLineRecord>>;
  /** Inserts lines, or replaces every field but id and createdAt of lines whose key exists. */
  upsert(teamId: string, lines: readonly OrderLineRecord[]): Promise<void>;
  /** Moves every line of one customer to another (customer merge); returns how many moved. */
  moveCustomer(teamId: string, fromId: string, toId: string): Promise<number>;
  count(teamId: string): Promise<number>;
  /** The day of the team's newest line, null when it has none. */
  newestDate(teamId: string): Promise<string | null>;
  /** Every customer id that has lines. */
  customerIds(teamId: string): Promise<string[]>;
  /** Totals per group key in the window (owner: the customer's current owner, '' when unowned). */
  totalsBy(
    teamId: string,
    group: LineGroup,
    window: LineWindow,
    ownerId?: string,
  ): Promise<Map<string, LineTotals>>;
  /** Totals of all lines in the window (of one owner's customers when given). */
  totals(teamId: string, window: LineWindow, ownerId?: string): Promise<LineTotals>;
  /** Revenue and profit per customer per month in the window. */
  customerMonths(teamId: string, window: LineWindow): Promise<CustomerMonth[]>;
  commissionGroups(teamId: string, window: LineWindow, ownerId?: string): Promise<CommissionGroup[]>;
  /** One customer's lines in the window, oldest first (the customer page: orders, products, months). */
  forCustomer(teamId: string, customerId: string, window: LineWindow): Promise<OrderLineRecord[]>;
  /** Each (customer, order, day) once, for repeat-purchase rates. */
  customerOrders(teamId: string, window: LineWindow, ownerId?: string): Promise<CustomerOrder[]>;
}

const COLUMNS = [
  'team_id',
  'id',
  'line_key',
  'customer_id',
  'order_id',
  'ordered_at',
  'product_id',
  'product_name',
  'category',
  'sub_category',
  'quantity',
  'revenue',
  'cost',
  'profit',
  'currency',
  'import_id',
  'created_at',
] as const;

/** Rewritten on conflict: everything but the identity and the creation time. */
const UPDATED = COLUMNS.filter((c) => !['team_id', 'id', 'line_key', 'created_at'].includes(c));

interface LineRow {
  id: string;
  line_key: string;
  customer_id: string;
  order_id: string;
  ordered_at: string;
  product_id: string | null;
  product_name: string | null;
  category: string | null;
  sub_category: string | null;
  quantity: unknown;
  revenue: unknown;
  cost: unknown;
  profit: unknown;
  currency: string;
  import_id: string | null;
  created_at: string;
}

function toRecord(r: LineRow): OrderLineRecord {
  return {
    id: r.id,
    lineKey: r.line_key,
    customerId: r.customer_id,
    orderId: r.order_id,
    orderedAt: r.ordered_at,
    productId: r.product_id,
    productName: r.product_name,
    category: r.category,
    subCategory: r.sub_category,
    quantity: Number(r.quantity),
    revenue: big(r.revenue),
    cost: r.cost === null ? null : big(r.cost),
    profit: big(r.profit),
    currency: r.currency,
    importId: r.import_id,
    createdAt: r.created_at,
  };
}

/** `WHERE` conditions for a window on `l.ordered_at`, and an owner filter through the customer row. */
function filters(
  teamId: string,
  window: LineWindow,
  ownerId: string | undefined,
): { where: string; params: SqlValue[] } {
  const where = ['l.team_id = ?'];
  const params: SqlValue[] = [teamId];
  if (window.from !== null) where.push('l.ordered_at >= ?') && params.push(window.from);
  if (window.to !== null) where.push('l.ordered_at < ?') && params.push(window.to);
  if (ownerId !== undefined) where.push('c.owner_id = ?') && params.push(ownerId);
  return { where: where.join(' AND '), params };
}

/** The customer row of each line (its owner), when a query needs it. */
const CUSTOMER_JOIN =
  "LEFT JOIN rows c ON c.team_id = l.team_id AND c.entity = 'customer' AND c.id = l.customer_id";

const GROUP_KEY: Record<LineGroup, string> = {
  customer: 'l.customer_id',
  product: "COALESCE(l.product_id, '')",
  month: 'substr(l.ordered_at, 1, 7)',
  year: 'substr(l.ordered_at, 1, 4)',
  owner: "COALESCE(c.owner_id, '')",
};

interface TotalsRow {
  k?: string;
  revenue: unknown;
  profit: unknown;
  orders: unknown;
  lines: unknown;
  last_order_at: string | null;
}

const TOTALS =
  'SUM(l.revenue) AS revenue, SUM(l.profit) AS profit, COUNT(DISTINCT l.order_id) AS orders, COUNT(*) AS lines, MAX(l.ordered_at) AS last_order_at';

function toTotals(r: TotalsRow | undefined): LineTotals {
  return {
    revenue: r?.revenue == null ? 0n : big(r.revenue),
    profit: r?.profit == null ? 0n : big(r.profit),
    orders: r ? int(r.orders) : 0,
    lines: r ? int(r.lines) : 0,
    lastOrderAt: r?.last_order_at ?? null,
  };
}

export function orderLinesRepo(db: Db): OrderLinesRepo {
  const needsCustomer = (group: LineGroup | null, ownerId: string | undefined) =>
    group === 'owner' || ownerId !== undefined;
  return {
    async byKeys(teamId, keys) {
      const out = new Map<string, OrderLineRecord>();
      for (let i = 0; i < keys.length; i += 1000) {
        const part = keys.slice(i, i + 1000);
        const rows = await db.all<LineRow>(
          `SELECT ${COLUMNS.slice(1).join(', ')} FROM order_lines WHERE team_id = ? AND line_key IN (${placeholders(part.length)})`,
          [teamId, ...part],
        );
        for (const r of rows) out.set(r.line_key, toRecord(r));
      }
      return out;
    },
    async upsert(teamId, lines) {
      const values: SqlValue[][] = lines.map((l) => [
        teamId,
        l.id,
        l.lineKey,
        l.customerId,
        l.orderId,
        l.orderedAt,
        l.productId,
        l.productName,
        l.category,
        l.subCategory,
        l.quantity,
        l.revenue,
        l.cost,
        l.profit,
        l.currency,
        l.importId,
        l.createdAt,
      ]);
      const set = UPDATED.map((c) => `${c} = excluded.${c}`).join(', ');
      for (let i = 0; i < values.length; i += 1000) {
        await insertMany(
          db,
          'order_lines',
          COLUMNS,
          values.slice(i, i + 1000),
          `ON CONFLICT (team_id, line_key) DO UPDATE SET ${set}`,
        );
      }
    },
    async moveCustomer(teamId, fromId, toId) {
      const [row] = await db.all<{ n: unknown }>(
        'SELECT COUNT(*) AS n FROM order_lines WHERE team_id = ? AND customer_id = ?',
        [teamId, fromId],
      );
      await db.run('UPDATE order_lines SET customer_id = ? WHERE team_id = ? AND customer_id = ?', [
        toId,
        teamId,
        fromId,
      ]);
      return int(row?.n ?? 0);
    },
    async count(teamId) {
      const r = await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM order_lines WHERE team_id = ?', [
        teamId,
      ]);
      return r ? int(r.n) : 0;
    },
    async newestDate(teamId) {
      const r = await db.get<{ d: string | null }>(
        'SELECT MAX(ordered_at) AS d FROM order_lines WHERE team_id = ?',
        [teamId],
      );
      return r?.d ?? null;
    },
    async customerIds(teamId) {
      const rows = await db.all<{ customer_id: string }>(
        'SELECT DISTINCT customer_id FROM order_lines WHERE team_id = ?',
        [teamId],
      );
      return rows.map((r) => r.customer_id);
    },
    async totalsBy(teamId, group, window, ownerId) {
      const { where, params } = filters(teamId, window, ownerId);
      const join = needsCustomer(group, ownerId) ? CUSTOMER_JOIN : '';
      const key = GROUP_KEY[group];
      const rows = await db.all<TotalsRow>(
        `SELECT ${key} AS k, ${TOTALS} FROM order_lines l ${join} WHERE ${where} GROUP BY ${key}`,
        params,
      );
      return new Map(rows.map((r) => [String(r.k), toTotals(r)]));
    },
    async totals(teamId, window, ownerId) {
      const { where, params } = filters(teamId, window, ownerId);
      const join = needsCustomer(null, ownerId) ? CUSTOMER_JOIN : '';
      return toTotals(
        await db.get<TotalsRow>(`SELECT ${TOTALS} FROM order_lines l ${join} WHERE ${where}`, params),
      );
    },
    async customerMonths(teamId, window) {
      const { where, params } = filters(teamId, window, undefined);
      const rows = await db.all<{ customer_id: string; month: string; revenue: unknown; profit: unknown }>(
        `SELECT l.customer_id, substr(l.ordered_at, 1, 7) AS month, SUM(l.revenue) AS revenue, SUM(l.profit) AS profit
           FROM order_lines l WHERE ${where} GROUP BY l.customer_id, substr(l.ordered_at, 1, 7)`,
        params,
      );
      return rows.map((r) => ({
        customerId: r.customer_id,
        month: r.month,
        revenue: big(r.revenue),
        profit: big(r.profit),
      }));
    },
    async commissionGroups(teamId, window, ownerId) {
      const { where, params } = filters(teamId, window, ownerId);
      const earning = 'CASE WHEN l.profit >= 0 THEN 1 ELSE 0 END';
      const rows = await db.all<{
        owner_id: string | null;
        product_id: string;
        month: string;
        earning: unknown;
        revenue: unknown;
        profit: unknown;
        lines: unknown;
      }>(
        `SELECT c.owner_id, COALESCE(l.product_id, '') AS product_id, substr(l.ordered_at, 1, 7) AS month, ${earning} AS earning,
                SUM(l.revenue) AS revenue, SUM(l.profit) AS profit, COUNT(*) AS lines
           FROM order_lines l ${CUSTOMER_JOIN} WHERE ${where}
          GROUP BY c.owner_id, COALESCE(l.product_id, ''), substr(l.ordered_at, 1, 7), ${earning}`,
        params,
      );
      return rows.map((r) => ({
        ownerId: r.owner_id,
        productId: r.product_id,
        month: r.month,
        earning: int(r.earning) === 1,
        revenue: big(r.revenue),
        profit: big(r.profit),
        lines: int(r.lines),
      }));
    },
    async forCustomer(teamId, customerId, window) {
      const { where, params } = filters(teamId, window, undefined);
      const rows = await db.all<LineRow>(
        `SELECT ${COLUMNS.slice(1)
          .map((c) => `l.${c}`)
          .join(', ')} FROM order_lines l
          WHERE ${where} AND l.customer_id = ? ORDER BY l.ordered_at, l.order_id, l.line_key`,
        [...params, customerId],
      );
      return rows.map(toRecord);
    },
    async customerOrders(teamId, window, ownerId) {
      const { where, params } = filters(teamId, window, ownerId);
      const join = needsCustomer(null, ownerId) ? CUSTOMER_JOIN : '';
      const rows = await db.all<{ customer_id: string; order_id: string; ordered_at: string }>(
        `SELECT DISTINCT l.customer_id, l.order_id, l.ordered_at FROM order_lines l ${join} WHERE ${where}`,
        params,
      );
      return rows.map((r) => ({ customerId: r.customer_id, orderId: r.order_id, orderedAt: r.ordered_at }));
    },
  };
}
