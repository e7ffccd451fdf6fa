// The analytical peer of the customers report: the same order lines in DuckDB (in-process, in
// memory, columnar), grouped by customer with the same figures the report shows per customer.
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { OrderLineRecord } from '@rapport/server/store/repos/order-lines';

/** Per customer: revenue, profit, distinct orders, lines and the last order day, like the report. */
export const DUCKDB_GROUP_BY =
  'SELECT customer_id, SUM(revenue) AS revenue, SUM(profit) AS profit, COUNT(DISTINCT order_id) AS orders, COUNT(*) AS lines, MAX(ordered_at) AS last_order_at FROM order_lines';

export interface DuckPeer {
  append(lines: readonly OrderLineRecord[]): Promise<void>;
  /** Runs the GROUP BY over [from, to) (null: all time) and returns the number of customers. */
  groupBy(window: { from: string; to: string } | null): Promise<number>;
  close(): void;
}

export async function openDuckPeer(): Promise<DuckPeer> {
  const instance = await DuckDBInstance.create(':memory:');
  const db: DuckDBConnection = await instance.connect();
  await db.run(
    'CREATE TABLE order_lines (customer_id VARCHAR, order_id VARCHAR, ordered_at VARCHAR, revenue BIGINT, profit BIGINT)',
  );
  return {
    async append(lines) {
      const appender = await db.createAppender('order_lines');
      for (const l of lines) {
        appender.appendVarchar(l.customerId);
        appender.appendVarchar(l.orderId);
        appender.appendVarchar(l.orderedAt);
        appender.appendBigInt(l.revenue);
        appender.appendBigInt(l.profit);
        appender.endRow();
      }
      appender.closeSync();
    },
    async groupBy(window) {
      const reader =
        window === null
          ? await db.runAndReadAll(`${DUCKDB_GROUP_BY} GROUP BY customer_id`)
          : await db.runAndReadAll(
              `${DUCKDB_GROUP_BY} WHERE ordered_at >= ? AND ordered_at < ? GROUP BY customer_id`,
              [window.from, window.to],
            );
      return reader.getRows().length;
    },
    close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}
