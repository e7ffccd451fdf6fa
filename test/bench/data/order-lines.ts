// A team with many customers and order lines, loaded through the repositories instead of an import:
// customers as materialised sync rows via rows.put (what saveRows writes, minus the identities table,
// whose holder lookup grows with the table: 100k customers through saveRows took over 4 minutes on
// SQLite), lines via orderLines.upsert (what an import writes) on SQLite. On Postgres the repository's
// 1,000-row upserts took 173 s for a million lines, so lines go in as one INSERT … SELECT FROM
// unnest(column arrays) per batch there: same table, columns and indexes. An import of a million lines
// would dominate the run, and the generator tops out at 90k customers, so its orders are dealt to ours.
import { rowColumns } from '@rapport/server/entities/columns';
import { writeWithVersion } from '@rapport/server/entities/save';
import type { HlcClock } from '@rapport/server/entities/server-hlc';
import { newRow } from '@rapport/server/imports/row-edits';
import type { SqlValue } from '@rapport/server/store/driver';
import {
  ORDER_LINE_COLUMNS,
  type OrderLineRecord,
  orderLineValues,
} from '@rapport/server/store/repos/order-lines';
import type { RowWrite, Store } from '@rapport/server/store/store';
import { newId } from '@rapport/shared/ids';
import { parseMoney } from '@rapport/shared/money';
import { materialize } from '@rapport/shared/sync/materialize';
import { generateContacts } from '../../generators/contacts.ts';
import { superstoreRows } from '../../generators/superstore.ts';

const CUSTOMER_BATCH = 5_000;
const LINE_BATCH = 20_000;

export interface LoadTarget {
  store: Store;
  teamId: string;
  hlc: HlcClock;
  /** Creation time stamped on rows and lines. */
  at: string;
}

/** Creates `n` customers (names from the synthetic people set, external ids RC-000001…), 5,000 per transaction; returns their row ids. */
export async function loadCustomers({ store, teamId, hlc, at }: LoadTarget, n: number): Promise<string[]> {
  const ids: string[] = [];
  let batch: RowWrite[] = [];
  const flush = async () => {
    const writes = batch;
    batch = [];
    await writeWithVersion(store, teamId, async (tx, version) => {
      await tx.rows.put(teamId, version, writes);
      return { result: undefined, changed: true };
    });
  };
  let i = 0;
  for (const person of generateContacts(n, { seed: 11 })) {
    const id = newId();
    ids.push(id);
    i += 1;
    const externalId = `RC-${String(i).padStart(6, '0')}`;
    const { state } = newRow(
      'customer',
      {
        id,
        externalId,
        name: person.name,
        kind: i % 3 === 0 ? 'company' : 'person',
        emails: [],
        ownerId: null,
      },
      hlc,
    );
    const data = materialize('customer', state) as unknown as Record<string, unknown>;
    batch.push({
      entity: 'customer',
      id,
      state,
      data,
      deletedAt: null,
      ...rowColumns('customer', data),
      updatedAt: at,
    });
    if (batch.length >= CUSTOMER_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return ids;
}

/** The Postgres array type of each order_lines column that is not text. */
const PG_TYPES: Partial<Record<(typeof ORDER_LINE_COLUMNS)[number], string>> = {
  quantity: 'float8',
  revenue: 'int8',
  cost: 'int8',
  profit: 'int8',
};

const PG_INSERT = `INSERT INTO order_lines (${ORDER_LINE_COLUMNS.join(', ')}) SELECT * FROM unnest(${ORDER_LINE_COLUMNS.map((c) => `?::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`;

/** The server's values of one line, with money as decimal text (node-postgres sends arrays of text). */
const lineValues = (teamId: string, l: OrderLineRecord): (string | number | null)[] =>
  orderLineValues(teamId, l).map((v) => (typeof v === 'bigint' ? v.toString() : v));

/** Writes one batch of new lines in one transaction (see the file comment for the Postgres path). */
async function insertLines(store: Store, teamId: string, lines: readonly OrderLineRecord[]): Promise<void> {
  if (store.dialect === 'sqlite') {
    await store.transaction((tx) => tx.orderLines.upsert(teamId, lines));
    return;
  }
  const columns = ORDER_LINE_COLUMNS.map((): (string | number | null)[] => []);
  for (const line of lines) {
    lineValues(teamId, line).forEach((v, i) => {
      columns[i]?.push(v);
    });
  }
  // node-postgres sends JS arrays as Postgres arrays; the Db interface only names scalars.
  await store.transaction((tx) => tx.db.run(PG_INSERT, columns as unknown as SqlValue[]));
}

/**
 * `n` Superstore lines (the generator's products, dates and exact amounts) with whole orders dealt
 * round-robin to the customers, in batches of `batch`. `keyPrefix` and `seed` make further sets of new
 * lines (new line keys and order ids) for the same customers.
 */
export function* orderLineBatches(
  customerIds: readonly string[],
  n: number,
  at: string,
  options: { seed?: number; keyPrefix?: string; batch?: number } = {},
): Generator<OrderLineRecord[]> {
  if (customerIds.length === 0) throw new Error('order lines need customers');
  const prefix = options.keyPrefix ?? '';
  const size = options.batch ?? LINE_BATCH;
  let batch: OrderLineRecord[] = [];
  let order = -1;
  let lastOrderId = '';
  for (const row of superstoreRows({ rows: n, seed: options.seed ?? 1, dateFormat: 'iso' })) {
    if (row['Order ID'] !== lastOrderId) {
      order += 1;
      lastOrderId = row['Order ID'];
    }
    batch.push({
      id: newId(),
      lineKey: `${prefix}${row['Row ID']}`,
      customerId: customerIds[order % customerIds.length] as string,
      orderId: `${prefix}${row['Order ID']}`,
      orderedAt: row['Order Date'],
      productId: row['Product ID'],
      productName: row['Product Name'],
      category: row.Category,
      subCategory: row['Sub-Category'],
      quantity: Number(row.Quantity),
      revenue: parseMoney(row.Sales),
      cost: null,
      profit: parseMoney(row.Profit),
      currency: 'USD',
      importId: null,
      createdAt: at,
    });
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Loads `n` lines (see orderLineBatches), one transaction per 20,000; `onBatch` sees each batch too
 * (the DuckDB peer loads the same lines). On Postgres the lines go in around the repository, so the
 * team's rollups are rebuilt from them at the end (what migration 003 does for existing data).
 */
export async function loadOrderLines(
  { store, teamId, at }: LoadTarget,
  customerIds: readonly string[],
  n: number,
  onBatch?: (lines: readonly OrderLineRecord[]) => Promise<void>,
): Promise<void> {
  for (const lines of orderLineBatches(customerIds, n, at)) {
    await insertLines(store, teamId, lines);
    await onBatch?.(lines);
  }
  if (store.dialect === 'postgres') await store.transaction((tx) => tx.orderLines.rebuildRollups(teamId));
}
