import { monthKey, shiftMonth } from '@rapport/shared/domain/dates';
import { big, type Db, insertMany, insertRecords, int, placeholders, type SqlValue } from '../driver.ts';
import { rollupInsertsSql } from '../migrations/rollup-sql.ts';

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

/** Exact sums of one customer's lines (all time, or one month); cost is Σ (revenue − profit). */
export interface CustomerRollup {
  customerId: string;
  revenue: bigint;
  cost: bigint;
  profit: bigint;
  quantity: number;
  lines: number;
  orders: number;
  firstOrderAt: string;
  lastOrderAt: string;
}

export interface CustomerMonthRollup extends CustomerRollup {
  month: string;
}

export interface CustomerOrder {
  customerId: string;
  orderId: string;
  orderedAt: string;
}

export interface OrderLinesRepo {
  /** The stored lines with these keys, by key. */
  byKeys(teamId: string, keys: readonly string[]): Promise<Map<string, OrderLineRecord>>;
  /**
   * Inserts lines, or replaces every field but id and createdAt of lines whose key exists, and brings
   * the rollups of every customer whose lines changed (old and new owner of a moved line) up to date
   * in the same transaction. Call inside a transaction. `stored`: the stored lines of these keys (by
   * key, as byKeys answers in the same transaction) when the caller has just read them, so they are
   * not read again; a key missing from it is not stored. `rollups: 'later'` leaves the rollups
   * alone: the caller rebuilds them (rebuildRollups) before anything reads them, in the same
   * transaction — one pass over a new team's lines instead of a delta per batch.
   */
  upsert(
    teamId: string,
    lines: readonly OrderLineRecord[],
    stored?: ReadonlyMap<string, Pick<OrderLineRecord, 'customerId'>>,
    options?: { rollups: 'now' | 'later' },
  ): Promise<void>;
  /** Deletes the lines with these keys and updates their customers' rollups; returns how many went. */
  deleteByKeys(teamId: string, keys: readonly string[]): Promise<number>;
  /** Recomputes the team's rollups from its lines (after lines were written around the repository). */
  rebuildRollups(teamId: string): Promise<void>;
  /** The per-customer rollup rows (all time), by customer id. */
  rollups(teamId: string): Promise<Map<string, CustomerRollup>>;
  /** The per-customer-month rollup rows, oldest month first. */
  monthRollups(teamId: string): Promise<CustomerMonthRollup[]>;
  /** Customers whose lines changed since the last markClean (their rollup row is dirty). */
  dirtyCustomers(teamId: string): Promise<string[]>;
  /** Clears the dirty mark of these customers (the metrics have seen their lines). */
  markClean(teamId: string, customerIds: readonly string[]): Promise<void>;
  /** Moves every line of one customer to another (customer merge) with both rollups; returns how many moved. */
  moveCustomer(teamId: string, fromId: string, toId: string): Promise<number>;
  count(teamId: string): Promise<number>;
  /** Whether the team has any line (one index probe, not a count). */
  hasAny(teamId: string): Promise<boolean>;
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
  /** `totalsBy(teamId, 'customer', window)` of these customers only (those with lines in the window). */
  customerTotalsOf(
    teamId: string,
    window: LineWindow,
    customerIds: readonly string[],
  ): Promise<Map<string, LineTotals>>;
  /**
   * Totals of all lines in the window (of one owner's customers when given), summed from the
   * per-customer rollups: orders is Σ of each customer's distinct orders (an order id belongs to one
   * customer; lineTotals counts distinct ids straight from the lines).
   */
  totals(teamId: string, window: LineWindow, ownerId?: string): Promise<LineTotals>;
  /** The same totals scanned from the lines themselves (distinct order ids over the whole team). */
  lineTotals(teamId: string, window: LineWindow, ownerId?: string): Promise<LineTotals>;
  /** Revenue and profit per customer per month in the window (of these customers only, when given). */
  customerMonths(teamId: string, window: LineWindow, only?: readonly string[]): Promise<CustomerMonth[]>;
  commissionGroups(teamId: string, window: LineWindow, ownerId?: string): Promise<CommissionGroup[]>;
  /** One customer's lines in the window, oldest first (the customer page: orders, products, months). */
  forCustomer(teamId: string, customerId: string, window: LineWindow): Promise<OrderLineRecord[]>;
  /** Each (customer, order, day) once, for repeat-purchase rates. */
  customerOrders(teamId: string, window: LineWindow, ownerId?: string): Promise<CustomerOrder[]>;
}

