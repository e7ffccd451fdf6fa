// Benchmark: importing a Superstore-shaped order file through the real import code (in-process, as
// `rapport import orders FILE` runs it), against the least work that stores the same rows: papaparse
// over the same file and one transaction of multi-row INSERTs into order_lines.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerHlc } from '@rapport/server/entities/server-hlc';
import { OrderImportOptions } from '@rapport/server/imports/order-columns';
import { importOrders } from '@rapport/server/imports/orders';
import { fileSource } from '@rapport/server/imports/source';
import { insertMany, type SqlValue } from '@rapport/server/store/driver';
import { ORDER_LINE_COLUMNS } from '@rapport/server/store/repos/order-lines';
import type { Store } from '@rapport/server/store/store';
import type { StoreKind } from '@rapport/server/testing/test-store';
import { newId } from '@rapport/shared/ids';
import { parseMoney } from '@rapport/shared/money';
import Papa from 'papaparse';
import { superstoreCsv } from '../../generators/superstore.ts';
import { benchApp, newWorkspace, withStore } from '../lib/databases.ts';
import { compared, type Log, type Measurement, type SuiteResult } from '../lib/results.ts';
import { timingOf } from '../lib/timing.ts';
import { count, type SuiteContext } from './context.ts';

/** Line counts per scale: the README quotes 10k and 100k. */
export const IMPORT_SIZES: Record<string, number[]> = {
  tiny: [500],
  small: [10_000],
  full: [10_000, 100_000],
};

/** Interleaved runs per size (product, baseline, product, …): medians of at least 3 each. */
const RUNS = 3;

/** "11/8/2016" -> "2016-11-08" (the generator's US dates), as a bare script would. */
function isoDay(us: string): string {
  const [m, d, y] = us.split('/');
  return `${y}-${(m as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}`;
}

/**
 * The bare peer: stream the file through papaparse, turn each record into an order_lines row (exact
 * money, ISO day, the Row ID as key), and insert them all with multi-row INSERTs in one
 * transaction. No validation, customers, products, idempotency or metrics.
 */
export async function bareImport(store: Store, teamId: string, path: string): Promise<number> {
  const rows: SqlValue[][] = [];
  const at = new Date().toISOString();
  let header: string[] | null = null;
  const col: Record<string, number> = {};
  const parser = createReadStream(path).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = record;
      record.forEach((h, i) => {
        col[h] = i;
      });
      continue;
    }
    const cell = (h: string) => record[col[h] as number] as string;
    const orderId = cell('Order ID');
    rows.push([
      teamId,
      newId(),
      cell('Row ID'),
      cell('Customer ID'),
      orderId,
      isoDay(cell('Order Date')),
      cell('Product ID'),
      cell('Product Name'),
      cell('Category'),
      cell('Sub-Category'),
      Number(cell('Quantity')),
      parseMoney(cell('Sales')),
      null,
      parseMoney(cell('Profit')),
      'USD',
      null,
      at,
    ]);
  }
  await store.transaction((tx) => insertMany(tx.db, 'order_lines', ORDER_LINE_COLUMNS, rows));
  return rows.length;
}

export const IMPORT_VIA =
  'importOrders() in-process, as `rapport import orders FILE` runs it (new team per run)';

async function measureImport(
  kind: StoreKind,
  store: Store,
  path: string,
  lines: number,
  log: Log,
): Promise<Measurement> {
  const app = benchApp(store);
  const deps = { store, clock: app.clock, hlc: createServerHlc(app.clock) };
  const options = OrderImportOptions.parse({});
  const product: number[] = [];
  const bare: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Each run a first import into a new team (new customers, products and lines), then the peer.
    const ws = await newWorkspace(app);
    loads.push(loadavg()[0] ?? 0);
    let t = performance.now();
    const summary = await importOrders(deps, ws.team.id, fileSource(path), options);
    product.push(performance.now() - t);
    if (summary.lines.new !== lines || summary.rejectedRows !== 0)
      throw new Error(
        `import of ${lines} lines made ${summary.lines.new} new lines, ${summary.rejectedRows} rejected`,
      );
    const peer = await newWorkspace(app);
    t = performance.now();
    const inserted = await bareImport(store, peer.team.id, path);
    bare.push(performance.now() - t);
    if (inserted !== lines) throw new Error(`bare import inserted ${inserted} lines, expected ${lines}`);
    log(
      `imports: ${kind} ${count(lines)} run ${run + 1}: Rapport ${(product[run] as number).toFixed(0)} ms, bare ${(bare[run] as number).toFixed(0)} ms (load ${loads[run]?.toFixed(2)})`,
    );
  }
  return compared({
    suite: 'imports',
    store: kind,
    name: `import ${count(lines)}-line Superstore CSV`,
    via: IMPORT_VIA,
    timing: timingOf(product),
    items: { count: lines, unit: 'lines' },
    baseline: {
      name: 'papaparse + multi-row INSERT of the same rows, one transaction',
      timing: timingOf(bare),
    },
    note: `load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} during the runs`,
  });
}

export async function importsSuite({ scale, stores, log }: SuiteContext): Promise<SuiteResult> {
  const measurements: Measurement[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-imports-'));
  try {
    for (const lines of IMPORT_SIZES[scale.name] ?? [10_000]) {
      const path = join(dir, `superstore-${lines}.csv`);
      writeFileSync(path, superstoreCsv({ rows: lines, seed: 7 }));
      for (const kind of stores) {
        log(`imports: ${count(lines)} lines on ${kind}, ${RUNS} interleaved runs`);
        measurements.push(await withStore(kind, (store) => measureImport(kind, store, path, lines, log)));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    measurements,
    notes: [
      `Imports: a generated Superstore CSV (US dates, Profit column) imported by ${IMPORT_VIA}: sniffing, validation, customers and products as sync rows, lines through orderLines.upsert, contacts linked, customer metrics recomputed, the import recorded. ` +
        `The bare peer streams the same file through papaparse and inserts the same lines into order_lines (same table and indexes) with multi-row INSERTs in one transaction. ${RUNS} interleaved runs each (Rapport, peer, Rapport, …), medians; the load average (1 min) is noted per row.`,
    ],
  };
}
