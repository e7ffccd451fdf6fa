import { columnTypes, type Migration } from './migration.ts';

/**
 * What a metrics recompute needs of every customer to keep the churn inputs incremental: the day of
 * the customer's newest order up to the window's as-of day and its own purchase interval (null with
 * fewer than 3 order days), written with the metrics under the window in metrics_state. An import
 * then reads the order days of the customers whose lines changed only, and the team's interval (the
 * median of the own intervals) from here. Existing teams' metrics_state is cleared, so their next
 * recompute looks at every customer once and fills the table.
 */
export const customerIntervals: Migration = {
  version: 7,
  name: 'customer-intervals',
  up(dialect) {
    const { real } = columnTypes(dialect);
    return `
CREATE TABLE customer_intervals (
  team_id TEXT NOT NULL REFERENCES teams (id),
  customer_id TEXT NOT NULL,
  last_day TEXT NOT NULL,
  own_interval ${real},
  PRIMARY KEY (team_id, customer_id)
);
DELETE FROM metrics_state;
`;
  },
};