/** The order_lines columns in write order (the bench's bare-insert baselines write the same). */
export const ORDER_LINE_COLUMNS = [
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

/** Postgres casts of ORDER_LINE_COLUMNS for insertRecords. */
const ORDER_LINE_PG_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'double precision',
  'bigint',
  'bigint',
  'bigint',
  'text',
  'text',
  'text',
];

/** One line's values in ORDER_LINE_COLUMNS order. */
export function orderLineValues(teamId: string, l: OrderLineRecord): SqlValue[] {
  return [
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
  ];
}

/** Rewritten on conflict: everything but the identity and the creation time. */
const UPDATED = ORDER_LINE_COLUMNS.filter((c) => !['team_id', 'id', 'line_key', 'created_at'].includes(c));

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

/**
 * On SQLite, a month-rollup read by customer (listed ids, or one customer per correlated subquery)
 * goes by the primary key (team, customer, month). Without statistics SQLite prefers the covering month index (migration 014) and
 * scanned the team's whole window once per chunk of ids: ≈300 ms of a 10,000-line import into a
 * 1M-line team, for ≈5,000 customers' twelve months. Postgres plans it from its statistics.
 */
function monthsByCustomer(db: Db, listed = true): string {
  return listed && db.dialect === 'sqlite' ? 'INDEXED BY sqlite_autoindex_customer_month_rollups_1' : '';
}

/** rollupInsertsSql with the month rollups read by key on SQLite (see rollupInsertsSql). */
function rollupInserts(db: Db, where: string): { months: string; customers: string } {
  return rollupInsertsSql(where, monthsByCustomer(db));
}

/** Up to this many customer ids per IN (…) list. */
const ID_CHUNK = 500;

function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Recomputes both rollups of these customers from their lines (deletes them when no line is left). */
async function refreshRollups(db: Db, teamId: string, customerIds: readonly string[]): Promise<void> {
  for (const part of chunks([...new Set(customerIds)])) {
    const inList = `team_id = ? AND customer_id IN (${placeholders(part.length)})`;
    const params = [teamId, ...part];
    await db.run(`DELETE FROM customer_month_rollups WHERE ${inList}`, params);
    await db.run(`DELETE FROM customer_rollups WHERE ${inList}`, params);
    const { months, customers } = rollupInserts(
      db,
      `l.team_id = ? AND l.customer_id IN (${placeholders(part.length)})`,
    );
    await db.run(months, params);
    await db.run(customers, params);
  }
}

/** What brand-new lines add to their customers' rollup rows (per customer, and per customer and month). */
interface RollupDelta {
  customers: SqlValue[][];
  months: SqlValue[][];
}

interface DeltaSums {
  revenue: bigint;
  profit: bigint;
  quantity: number;
  lines: number;
  /** Order ids of these lines not yet among the stored lines of the same customer (and month). */
  orders: Set<string>;
  first: string;
  last: string;
}

function addToSums(
  into: Map<string, DeltaSums>,
  key: string,
  l: OrderLineRecord,
  newOrder: boolean,
): DeltaSums {
  let s = into.get(key);
  if (!s) {
    s = {
      revenue: 0n,
      profit: 0n,
      quantity: 0,
      lines: 0,
      orders: new Set(),
      first: l.orderedAt,
      last: l.orderedAt,
    };
    into.set(key, s);
  }
  s.revenue += l.revenue;
  s.profit += l.profit;
  s.quantity += l.quantity;
  s.lines += 1;
  if (newOrder) s.orders.add(l.orderId);
  if (l.orderedAt < s.first) s.first = l.orderedAt;
  if (l.orderedAt > s.last) s.last = l.orderedAt;
  return s;
}

