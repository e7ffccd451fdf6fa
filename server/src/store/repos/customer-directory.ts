import { nameKey } from '@rapport/shared/domain/name-key';
import { TIERS } from '@rapport/shared/domain/tiers';
import { big, type Db, insertMany, int, placeholders, type SqlValue } from '../driver.ts';
import { customerTotalsSql, type LineWindow } from './order-lines.ts';

/** What the directory needs of a customer row write (a RowWrite of entity 'customer'). */
interface CustomerWrite {
  id: string;
  data: Record<string, unknown>;
  deletedAt: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Keeps `customer_directory` (migration 006) in step with customer rows as they are written: a live
 * customer is upserted with its external id, name and owner; a tombstoned one leaves it. Called by
 * the rows repository in the same transaction as the row write, so every write path is covered.
 */
export async function putCustomerDirectory(
  db: Db,
  teamId: string,
  rows: readonly CustomerWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  const live: SqlValue[][] = [];
  const gone: string[] = [];
  for (const r of rows) {
    if (r.deletedAt !== null) {
      gone.push(r.id);
      continue;
    }
    const externalId = text(r.data.externalId);
    const name = text(r.data.name) ?? '';
    live.push([
      teamId,
      r.id,
      externalId ?? r.id,
      externalId,
      name,
      text(r.data.ownerId),
      nameKey(name),
      nameKey(externalId ?? ''),
    ]);
  }
  for (let i = 0; i < gone.length; i += 500) {
    const part = gone.slice(i, i + 500);
    await db.run(
      `DELETE FROM customer_directory WHERE team_id = ? AND customer_id IN (${placeholders(part.length)})`,
      [teamId, ...part],
    );
  }
  if (live.length > 0)
    await insertMany(
      db,
      'customer_directory',
      ['team_id', 'customer_id', 'sort_id', 'external_id', 'name', 'owner_id', 'name_key', 'external_key'],
      live,
      'ON CONFLICT (team_id, customer_id) DO UPDATE SET sort_id = excluded.sort_id, external_id = excluded.external_id, name = excluded.name, owner_id = excluded.owner_id, name_key = excluded.name_key, external_key = excluded.external_key',
    );
}

/** The report sorts the projection can do in SQL (the others — margin, churn — stay in the report). */
export type PageSort = 'revenue' | 'profit' | 'orders' | 'tier' | 'lastOrderAt' | 'name';

/** The name a deleted customer that still has lines is listed (and sorted and searched) under. */
export const DELETED_CUSTOMER_NAME = '(deleted customer)';
/** Its name key as an SQL literal (no quote in it). */
const DELETED_KEY = `'${nameKey(DELETED_CUSTOMER_NAME)}'`;

/** A stored tier column as the report's tier rank: its place in the shared TIERS (A 0 … D 3, none 4). */
const tierRankSql = (column: string) =>
  `CASE ${column} ${TIERS.slice(0, 4)
    .map((t, i) => `WHEN '${t}' THEN ${i}`)
    .join(' ')} ELSE ${TIERS.indexOf('none')} END`;

export interface CustomerPageQuery {
  window: LineWindow;
  /** Tier thresholds a, b (percent of the positive profit total, the shared tier rule). */
  thresholds: { a: number; b: number };
  sort: PageSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Tier as its rank: 0 = A, 1 = B, 2 = C, 3 = D, 4 = none. */
  tierRank?: number;
  ownerId?: string;
  unowned?: boolean;
  /** Text in the name or external id, by the shared rule (`matchesNameSearch`); empty = no filter. */
  search?: string;
  /**
   * Read the window's totals and tiers from customer_metrics instead of the rollups. Only when the
   * window is the team's tier window and the metrics are fresh for it (metrics/freshness.ts).
   */
  fromMetrics?: boolean;
}

export interface CustomerPageRow {
  id: string;
  /** The external id, else the record id. */
  customerId: string;
  externalId: string | null;
  /** Null for a deleted customer that still has lines. */
  name: string | null;
  ownerId: string | null;
  revenue: bigint;
  profit: bigint;
  orders: number;
  lines: number;
  lastOrderAt: string | null;
  tierRank: number;
}

export interface Sums {
  revenue: bigint;
  profit: bigint;
  orders: number;
  lines: number;
}

export interface CustomerPage {
  items: CustomerPageRow[];
  /** Rows matching the filters (all pages) and their sums. */
  matching: Sums & { count: number };
  /** The team's totals in the window; `customers` counts those with lines in it. */
  team: Sums & { customers: number };
}

export interface CustomerDirectoryRepo {
  /**
   * One page of the customers report in one statement: every customer (live, or with lines in the
   * window) with its window totals and tier (ranked over the whole team in SQL by the shared rule),
   * filtered, sorted (ties by customerId, then record id) and paged, with the matching and team sums.
   */
  page(teamId: string, q: CustomerPageQuery): Promise<CustomerPage>;
}

interface PageRow {
  id: string;
  sort_id: string;
  external_id: string | null;
  name: string | null;
  owner_id: string | null;
  revenue: unknown;
  profit: unknown;
  orders: unknown;
  lines: unknown;
  last_order_at: string | null;
  tier_rank: unknown;
  m_count: unknown;
  m_revenue: unknown;
  m_profit: unknown;
  m_orders: unknown;
  m_lines: unknown;
  t_customers: unknown;
  t_revenue: unknown;
  t_profit: unknown;
  t_orders: unknown;
  t_lines: unknown;
}

interface TotalsRow {
  scope: string;
  customers: unknown;
  revenue: unknown;
  profit: unknown;
  orders: unknown;
  lines: unknown;
  positive: unknown;
  orphans: unknown;
}

/** The sorts an unfiltered page can read from the top of an index (numbers: no collation involved). */
const TOP_SORTS = new Set<PageSort>(['revenue', 'profit', 'orders']);

export function customerDirectoryRepo(db: Db): CustomerDirectoryRepo {
  // Byte order for text keys in both engines (Postgres would otherwise sort by the database locale).
  const C = db.dialect === 'postgres' ? ' COLLATE "C"' : '';

  /** A search on a row with name_key and external_key: the keys contain the search's key. */
  const searchSql = (alias: string) => {
    const inside = db.dialect === 'postgres' ? 'strpos' : 'instr';
    return {
      sql: `(${inside}(${alias}.name_key, ?) > 0 OR ${inside}(${alias}.external_key, ?) > 0)`,
      params: (search: string): SqlValue[] => [nameKey(search), nameKey(search)],
    };
  };

  const readTotals = async (teamId: string) =>
    new Map(
      (
        await db.all<TotalsRow>(
          'SELECT scope, customers, revenue, profit, orders, lines, positive, orphans FROM report_totals WHERE team_id = ?',
          [teamId],
        )
      ).map((r) => [r.scope, r]),
    );
  const sumsOf = (t: TotalsRow | undefined) => ({
    customers: int(t?.customers ?? 0),
    revenue: big(t?.revenue ?? 0),
    profit: big(t?.profit ?? 0),
    orders: int(t?.orders ?? 0),
    lines: int(t?.lines ?? 0),
  });

  type PrefixedSums = Partial<
    Record<'m_count' | 'm_revenue' | 'm_profit' | 'm_orders' | 'm_lines', unknown> &
      Record<'t_customers' | 't_revenue' | 't_profit' | 't_orders' | 't_lines', unknown>
  >;
  /** The matching customers' sums from a statement's m_… columns. */
  const matchingOf = (r: PrefixedSums | undefined): CustomerPage['matching'] => ({
    count: int(r?.m_count ?? 0),
    revenue: big(r?.m_revenue ?? 0),
    profit: big(r?.m_profit ?? 0),
    orders: int(r?.m_orders ?? 0),
    lines: int(r?.m_lines ?? 0),
  });
  /** The team's sums from a statement's t_… columns. */
  const teamOf = (r: PrefixedSums | undefined): CustomerPage['team'] => ({
    customers: int(r?.t_customers ?? 0),
    revenue: big(r?.t_revenue ?? 0),
    profit: big(r?.t_profit ?? 0),
    orders: int(r?.t_orders ?? 0),
    lines: int(r?.t_lines ?? 0),
  });

  /** The matching customers' count and sums, over a page statement's FROM … WHERE (metrics rows as k). */
  async function matchingSums(from: string, params: SqlValue[]): Promise<CustomerPage['matching']> {
    return matchingOf(
      await db.get<PrefixedSums>(
        `SELECT COUNT(*) AS m_count, COALESCE(SUM(k.revenue), 0) AS m_revenue, COALESCE(SUM(k.profit), 0) AS m_profit,
       COALESCE(SUM(k.orders), 0) AS m_orders, COALESCE(SUM(k.lines), 0) AS m_lines ${from}`,
        params,
      ),
    );
  }

  const toRow = (r: PageRow): CustomerPageRow => ({
    id: r.id,
    customerId: r.sort_id,
    externalId: r.external_id,
    name: r.name,
    ownerId: r.owner_id,
    revenue: big(r.revenue),
    profit: big(r.profit),
    orders: int(r.orders),
    lines: int(r.lines),
    lastOrderAt: r.last_order_at,
    tierRank: int(r.tier_rank),
  });

  /**
   * An unfiltered page of the metrics (the team's tier window) or of all time, sorted by money or
   * orders, read from the top of an index: the (offset + limit)-th row's key is the cut, the page is
   * every row at or above it (ties included, so the report's tie-break applies), sorted and cut. The
   * sums come from report_totals (migration 010), kept by triggers with the rows. Null when this does
   * not apply: customers without rows list with zeros, so the cut must beat zero; all time ranks tiers
   * by a running sum of profit, exact over the top of the profit order only.
   */
  async function topPage(teamId: string, q: CustomerPageQuery): Promise<CustomerPage | null> {
    const allTime = !q.fromMetrics && q.window.from === null && q.window.to === null;
    if (!(q.fromMetrics || allTime) || !TOP_SORTS.has(q.sort)) return null;
    if (q.tierRank !== undefined || q.ownerId !== undefined || q.unowned || q.search) return null;
    if (allTime && (q.sort !== 'profit' || q.order !== 'desc')) return null;
    const table = q.fromMetrics ? 'customer_metrics' : 'customer_rollups';
    const counted = q.fromMetrics ? ' AND lines > 0' : '';
    const col = q.sort;
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const cut = await db.get<{ v: unknown }>(
      `SELECT ${col} AS v FROM ${table} WHERE team_id = ?${counted} ORDER BY ${col} ${dir} LIMIT 1 OFFSET ?`,
      [teamId, q.offset + q.limit - 1],
    );
    if (cut === undefined) return null;
    const v = big(cut.v);
    if (q.order === 'desc' ? v <= 0n : v >= 0n) return null;
    const totals = await readTotals(teamId);
    const t = totals.get(q.fromMetrics ? 'metrics' : 'all');
    const team = sumsOf(t);
    const listed = int(totals.get('directory')?.customers ?? 0) + int(t?.orphans ?? 0);
    const cmp = q.order === 'asc' ? '<=' : '>=';
    const columns = `COALESCE(d.sort_id, k.customer_id) AS sort_id, d.external_id, d.name, d.owner_id,
       k.revenue, k.profit, k.orders, k.lines, k.last_order_at`;
    const join = 'LEFT JOIN customer_directory d ON d.team_id = k.team_id AND d.customer_id = k.customer_id';
    const order = `ORDER BY k.${col} ${dir}, COALESCE(d.sort_id, k.customer_id)${C} ASC, k.customer_id${C} ASC LIMIT ? OFFSET ?`;
    const rows = q.fromMetrics
      ? await db.all<PageRow>(
          `SELECT k.customer_id AS id, ${columns},
       ${tierRankSql('k.tier')} AS tier_rank
  FROM customer_metrics k ${join}
 WHERE k.team_id = ? AND k.lines > 0 AND k.${col} ${cmp} ? ${order}`,
          [teamId, cut.v as SqlValue, q.limit, q.offset],
        )
      : await db.all<PageRow>(
          `SELECT k.customer_id AS id, ${columns},
       CASE WHEN k.lines = 0 THEN 4 WHEN k.profit <= 0 THEN 3
            WHEN k.rn = 1 OR 100 * k.running <= ? * CAST(? AS BIGINT) THEN 0
            WHEN 100 * k.running <= ? * CAST(? AS BIGINT) THEN 1 ELSE 2 END AS tier_rank
  FROM (SELECT u.team_id, u.customer_id, u.revenue, u.profit, u.orders, u.lines, u.last_order_at,
               ROW_NUMBER() OVER w AS rn, SUM(u.profit) OVER w AS running
          FROM customer_rollups u WHERE u.team_id = ? AND u.profit >= ?
        WINDOW w AS (ORDER BY u.profit DESC, u.customer_id${C} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) k
  ${join} ${order}`,
          [
            q.thresholds.a,
            String(t?.positive ?? 0),
            q.thresholds.b,
            String(t?.positive ?? 0),
            teamId,
            cut.v as SqlValue,
            q.limit,
            q.offset,
          ],
        );
    return { items: rows.map(toRow), matching: { ...team, count: listed }, team };
  }

  /**
   * A page of the team's tier window (fresh metrics) sorted by name, or searched, driven by the
   * directory: by name from its name index (migration 012) in name-key order, a search over its
   * keys; each row's metrics joined (rows with lines; the others list as tier none with zeros),
   * sorted (ties by customerId, then record id) and cut with LIMIT/OFFSET. Exact only when every
   * counted metrics row's customer is in the directory (no deleted customer with lines: `orphans`
   * 0), else null. Unfiltered sums come from report_totals; a filtered page (owner, unowned, tier,
   * search) sums its matches in a second statement.
   */
  async function directoryPage(teamId: string, q: CustomerPageQuery): Promise<CustomerPage | null> {
    if (!q.fromMetrics || (q.sort !== 'name' && !q.search)) return null;
    const totals = await readTotals(teamId);
    const t = totals.get('metrics');
    if (int(t?.orphans ?? 0) > 0) return null;
    const team = sumsOf(t);
    const tierRank = tierRankSql('k.tier');
    const where = ['d.team_id = ?'];
    const params: SqlValue[] = [teamId];
    if (q.tierRank !== undefined) where.push(`${tierRank} = ?`) && params.push(q.tierRank);
    if (q.ownerId !== undefined) where.push('d.owner_id = ?') && params.push(q.ownerId);
    if (q.unowned) where.push('d.owner_id IS NULL');
    if (q.search) {
      const found = searchSql('d');
      where.push(found.sql);
      params.push(...found.params(q.search));
    }
    const from = `FROM customer_directory d
  LEFT JOIN customer_metrics k ON k.team_id = d.team_id AND k.customer_id = d.customer_id AND k.lines > 0
 WHERE ${where.join(' AND ')}`;
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const key = {
      revenue: `COALESCE(k.revenue, 0) ${dir}`,
      profit: `COALESCE(k.profit, 0) ${dir}`,
      orders: `COALESCE(k.orders, 0) ${dir}`,
      lastOrderAt: `COALESCE(k.last_order_at, '')${C} ${dir}`,
      tier: `${tierRank} ${q.order === 'asc' ? 'DESC' : 'ASC'}`,
      name: `d.name_key ${dir}`,
    }[q.sort];
    const columns = `d.customer_id AS id, d.sort_id, d.external_id, d.name, d.owner_id,
       COALESCE(k.revenue, 0) AS revenue, COALESCE(k.profit, 0) AS profit, COALESCE(k.orders, 0) AS orders,
       COALESCE(k.lines, 0) AS lines, k.last_order_at, ${tierRank} AS tier_rank`;
    const order = `ORDER BY ${key}, d.sort_id ASC, d.customer_id${C} ASC`;
    // By name without a tier filter, every condition is the directory's: its page is cut first (from
    // the name index, whatever the planner's statistics say), then joined with its 100 metrics rows.
    const rows =
      q.sort === 'name' && q.tierRank === undefined
        ? await db.all<PageRow>(
            `SELECT ${columns}
  FROM (SELECT d.team_id, d.customer_id, d.sort_id, d.external_id, d.name, d.owner_id, d.name_key
          FROM customer_directory d WHERE ${where.join(' AND ')} ${order} LIMIT ? OFFSET ?) d
  LEFT JOIN customer_metrics k ON k.team_id = d.team_id AND k.customer_id = d.customer_id AND k.lines > 0
 ${order}`,
            [...params, q.limit, q.offset],
          )
        : await db.all<PageRow>(`SELECT ${columns}\n  ${from}\n ${order} LIMIT ? OFFSET ?`, [
            ...params,
            q.limit,
            q.offset,
          ]);
    if (where.length === 1)
      return {
        items: rows.map(toRow),
        matching: { ...team, count: int(totals.get('directory')?.customers ?? 0) },
        team,
      };
    return { items: rows.map(toRow), matching: await matchingSums(from, params), team };
  }

  /**
   * A page of the team's tier window (fresh metrics) filtered to tier A–D: only customers with lines
   * have those tiers, so the page is read from their metrics rows (the directory joined for names and
   * owners; a deleted customer keeps its row), without the customers that have none. Sorted by money,
   * orders, last order or tier (ties by customerId, then record id); its sums in a second statement.
   */
  async function tierPage(teamId: string, q: CustomerPageQuery): Promise<CustomerPage | null> {
    if (!q.fromMetrics || q.tierRank === undefined || q.tierRank > 3 || q.search || q.sort === 'name')
      return null;
    const team = sumsOf((await readTotals(teamId)).get('metrics'));
    const where = ['k.team_id = ?', 'k.lines > 0', 'k.tier = ?'];
    const params: SqlValue[] = [teamId, TIERS[q.tierRank] as string];
    if (q.ownerId !== undefined) where.push('d.owner_id = ?') && params.push(q.ownerId);
    if (q.unowned) where.push('d.owner_id IS NULL');
    const from = `FROM customer_metrics k
  LEFT JOIN customer_directory d ON d.team_id = k.team_id AND d.customer_id = k.customer_id
 WHERE ${where.join(' AND ')}`;
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const key = {
      revenue: `k.revenue ${dir}`,
      profit: `k.profit ${dir}`,
      orders: `k.orders ${dir}`,
      lastOrderAt: `COALESCE(k.last_order_at, '')${C} ${dir}`,
      tier: `k.tier ${dir}`,
    }[q.sort];
    const rows = await db.all<PageRow>(
      `SELECT k.customer_id AS id, COALESCE(d.sort_id, k.customer_id) AS sort_id, d.external_id, d.name, d.owner_id,
       k.revenue, k.profit, k.orders, k.lines, k.last_order_at, ${q.tierRank} AS tier_rank
  ${from}
 ORDER BY ${key}, COALESCE(d.sort_id, k.customer_id)${C} ASC, k.customer_id${C} ASC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map(toRow), matching: await matchingSums(from, params), team };
  }

  /** The team's customers with an order spanning two months (their window sums come from lines). */
  const splitCustomers = async (teamId: string) =>
    (
      await db.all<{ customer_id: string }>(
        'SELECT customer_id FROM customer_rollups WHERE team_id = ? AND split_orders > 0',
        [teamId],
      )
    ).map((r) => r.customer_id);

  /**
   * An unfiltered page of an explicit from/to window sorted by profit, without ranking or listing
   * every customer: the window's per-customer sums are computed once (t: month rollups, partial edge
   * months and split-order customers from lines), the team's sums and positive-profit total from that
   * one pass; the (offset + limit)-th profit is the cut, and only the rows at or above it (ties
   * included, so the report's tie-break applies) are ranked — a row's tier needs the running profit
   * of the rows above it only. Customers without lines in the window list with zeros, so the cut must
   * beat zero (descending: positive; ascending: negative, every page row a D), else null. The count
   * is the directory's customers plus the window's customers not in it (none when the team has no
   * deleted customer with lines at all).
   */
  async function rangePage(
    teamId: string,
    q: CustomerPageQuery,
    split: readonly string[],
  ): Promise<CustomerPage | null> {
    if (q.fromMetrics || (q.window.from === null && q.window.to === null) || q.sort !== 'profit') return null;
    if (q.tierRank !== undefined || q.ownerId !== undefined || q.unowned || q.search) return null;
    const totals = customerTotalsSql(teamId, q.window, split);
    const stored = await readTotals(teamId);
    const directory = int(stored.get('directory')?.customers ?? 0);
    const orphans =
      int(stored.get('all')?.orphans ?? 0) > 0
        ? `(SELECT COUNT(*) FROM t WHERE NOT EXISTS (SELECT 1 FROM customer_directory dd WHERE dd.team_id = ? AND dd.customer_id = t.customer_id))`
        : '0';
    const desc = q.order === 'desc';
    const dir = desc ? 'DESC' : 'ASC';
    const rows = await db.all<PageRow & { orphans: unknown }>(
      `WITH t AS MATERIALIZED (${totals.sql}),
tot AS MATERIALIZED (SELECT COUNT(*) AS customers, COALESCE(SUM(revenue), 0) AS revenue, COALESCE(SUM(profit), 0) AS profit,
               COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(lines), 0) AS lines,
               COALESCE(SUM(CASE WHEN lines > 0 AND profit > 0 THEN profit ELSE 0 END), 0) AS positive, ${orphans} AS orphans FROM t),
cut AS MATERIALIZED (SELECT profit AS v FROM t ORDER BY profit ${dir} LIMIT 1 OFFSET ?),
k AS (SELECT t.customer_id, t.revenue, t.profit, t.orders, t.lines, t.last_order_at,
             ROW_NUMBER() OVER w AS rn, SUM(t.profit) OVER w AS running
        FROM t CROSS JOIN cut WHERE t.profit ${desc ? '>=' : '<='} cut.v AND cut.v ${desc ? '>' : '<'} 0
      WINDOW w AS (ORDER BY t.profit DESC, t.customer_id${C} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
SELECT k.customer_id AS id, COALESCE(d.sort_id, k.customer_id) AS sort_id, d.external_id, d.name, d.owner_id,
       k.revenue, k.profit, k.orders, k.lines, k.last_order_at,
       CASE WHEN k.lines = 0 THEN 4 WHEN k.profit <= 0 THEN 3
            WHEN k.rn = 1 OR 100 * k.running <= ? * tot.positive THEN 0
            WHEN 100 * k.running <= ? * tot.positive THEN 1 ELSE 2 END AS tier_rank,
       tot.customers AS t_customers, tot.revenue AS t_revenue, tot.profit AS t_profit, tot.orders AS t_orders,
       tot.lines AS t_lines, tot.orphans
  FROM k CROSS JOIN tot
  LEFT JOIN customer_directory d ON d.team_id = ? AND d.customer_id = k.customer_id
 ORDER BY k.profit ${dir}, COALESCE(d.sort_id, k.customer_id)${C} ASC, k.customer_id${C} ASC LIMIT ? OFFSET ?`,
      [
        ...totals.params,
        ...(orphans === '0' ? [] : [teamId]),
        q.offset + q.limit - 1,
        q.thresholds.a,
        q.thresholds.b,
        teamId,
        q.limit,
        q.offset,
      ],
    );
    const first = rows[0];
    if (first === undefined) return null;
    const team = teamOf(first);
    return { items: rows.map(toRow), matching: { ...team, count: directory + int(first.orphans) }, team };
  }

  return {
    async page(teamId, q) {
      const top =
        (await topPage(teamId, q)) ?? (await directoryPage(teamId, q)) ?? (await tierPage(teamId, q));
      if (top !== null) return top;
      const split =
        q.fromMetrics || (q.window.from === null && q.window.to === null) ? [] : await splitCustomers(teamId);
      const range = await rangePage(teamId, q, split);
      if (range !== null) return range;
      const totals = customerTotalsSql(teamId, q.window, split);
      const where: string[] = [];
      const filterParams: SqlValue[] = [];
      if (q.tierRank !== undefined) where.push('r.tier_rank = ?') && filterParams.push(q.tierRank);
      if (q.ownerId !== undefined) where.push('r.owner_id = ?') && filterParams.push(q.ownerId);
      if (q.unowned) where.push('r.owner_id IS NULL');
      if (q.search) {
        const found = searchSql('r');
        where.push(found.sql);
        filterParams.push(...found.params(q.search));
      }
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const dir = q.order === 'asc' ? 'ASC' : 'DESC';
      const key = {
        revenue: `r.revenue ${dir}`,
        profit: `r.profit ${dir}`,
        orders: `r.orders ${dir}`,
        lastOrderAt: `COALESCE(r.last_order_at, '')${C} ${dir}`,
        // "desc" (the default) lists A (rank 0) first.
        tier: `r.tier_rank ${q.order === 'asc' ? 'DESC' : 'ASC'}`,
        name: `r.name_key${C} ${dir}`,
      }[q.sort];
      // Tiers: customers by profit descending (ties by id), the running sum of profit; the positive
      // ones come first, so for them it is the shared rule's running sum of positive profit.
      const rollupCte = `WITH t AS MATERIALIZED (${totals.sql}),
tot AS MATERIALIZED (SELECT COUNT(*) AS customers, COALESCE(SUM(revenue), 0) AS revenue, COALESCE(SUM(profit), 0) AS profit,
               COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(lines), 0) AS lines,
               COALESCE(SUM(CASE WHEN lines > 0 AND profit > 0 THEN profit ELSE 0 END), 0) AS positive FROM t),
ranked AS (SELECT t.*, ROW_NUMBER() OVER w AS rn, SUM(profit) OVER w AS running FROM t
           WINDOW w AS (ORDER BY profit DESC, customer_id${C} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
r AS (SELECT k.customer_id AS id, COALESCE(d.sort_id, k.customer_id) AS sort_id, d.external_id, d.name, d.owner_id,
             COALESCE(d.name_key, ${DELETED_KEY}) AS name_key, COALESCE(d.external_key, '') AS external_key,
             k.revenue, k.profit, k.orders, k.lines, k.last_order_at,
             CASE WHEN k.lines = 0 THEN 4 WHEN k.profit <= 0 THEN 3
                  WHEN k.rn = 1 OR 100 * k.running <= ? * tot.positive THEN 0
                  WHEN 100 * k.running <= ? * tot.positive THEN 1 ELSE 2 END AS tier_rank
        FROM ranked k CROSS JOIN tot
        LEFT JOIN customer_directory d ON d.team_id = ? AND d.customer_id = k.customer_id
      UNION ALL
      SELECT d.customer_id, d.sort_id, d.external_id, d.name, d.owner_id, d.name_key, d.external_key, 0, 0, 0, 0, NULL, 4
        FROM customer_directory d WHERE d.team_id = ? AND d.customer_id NOT IN (SELECT customer_id FROM t))`;
      // From the metrics: their window totals and stored tier (a customer without lines in the window
      // is 'none' with zero figures, so only rows with lines are read; the directory adds the rest).
      const metricsCte = `WITH t AS MATERIALIZED (
  SELECT customer_id, revenue, profit, orders, lines, last_order_at,
         ${tierRankSql('tier')} AS tier_rank
    FROM customer_metrics WHERE team_id = ? AND lines > 0),
tot AS MATERIALIZED (SELECT COUNT(*) AS customers, COALESCE(SUM(revenue), 0) AS revenue, COALESCE(SUM(profit), 0) AS profit,
               COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(lines), 0) AS lines FROM t),
r AS (SELECT t.customer_id AS id, COALESCE(d.sort_id, t.customer_id) AS sort_id, d.external_id, d.name, d.owner_id,
             COALESCE(d.name_key, ${DELETED_KEY}) AS name_key, COALESCE(d.external_key, '') AS external_key,
             t.revenue, t.profit, t.orders, t.lines, t.last_order_at, t.tier_rank
        FROM t LEFT JOIN customer_directory d ON d.team_id = ? AND d.customer_id = t.customer_id
      UNION ALL
      SELECT d.customer_id, d.sort_id, d.external_id, d.name, d.owner_id, d.name_key, d.external_key, 0, 0, 0, 0, NULL, 4
        FROM customer_directory d WHERE d.team_id = ? AND d.customer_id NOT IN (SELECT customer_id FROM t))`;
      const cte = q.fromMetrics ? metricsCte : rollupCte;
      const params = q.fromMetrics
        ? [teamId, teamId, teamId]
        : [...totals.params, q.thresholds.a, q.thresholds.b, teamId, teamId];
      const rows = await db.all<PageRow>(
        `${cte}
SELECT r.*, COUNT(*) OVER () AS m_count, SUM(r.revenue) OVER () AS m_revenue, SUM(r.profit) OVER () AS m_profit,
       SUM(r.orders) OVER () AS m_orders, SUM(r.lines) OVER () AS m_lines, tot.customers AS t_customers,
       tot.revenue AS t_revenue, tot.profit AS t_profit, tot.orders AS t_orders, tot.lines AS t_lines
  FROM r CROSS JOIN tot ${filter}
 ORDER BY ${key}, r.sort_id${C} ASC, r.id${C} ASC LIMIT ? OFFSET ?`,
        [...params, ...filterParams, q.limit, q.offset],
      );
      const first = rows[0];
      if (first !== undefined)
        return { items: rows.map(toRow), matching: matchingOf(first), team: teamOf(first) };
      // An empty page (past the end, or nothing matches): the sums without the rows.
      const sums = await db.get<PrefixedSums>(
        `${cte}
SELECT m.*, tot.customers AS t_customers, tot.revenue AS t_revenue, tot.profit AS t_profit,
       tot.orders AS t_orders, tot.lines AS t_lines
  FROM (SELECT COUNT(*) AS m_count, COALESCE(SUM(r.revenue), 0) AS m_revenue, COALESCE(SUM(r.profit), 0) AS m_profit,
               COALESCE(SUM(r.orders), 0) AS m_orders, COALESCE(SUM(r.lines), 0) AS m_lines
          FROM r ${filter}) m CROSS JOIN tot`,
        [...params, ...filterParams],
      );
      return { items: [], matching: matchingOf(sums), team: teamOf(sums) };
    },
  };
}
