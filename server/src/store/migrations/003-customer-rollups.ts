import type { Migration } from './migration.ts';
import { rebuildRollupsSql } from './rollup-sql.ts';

/**
 * Order-line rollups, kept in step with order_lines by the order-lines repository in the same
 * transaction as every line write, so reports and tiers read one row per customer (or per customer
 * and month) instead of scanning lines. Money columns are exact 1/10,000 units, like order_lines;
 * cost is Σ (revenue − profit), which is the file's cost where it gave one. `orders` counts distinct
 * order ids; `split_orders` (per customer) counts how many of its orders have lines in more than one
 * month, so month sums of `orders` are known to be exact for customers where it is 0. `dirty` marks
 * customers whose lines changed since the metrics last looked at them. The migration backfills
 * every existing team from its lines.
 */
export const customerRollups: Migration = {
  version: 3,
  name: 'customer-rollups',
  up(dialect) {
    const real = dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL';
    return `
CREATE TABLE customer_rollups (
  team_id TEXT NOT NULL REFERENCES teams (id),
  customer_id TEXT NOT NULL,
  revenue BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  profit BIGINT NOT NULL,
  quantity ${real} NOT NULL,
  lines INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  split_orders INTEGER NOT NULL,
  first_order_at TEXT NOT NULL,
  last_order_at TEXT NOT NULL,
  dirty INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (team_id, customer_id)
);
CREATE INDEX customer_rollups_dirty ON customer_rollups (team_id, dirty);
CREATE TABLE customer_month_rollups (
  team_id TEXT NOT NULL REFERENCES teams (id),
  customer_id TEXT NOT NULL,
  month TEXT NOT NULL,
  revenue BIGINT NOT NULL,
  cost BIGINT NOT NULL,
  profit BIGINT NOT NULL,
  quantity ${real} NOT NULL,
  lines INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  first_order_at TEXT NOT NULL,
  last_order_at TEXT NOT NULL,
  PRIMARY KEY (team_id, customer_id, month)
);
CREATE INDEX customer_month_rollups_month ON customer_month_rollups (team_id, month);
-- The window the team's metrics rows were last computed for (JSON), so a recompute under the same
-- window only needs to look at customers whose rollups changed or whose tier moved.
CREATE TABLE metrics_state (
  team_id TEXT PRIMARY KEY REFERENCES teams (id),
  metrics_window TEXT NOT NULL
);
${rebuildRollupsSql()};
`;
  },
};