/**
 * The rollup deltas of lines none of whose keys is stored yet (call before inserting them): exact sums,
 * and the distinct orders they add — an order id counts only where the customer (or the customer's
 * month) has no stored line of it. split_orders moves by Σ new month orders − new distinct orders.
 */
async function rollupDelta(db: Db, teamId: string, lines: readonly OrderLineRecord[]): Promise<RollupDelta> {
  const byCustomer = new Map<string, OrderLineRecord[]>();
  for (const l of lines) {
    const list = byCustomer.get(l.customerId);
    if (list) list.push(l);
    else byCustomer.set(l.customerId, [l]);
  }
  // The (customer, order, month) triples already stored for the orders these lines name.
  const storedOrders = new Set<string>();
  const storedMonths = new Set<string>();
  for (const part of chunks([...byCustomer.keys()])) {
    const orderIds = [...new Set(part.flatMap((c) => (byCustomer.get(c) ?? []).map((l) => l.orderId)))];
    for (const orders of chunks(orderIds, 5000)) {
      const rows = await db.all<{ customer_id: string; order_id: string; month: string }>(
        `SELECT DISTINCT customer_id, order_id, substr(ordered_at, 1, 7) AS month FROM order_lines
          WHERE team_id = ? AND customer_id IN (${placeholders(part.length)}) AND order_id IN (${placeholders(orders.length)})`,
        [teamId, ...part, ...orders],
      );
      for (const r of rows) {
        storedOrders.add(`${r.customer_id}\u0000${r.order_id}`);
        storedMonths.add(`${r.customer_id}\u0000${r.order_id}\u0000${r.month}`);
      }
    }
  }
  // Per customer: its sums, and its months' sums (no composite keys to build and split again).
  const customerRows: SqlValue[][] = [];
  const monthRows: SqlValue[][] = [];
  const checkStored = storedOrders.size > 0;
  for (const [customerId, list] of byCustomer) {
    const all = new Map<string, DeltaSums>();
    const months = new Map<string, DeltaSums>();
    for (const l of list) {
      const month = l.orderedAt.slice(0, 7);
      const storedOrder = checkStored && storedOrders.has(`${customerId}\u0000${l.orderId}`);
      const storedMonth = checkStored && storedMonths.has(`${customerId}\u0000${l.orderId}\u0000${month}`);
      addToSums(all, customerId, l, !storedOrder);
      addToSums(months, month, l, !storedMonth);
    }
    let split = 0;
    for (const [month, s] of months) {
      split += s.orders.size;
      monthRows.push([teamId, customerId, month, ...sumValues(s)]);
    }
    const s = all.get(customerId) as DeltaSums;
    customerRows.push([teamId, customerId, ...sumValues(s), split - s.orders.size, 1]);
  }
  return { customers: customerRows, months: monthRows };
}

/** revenue, cost, profit, quantity, lines, orders, first_order_at, last_order_at. */
function sumValues(s: DeltaSums): SqlValue[] {
  return [s.revenue, s.revenue - s.profit, s.profit, s.quantity, s.lines, s.orders.size, s.first, s.last];
}

const SUM_COLUMNS = ['revenue', 'cost', 'profit', 'quantity', 'lines', 'orders'];

/** ON CONFLICT … DO UPDATE that adds a delta row to the stored one. */
function addOnConflict(table: string, key: string, extra: string[]): string {
  const add = [...SUM_COLUMNS, ...extra].map((c) => `${c} = ${table}.${c} + excluded.${c}`);
  const first = `first_order_at = CASE WHEN excluded.first_order_at < ${table}.first_order_at THEN excluded.first_order_at ELSE ${table}.first_order_at END`;
  const last = `last_order_at = CASE WHEN excluded.last_order_at > ${table}.last_order_at THEN excluded.last_order_at ELSE ${table}.last_order_at END`;
  return `ON CONFLICT (${key}) DO UPDATE SET ${[...add, first, last].join(', ')}`;
}

const DELTA_COLUMNS = [
  'revenue',
  'cost',
  'profit',
  'quantity',
  'lines',
  'orders',
  'first_order_at',
  'last_order_at',
];

