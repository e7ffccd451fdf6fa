import type { Migration } from './migration.ts';

/**
 * The customers report over an explicit from/to window sums each customer's whole months from
 * `customer_month_rollups` (team, month range). Its (team_id, month) index found the rows but every
 * one then cost a table lookup for its money (on SQLite ≈190 ms of a 1M-line team's year, 111k rows;
 * the covering scan ≈15 ms), so the index now carries what the sum reads: the customer and the money
 * columns (SQLite: as key columns; Postgres: INCLUDE, for an index-only scan). It replaces the old
 * index (same leading columns), so a rollup write still updates one month index.
 *
 * The same report first lists the customers with an order spanning two months (`split_orders > 0`,
 * summed from their lines): a handful, found by scanning every rollup row of the team (≈80 ms at 100k
 * customers). A partial index holds just them.
 */
export const windowSumIndexes: Migration = {
  version: 14,
  name: 'window-sum-indexes',
  up(dialect) {
    const sums =
      dialect === 'postgres'
        ? '(team_id, month) INCLUDE (customer_id, revenue, profit, orders, lines, last_order_at)'
        : '(team_id, month, customer_id, revenue, profit, orders, lines, last_order_at)';
    return `
DROP INDEX customer_month_rollups_month;
CREATE INDEX customer_month_rollups_month_sums ON customer_month_rollups ${sums};
CREATE INDEX customer_rollups_split ON customer_rollups (team_id) WHERE split_orders > 0;
`;
  },
};
