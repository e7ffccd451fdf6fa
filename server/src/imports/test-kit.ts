// Helpers for import, metrics, report and export tests (not a test file itself).
import { uuidv7 } from 'uuidv7';
import { createServerHlc } from '../entities/server-hlc.ts';
import { type ManualClock, manualClock } from '../lib/clock.ts';
import type { Store, Team } from '../store/store.ts';
import { OrderImportOptions, type OrderImportOptionsInput } from './order-columns.ts';
import { type ImportDeps, importOrders, type OrderImportSummary } from './orders.ts';
import { bufferSource } from './source.ts';

export { customersByRevenue, expectedTotals } from '../../../test/generators/expected-totals.ts';
export {
  ordersCsv,
  type SuperstoreOptions,
  type SuperstoreRow,
  superstoreCsv,
  superstoreRows,
} from '../../../test/generators/superstore.ts';

/** Import deps over a store with a manual clock (default: 2026-01-15, after the generator's 2014–2017 orders). */
export function importDeps(
  store: Store,
  clock: ManualClock = manualClock(),
): ImportDeps & { clock: ManualClock } {
  return { store, clock, hlc: createServerHlc(clock) };
}

export async function newTeam(store: Store, settings: Record<string, unknown> = {}): Promise<Team> {
  return store.teams.create({
    id: uuidv7(),
    name: `Team ${uuidv7().slice(-6)}`,
    settings,
    at: '2026-01-01T00:00:00.000Z',
  });
}

/** Imports CSV text or bytes as a file named `name`. */
export function importCsv(
  deps: ImportDeps,
  teamId: string,
  csv: string | Uint8Array,
  options: OrderImportOptionsInput = {},
  name = 'orders.csv',
): Promise<OrderImportSummary> {
  const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
  return importOrders(deps, teamId, bufferSource(name, bytes), OrderImportOptions.parse(options));
}

/** A small Superstore-shaped CSV from rows of the columns it names. */
/** The Superstore columns naming a line, its order and its customer: the test order files start with them. */
export const LINE_KEY_COLUMNS = ['Row ID', 'Order ID', 'Order Date', 'Customer ID', 'Customer Name'] as const;

/** A test order file's columns: the line keys, the product, and the line's sales, quantity and profit. */
export const ORDER_FILE_COLUMNS = [
  ...LINE_KEY_COLUMNS,
  'Product ID',
  'Product Name',
  'Sales',
  'Quantity',
  'Profit',
] as const;

export function csvOf(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\n')}\n`;
}