async function addRollupDelta(db: Db, delta: RollupDelta): Promise<void> {
  if (delta.customers.length === 0) return;
  await insertMany(
    db,
    'customer_month_rollups',
    ['team_id', 'customer_id', 'month', ...DELTA_COLUMNS],
    delta.months,
    addOnConflict('customer_month_rollups', 'team_id, customer_id, month', []),
  );
  await insertMany(
    db,
    'customer_rollups',
    ['team_id', 'customer_id', ...DELTA_COLUMNS, 'split_orders', 'dirty'],
    delta.customers,
    `${addOnConflict('customer_rollups', 'team_id, customer_id', ['split_orders'])}, dirty = 1`,
  );
}

/**
 * How a day window [from, to) splits into whole calendar months, read from the month rollups, and
 * at most two partial boundary months, read from lines. Null when the window lies within one or two
 * partial months (read it all from lines).
 */
interface MonthPlan {
  /** Whole months [from, to) as month keys; null is unbounded. */
  months: { from: string | null; to: string | null };
  partial: LineWindow[];
}

function monthPlan(window: LineWindow): MonthPlan | null {
  const partial: LineWindow[] = [];
  let fromMonth: string | null = null;
  if (window.from !== null) {
    if (window.from.endsWith('-01') && window.from.length === 10) fromMonth = monthKey(window.from);
    else {
      fromMonth = shiftMonth(monthKey(window.from), 1);
      partial.push({ from: window.from, to: `${fromMonth}-01` });
    }
  }
  let toMonth: string | null = null;
  if (window.to !== null) {
    toMonth = monthKey(window.to);
    if (!(window.to.endsWith('-01') && window.to.length === 10))
      partial.push({ from: `${toMonth}-01`, to: window.to });
  }
  if (fromMonth !== null && toMonth !== null && fromMonth >= toMonth) return null;
  return { months: { from: fromMonth, to: toMonth }, partial };
}

/**
 * One SELECT of every customer's totals in a window (columns customer_id, revenue, profit, orders,
 * lines, last_order_at), for a report to sort and page in SQL: the same sums as `totalsBy(…,
 * 'customer', window)` — all time from the rollups; a window from its whole months' rollup rows plus
 * its partial boundary months' lines; customers with an order spanning two months (split_orders > 0)
 * summed exactly from their lines.
 */
export function customerTotalsSql(
  teamId: string,
  window: LineWindow,
  /** The team's customers with split_orders > 0 (read first: a short list keeps both planners on the customer index). */
  split: readonly string[],
): { sql: string; params: SqlValue[] } {
  if (window.from === null && window.to === null)
    return {
      sql: 'SELECT customer_id, revenue, profit, orders, lines, last_order_at FROM customer_rollups WHERE team_id = ?',
      params: [teamId],
    };
  const fromLines = (w: LineWindow, restrict: string, extra: readonly SqlValue[]) => {
    const f = filters(teamId, w, undefined);
    return {
      sql: `SELECT l.customer_id, ${TOTALS} FROM order_lines l WHERE ${f.where}${restrict} GROUP BY l.customer_id`,
      params: [...f.params, ...extra],
    };
  };
  const plan = monthPlan(window);
  if (plan === null) return fromLines(window, '', []);
  const where = ['team_id = ?'];
  const params: SqlValue[] = [teamId];
  if (plan.months.from !== null) where.push('month >= ?') && params.push(plan.months.from);
  if (plan.months.to !== null) where.push('month < ?') && params.push(plan.months.to);
  const parts = [
    {
      sql: `SELECT customer_id, revenue, profit, orders, lines, last_order_at FROM customer_month_rollups WHERE ${where.join(' AND ')}`,
      params,
    },
    ...plan.partial.map((w) => fromLines(w, '', [])),
  ];
  const merged = `SELECT customer_id, SUM(revenue) AS revenue, SUM(profit) AS profit, SUM(orders) AS orders, SUM(lines) AS lines, MAX(last_order_at) AS last_order_at
    FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) u GROUP BY customer_id`;
  if (split.length === 0) return { sql: merged, params: parts.flatMap((p) => p.params) };
  const list = `(${placeholders(split.length)})`;
  const exact = fromLines(window, ` AND l.customer_id IN ${list}`, split);
  return {
    sql: `SELECT * FROM (${merged}) m WHERE customer_id NOT IN ${list} UNION ALL ${exact.sql}`,
    params: [...parts.flatMap((p) => p.params), ...split, ...exact.params],
  };
}

