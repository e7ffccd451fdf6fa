import type { Migration } from './migration.ts';

/**
 * The order lines of each customer's metrics window, next to its revenue, profit and orders, so the
 * customers report can serve the team's own tier window from customer_metrics (it shows and sums
 * lines). Null on rows written before this column; existing teams' metrics_state is cleared, so their
 * next recompute looks at every customer and fills it. The index covers what the report reads of the
 * rows with lines, so it never reads the JSON (SQLite stores the added column after it).
 */
export const metricsLines: Migration = {
  version: 8,
  name: 'metrics-lines',
  up() {
    return `
ALTER TABLE customer_metrics ADD COLUMN lines BIGINT;
CREATE INDEX customer_metrics_report ON customer_metrics (team_id, lines, customer_id, revenue, profit, orders, tier, last_order_at);
DELETE FROM metrics_state;
`;
  },
};
