/** The sums every rollup row holds, over order_lines aliased `l`. */
const SUMS =
  'SUM(l.revenue), SUM(l.revenue - l.profit), SUM(l.profit), SUM(l.quantity), COUNT(*), COUNT(DISTINCT l.order_id), MIN(l.ordered_at), MAX(l.ordered_at)';

/**
 * The SQL that (re)computes rollup rows from order_lines `l`, shared by the migration's backfill and
 * the repository's maintenance. `where` restricts the lines read (e.g. "l.team_id = ? AND
 * l.customer_id IN (…)"); null reads every team's lines. Run `months` before `customers`: a
 * customer's split_orders compares its month order counts with its distinct count. `monthsBy` is
 * put after the month rollups' name in that comparison's subquery: the repository passes SQLite's
 * `INDEXED BY` of the primary key, since without statistics SQLite read the covering month index of
 * migration 014 on `team_id` alone, every month row of the team once per customer (1.6 s of a new
 * team's 100,000-line import).
 */
export function rollupInsertsSql(where: string | null, monthsBy = ''): { months: string; customers: string } {
  const filter = where === null ? '' : `WHERE ${where}`;
  return {
    months: `INSERT INTO customer_month_rollups (team_id, customer_id, month, revenue, cost, profit, quantity, lines, orders, first_order_at, last_order_at)
SELECT l.team_id, l.customer_id, substr(l.ordered_at, 1, 7), ${SUMS}
  FROM order_lines l ${filter} GROUP BY l.team_id, l.customer_id, substr(l.ordered_at, 1, 7)`,
    customers: `INSERT INTO customer_rollups (team_id, customer_id, revenue, cost, profit, quantity, lines, orders, first_order_at, last_order_at, split_orders, dirty)
SELECT l.team_id, l.customer_id, ${SUMS},
       (SELECT SUM(m.orders) FROM customer_month_rollups m ${monthsBy} WHERE m.team_id = l.team_id AND m.customer_id = l.customer_id) - COUNT(DISTINCT l.order_id),
       1
  FROM order_lines l ${filter} GROUP BY l.team_id, l.customer_id`,
  };
}

/** Backfill of every team's rollups (the migration). */
export function rebuildRollupsSql(): string {
  const { months, customers } = rollupInsertsSql(null);
  return `${months};\n${customers}`;
}