function addTotals(into: Map<string, LineTotals>, key: string, t: LineTotals): void {
  const had = into.get(key);
  if (!had) {
    into.set(key, { ...t });
    return;
  }
  had.revenue += t.revenue;
  had.profit += t.profit;
  had.orders += t.orders;
  had.lines += t.lines;
  if (t.lastOrderAt !== null && (had.lastOrderAt === null || t.lastOrderAt > had.lastOrderAt))
    had.lastOrderAt = t.lastOrderAt;
}

const ROLLUP_TOTALS =
  'SUM(r.revenue) AS revenue, SUM(r.profit) AS profit, SUM(r.orders) AS orders, SUM(r.lines) AS lines, MAX(r.last_order_at) AS last_order_at';

/** The owner filter on a rollup alias `r`, through the customer row. */
function rollupOwner(ownerId: string | undefined): { join: string; where: string; params: SqlValue[] } {
  if (ownerId === undefined) return { join: '', where: '', params: [] };
  return {
    join: "LEFT JOIN rows c ON c.team_id = r.team_id AND c.entity = 'customer' AND c.id = r.customer_id",
    where: ' AND c.owner_id = ?',
    params: [ownerId],
  };
}

interface RollupRow {
  customer_id: string;
  month?: string;
  revenue: unknown;
  cost: unknown;
  profit: unknown;
  quantity: unknown;
  lines: unknown;
  orders: unknown;
  first_order_at: string;
  last_order_at: string;
}

function toRollup(r: RollupRow): CustomerRollup {
  return {
    customerId: r.customer_id,
    revenue: big(r.revenue),
    cost: big(r.cost),
    profit: big(r.profit),
    quantity: Number(r.quantity),
    lines: int(r.lines),
    orders: int(r.orders),
    firstOrderAt: r.first_order_at,
    lastOrderAt: r.last_order_at,
  };
}

const ROLLUP_COLUMNS =
  'customer_id, revenue, cost, profit, quantity, lines, orders, first_order_at, last_order_at';

export function orderLinesRepo(db: Db): OrderLinesRepo {
  const needsCustomer = (group: LineGroup | null, ownerId: string | undefined) =>
    group === 'owner' || ownerId !== undefined;

  /** Totals per customer straight from lines (optionally of some customers only). */
  async function lineTotalsByCustomer(
    teamId: string,
    window: LineWindow,
    ownerId: string | undefined,
    only?: readonly string[],
  ): Promise<Map<string, LineTotals>> {
    const { where, params } = filters(teamId, window, ownerId);
    const join = needsCustomer(null, ownerId) ? CUSTOMER_JOIN : '';
    const out = new Map<string, LineTotals>();
    for (const part of only === undefined ? [null] : chunks(only)) {
      const restrict = part === null ? '' : ` AND l.customer_id IN (${placeholders(part.length)})`;
      const rows = await db.all<TotalsRow>(
        `SELECT l.customer_id AS k, ${TOTALS} FROM order_lines l ${join} WHERE ${where}${restrict} GROUP BY l.customer_id`,
        part === null ? params : [...params, ...part],
      );
      for (const r of rows) out.set(String(r.k), toTotals(r));
    }
    return out;
  }

  /**
   * Totals per customer from the rollups: all time from one row per customer; a window from its whole
   * months' rows plus the lines of its partial boundary months. Month sums of distinct orders are
   * exact for customers none of whose orders spans two months (split_orders = 0); the few others are
   * summed from their lines.
   */
  async function customerTotals(
    teamId: string,
    window: LineWindow,
    ownerId: string | undefined,
    only?: readonly string[],
  ): Promise<Map<string, LineTotals>> {
    const owner = rollupOwner(ownerId);
    // Of some customers only: each statement once per chunk of ids (the whole team in one otherwise).
    const parts: (readonly string[] | null)[] = only === undefined ? [null] : chunks(only);
    const restrict = (part: readonly string[] | null) =>
      part === null ? '' : ` AND r.customer_id IN (${placeholders(part.length)})`;
    const each = async <R>(sql: (restrict: string) => string, params: readonly SqlValue[]): Promise<R[]> => {
      const out: R[] = [];
      for (const part of parts)
        out.push(
          ...(await db.all<R>(sql(restrict(part)), part === null ? [...params] : [...params, ...part])),
        );
      return out;
    };
    if (window.from === null && window.to === null) {
      const rows = await each<TotalsRow>(
        (r) => `SELECT r.customer_id AS k, r.revenue, r.profit, r.orders, r.lines, r.last_order_at
           FROM customer_rollups r ${owner.join} WHERE r.team_id = ?${owner.where}${r}`,
        [teamId, ...owner.params],
      );
      return new Map(rows.map((r) => [String(r.k), toTotals(r)]));
    }
    const plan = monthPlan(window);
    if (plan === null) return lineTotalsByCustomer(teamId, window, ownerId, only);
    const where = ['r.team_id = ?'];
    const params: SqlValue[] = [teamId];
    if (plan.months.from !== null) where.push('r.month >= ?') && params.push(plan.months.from);
    if (plan.months.to !== null) where.push('r.month < ?') && params.push(plan.months.to);
    const rows = await each<TotalsRow>(
      (
        r,
      ) => `SELECT r.customer_id AS k, ${ROLLUP_TOTALS} FROM customer_month_rollups r ${monthsByCustomer(db, r !== '')} ${owner.join}
        WHERE ${where.join(' AND ')}${owner.where}${r} GROUP BY r.customer_id`,
      [...params, ...owner.params],
    );
    const out = new Map<string, LineTotals>();
    for (const r of rows) out.set(String(r.k), toTotals(r));
    for (const part of plan.partial) {
      for (const [k, t] of await lineTotalsByCustomer(teamId, part, ownerId, only)) addTotals(out, k, t);
    }
    const split = await each<{ customer_id: string }>(
      (r) =>
        `SELECT r.customer_id FROM customer_rollups r ${owner.join} WHERE r.team_id = ? AND r.split_orders > 0${owner.where}${r}`,
      [teamId, ...owner.params],
    );
    if (split.length > 0) {
      const ids = split.map((r) => r.customer_id);
      const exact = await lineTotalsByCustomer(teamId, window, ownerId, ids);
      for (const id of ids) {
        const t = exact.get(id);
        if (t) out.set(id, t);
        else out.delete(id);
      }
    }
    return out;
  }

  return {
    async byKeys(teamId, keys) {
      const out = new Map<string, OrderLineRecord>();
      for (let i = 0; i < keys.length; i += 1000) {
        const part = keys.slice(i, i + 1000);
        const rows = await db.all<LineRow>(
          `SELECT ${ORDER_LINE_COLUMNS.slice(1).join(', ')} FROM order_lines WHERE team_id = ? AND line_key IN (${placeholders(part.length)})`,
          [teamId, ...part],
        );
        for (const r of rows) out.set(r.line_key, toRecord(r));
      }
      return out;
    },
    async upsert(teamId, lines, stored, options) {
      const values = lines.map((l) => orderLineValues(teamId, l));
      const set = UPDATED.map((c) => `${c} = excluded.${c}`).join(', ');
      const upsertLines = async () => {
        // On Postgres each 1,000 lines travel as one JSON parameter rather than 17,000 (insertRecords).
        for (let i = 0; i < values.length; i += 1000) {
          await insertRecords(
            db,
            'order_lines',
            ORDER_LINE_COLUMNS,
            ORDER_LINE_PG_TYPES,
            values.slice(i, i + 1000),
            `ON CONFLICT (team_id, line_key) DO UPDATE SET ${set}`,
          );
        }
      };
      if (options?.rollups === 'later') {
        await upsertLines();
        return;
      }
      // Lines whose key is stored already (a re-import, possibly moved to another customer): their
      // old and new customers' rollups are summed again from the lines. Brand-new lines of every other
      // customer are added to the rollups as deltas, so an import's cost does not grow with history.
      const resum = new Set<string>();
      const storedKeys = new Set<string>();
      if (stored) {
        for (const l of lines) {
          const before = stored.get(l.lineKey);
          if (!before) continue;
          resum.add(before.customerId);
          storedKeys.add(l.lineKey);
        }
      } else {
        for (const part of chunks(
          lines.map((l) => l.lineKey),
          1000,
        )) {
          const before = await db.all<{ line_key: string; customer_id: string }>(
            `SELECT line_key, customer_id FROM order_lines WHERE team_id = ? AND line_key IN (${placeholders(part.length)})`,
            [teamId, ...part],
          );
          for (const r of before) {
            resum.add(r.customer_id);
            storedKeys.add(r.line_key);
          }
        }
      }
      // A key twice in one call is an update of its own line: its customer is summed again too.
      const seen = new Set<string>();
      for (const l of lines) {
        if (storedKeys.has(l.lineKey) || seen.has(l.lineKey)) resum.add(l.customerId);
        seen.add(l.lineKey);
      }
      const added = lines.filter((l) => !resum.has(l.customerId));
      const delta = await rollupDelta(db, teamId, added);
      await upsertLines();
      await addRollupDelta(db, delta);
      await refreshRollups(db, teamId, [...resum]);
    },
    async deleteByKeys(teamId, keys) {
      let deleted = 0;
      for (const part of chunks(keys)) {
        const gone = await db.all<{ customer_id: string }>(
          `DELETE FROM order_lines WHERE team_id = ? AND line_key IN (${placeholders(part.length)}) RETURNING customer_id`,
          [teamId, ...part],
        );
        deleted += gone.length;
        await refreshRollups(
          db,
          teamId,
          gone.map((r) => r.customer_id),
        );
      }
      return deleted;
    },
    async rebuildRollups(teamId) {
      await db.run('DELETE FROM customer_month_rollups WHERE team_id = ?', [teamId]);
      await db.run('DELETE FROM customer_rollups WHERE team_id = ?', [teamId]);
      const { months, customers } = rollupInserts(db, 'l.team_id = ?');
      await db.run(months, [teamId]);
      await db.run(customers, [teamId]);
    },
    async rollups(teamId) {
      const rows = await db.all<RollupRow>(
        `SELECT ${ROLLUP_COLUMNS} FROM customer_rollups WHERE team_id = ?`,
        [teamId],
      );
      return new Map(rows.map((r) => [r.customer_id, toRollup(r)]));
    },
    async monthRollups(teamId) {
      const rows = await db.all<RollupRow>(
        `SELECT month, ${ROLLUP_COLUMNS} FROM customer_month_rollups WHERE team_id = ? ORDER BY month, customer_id`,
        [teamId],
      );
      return rows.map((r) => ({ ...toRollup(r), month: String(r.month) }));
    },
    async dirtyCustomers(teamId) {
      const rows = await db.all<{ customer_id: string }>(
        'SELECT customer_id FROM customer_rollups WHERE team_id = ? AND dirty = 1',
        [teamId],
      );
      return rows.map((r) => r.customer_id);
    },
    async markClean(teamId, customerIds) {
      for (const part of chunks(customerIds)) {
        await db.run(
          `UPDATE customer_rollups SET dirty = 0 WHERE team_id = ? AND dirty = 1 AND customer_id IN (${placeholders(part.length)})`,
          [teamId, ...part],
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
      await refreshRollups(db, teamId, [fromId, toId]);
      return int(row?.n ?? 0);
    },
    async count(teamId) {
      const r = await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM order_lines WHERE team_id = ?', [
        teamId,
      ]);
      return r ? int(r.n) : 0;
    },
    async hasAny(teamId) {
      return (
        (await db.get('SELECT 1 AS one FROM order_lines WHERE team_id = ? LIMIT 1', [teamId])) !== undefined
      );
    },
    async newestDate(teamId) {
      // The top entry of order_lines_date (team, ordered_at): one index entry on both engines.
      // (Reading the newest month's rollups instead cost ≈60 ms on Postgres right after an import,
      // whose thousands of new month rows were not yet all-visible for an index-only scan.)
      const r = await db.get<{ d: string | null }>(
        'SELECT MAX(ordered_at) AS d FROM order_lines WHERE team_id = ?',
        [teamId],
      );
      return r?.d ?? null;
    },
    async customerIds(teamId) {
      const rows = await db.all<{ customer_id: string }>(
        'SELECT customer_id FROM customer_rollups WHERE team_id = ?',
        [teamId],
      );
      return rows.map((r) => r.customer_id);
    },
    async customerTotalsOf(teamId, window, customerIds) {
      if (customerIds.length === 0) return new Map();
      return customerTotals(teamId, window, undefined, customerIds);
    },
    async totalsBy(teamId, group, window, ownerId) {
      if (group === 'customer') return customerTotals(teamId, window, ownerId);
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
      // Σ of the per-customer totals: distinct orders add up because an order id is one customer's.
      const sum: LineTotals = { revenue: 0n, profit: 0n, orders: 0, lines: 0, lastOrderAt: null };
      const all = new Map([['', sum]]);
      for (const t of (await customerTotals(teamId, window, ownerId)).values()) addTotals(all, '', t);
      return sum;
    },
    async lineTotals(teamId, window, ownerId) {
      const { where, params } = filters(teamId, window, ownerId);
      const join = needsCustomer(null, ownerId) ? CUSTOMER_JOIN : '';
      return toTotals(
        await db.get<TotalsRow>(`SELECT ${TOTALS} FROM order_lines l ${join} WHERE ${where}`, params),
      );
    },
    async customerMonths(teamId, window, only) {
      const out: CustomerMonth[] = [];
      // Of some customers only: one pass per chunk of ids (the whole team in one pass otherwise).
      const parts: (readonly string[] | null)[] = only === undefined ? [null] : chunks(only);
      const restrict = (part: readonly string[] | null, column: string) =>
        part === null ? '' : ` AND ${column} IN (${placeholders(part.length)})`;
      const add = (
        rows: readonly { customer_id: string; month: string; revenue: unknown; profit: unknown }[],
      ) => {
        for (const r of rows)
          out.push({
            customerId: r.customer_id,
            month: r.month,
            revenue: big(r.revenue),
            profit: big(r.profit),
          });
      };
      const fromLines = async (w: LineWindow, part: readonly string[] | null) => {
        const { where, params } = filters(teamId, w, undefined);
        const rows = await db.all<{ customer_id: string; month: string; revenue: unknown; profit: unknown }>(
          `SELECT l.customer_id, substr(l.ordered_at, 1, 7) AS month, SUM(l.revenue) AS revenue, SUM(l.profit) AS profit
             FROM order_lines l WHERE ${where}${restrict(part, 'l.customer_id')} GROUP BY l.customer_id, substr(l.ordered_at, 1, 7)`,
          part === null ? params : [...params, ...part],
        );
        add(rows);
      };
      const plan = monthPlan(window);
      for (const part of parts) {
        if (plan === null) {
          await fromLines(window, part);
          continue;
        }
        // Whole months straight from the month rollups; partial boundary months from their lines.
        const where = ['team_id = ?'];
        const params: SqlValue[] = [teamId];
        if (plan.months.from !== null) where.push('month >= ?') && params.push(plan.months.from);
        if (plan.months.to !== null) where.push('month < ?') && params.push(plan.months.to);
        const rows = await db.all<{ customer_id: string; month: string; revenue: unknown; profit: unknown }>(
          `SELECT customer_id, month, revenue, profit FROM customer_month_rollups ${monthsByCustomer(db, part !== null)} WHERE ${where.join(' AND ')}${restrict(part, 'customer_id')}`,
          part === null ? params : [...params, ...part],
        );
        add(rows);
        for (const w of plan.partial) await fromLines(w, part);
      }
      return out;
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
        `SELECT ${ORDER_LINE_COLUMNS.slice(1)
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
