// Deterministic Superstore-style order files, streamed: rows, CSV lines or encoded byte chunks are
// produced one at a time, so a million lines never sit in memory. The same options always give the
// same bytes, and the first N rows of a bigger file equal the N-row file.
//
// CLI: tsx test/generators/superstore.ts --rows 10000 --seed 1 > orders.csv   (--help for options)
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { LOSS_LEADER_PRODUCTS, PLACES, type Place, PRODUCTS, type Product } from './catalogue.ts';
import { csvLine } from './csv.ts';
import { MAX_CUSTOMERS, type SuperstoreCustomer, superstoreCustomers } from './customers.ts';
import { createRng, type Rng, scatter } from './prng.ts';

/** The canonical columns, in file order (the classic retail order dataset's). */
export const SUPERSTORE_COLUMNS = [
  'Row ID',
  'Order ID',
  'Order Date',
  'Ship Date',
  'Customer ID',
  'Customer Name',
  'Segment',
  'Country',
  'City',
  'State',
  'Region',
  'Product ID',
  'Category',
  'Sub-Category',
  'Product Name',
  'Sales',
  'Quantity',
  'Discount',
  'Profit',
] as const;
export type SuperstoreColumn = (typeof SUPERSTORE_COLUMNS)[number];
/** Columns options can bring in: Cost (replacing Profit) and the customer's contact Email. */
export const OPTIONAL_COLUMNS = ['Cost', 'Email'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** One order line, keyed by canonical column name, every value exactly as written to the file. */
export type SuperstoreRow = Record<SuperstoreColumn | OptionalColumn, string>;

const optionsSchema = z
  .object({
    rows: z.number().int().min(0).default(1000),
    customers: z.number().int().min(1).max(MAX_CUSTOMERS).default(793),
    seed: z.number().int().default(1),
    /** us: 11/8/2016 (as in the classic file); iso: 2016-11-08. */
    dateFormat: z.enum(['us', 'iso']).default('us'),
    /** Write a Cost column (line cost) where Profit would be; profit = Sales − Cost. */
    costInsteadOfProfit: z.boolean().default(false),
    /** Add the customer's contact email as an "Email" column right after Customer Name. */
    withEmail: z.boolean().default(false),
    /** Header text per column, e.g. { Country: 'Country/Region' }. */
    rename: z
      .partialRecord(z.enum([...SUPERSTORE_COLUMNS, ...OPTIONAL_COLUMNS]), z.string().min(1))
      .default({}),
    encoding: z.enum(['utf8', 'utf8-bom', 'windows-1252']).default('utf8'),
    newline: z.enum(['\n', '\r\n']).default('\n'),
    /** Orders fall in [startYear-01-01, startYear+years-01-01). */
    startYear: z.number().int().min(1970).max(2100).default(2014),
    years: z.number().int().min(1).max(50).default(4),
  })
  .strict();

export type SuperstoreOptions = z.input<typeof optionsSchema>;
export type ResolvedSuperstoreOptions = z.output<typeof optionsSchema>;

export function resolveSuperstoreOptions(options: SuperstoreOptions = {}): ResolvedSuperstoreOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success)
    throw new Error(`Invalid Superstore generator options:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The file's columns (canonical names) for these options, in order. */
export function superstoreColumns(options: SuperstoreOptions = {}): (SuperstoreColumn | OptionalColumn)[] {
  const o = resolveSuperstoreOptions(options);
  return SUPERSTORE_COLUMNS.flatMap((c): (SuperstoreColumn | OptionalColumn)[] => {
    if (c === 'Profit') return [o.costInsteadOfProfit ? 'Cost' : 'Profit'];
    if (c === 'Customer Name' && o.withEmail) return [c, 'Email'];
    return [c];
  });
}

/** The header line's texts, after renames. */
export function superstoreHeader(options: SuperstoreOptions = {}): string[] {
  const o = resolveSuperstoreOptions(options);
  return superstoreColumns(o).map((c) => o.rename[c] ?? c);
}

/**
 * A small order file written row by row, for tests whose rows each say something (a bad date, a named
 * person): the columns the rows fill, in the file's order (Email after Customer Name), then the rows.
 */
export function ordersCsv(rows: readonly Partial<SuperstoreRow>[]): string {
  const columns = superstoreColumns({ withEmail: true }).filter((c) => rows.some((r) => r[c] !== undefined));
  return `${[columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))].map(csvLine).join('\n')}\n`;
}

// Distributions read off the classic file: most orders have one or two lines, most discounts are 0 or 20%.
// biome-ignore format: a weight table reads best on one line
const LINES_PER_ORDER = [[1, 45], [2, 25], [3, 14], [4, 8], [5, 4], [6, 2], [7, 1], [8, 0.6], [9, 0.4]] as const;
// biome-ignore format: a weight table reads best on one line
const QUANTITIES = [[1, 9], [2, 24], [3, 24], [4, 12], [5, 12], [6, 6], [7, 6], [8, 3], [9, 2.6], [10, 1], [11, 0.8], [12, 0.6], [13, 0.5], [14, 0.5]] as const;
// Percent. 15, 32 and 45 leave four decimals in Sales, as discounted retail lines do.
// biome-ignore format: a weight table reads best on one line
const DISCOUNTS = [[0, 46], [20, 35], [10, 2], [15, 2], [30, 2], [32, 1], [40, 2], [45, 1], [50, 1], [60, 1], [70, 2], [80, 1.5]] as const;
// Losing accounts buy products costing over 70% of list at 30–45% off: every such line is a loss,
// a moderate one (about −20% margin), like the classic file's discounted tables.
// biome-ignore format: a weight table reads best on one line
const LOSS_DISCOUNTS = [[30, 4], [32, 2], [40, 2], [45, 1]] as const;
// biome-ignore format: a weight table reads best on one line
const SHIP_DAYS = [[0, 5], [1, 5], [2, 14], [3, 10], [4, 28], [5, 22], [6, 10], [7, 6]] as const;

const DAY_MS = 86_400_000;
const ORDER_NUMBERS = 900_000;

interface Line {
  product: Product;
  quantity: number;
  discountPct: number;
  /** Amounts in 1/10,000 of a dollar: exact integers, so profit = sales − cost holds to the digit. */
  sales4: number;
  cost4: number;
}

interface Order {
  id: string;
  orderedDay: number;
  shippedDay: number;
  customer: SuperstoreCustomer;
  place: Place;
  lines: Line[];
}

function weightedPicker<T>(items: readonly T[], weight: (item: T) => number): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weight(item);
    cumulative.push(total);
  }
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

function newLine(rng: Rng, product: Product, losing: boolean): Line {
  const quantity = rng.weighted(QUANTITIES);
  const discountPct = rng.weighted(losing ? LOSS_DISCOUNTS : DISCOUNTS);
  // cents × quantity × (100 − discount%) is the line's sales in 1/10,000 of a dollar, exactly.
  const sales4 = product.priceCents * quantity * (100 - discountPct);
  const cost4 = Math.round((product.priceCents * product.costPermille) / 10) * quantity;
  return { product, quantity, discountPct, sales4, cost4 };
}

/** Scattered six-digit order numbers, unique for the whole file (a leading block digit past 900k orders). */
function orderNumber(index: number, seed: number): string {
  const block = Math.floor(index / ORDER_NUMBERS);
  const base = String(100_000 + scatter(index, ORDER_NUMBERS, seed));
  return block === 0 ? base : `${block}${base}`;
}

function* orders(o: ResolvedSuperstoreOptions): Generator<Order> {
  const customers = superstoreCustomers(o);
  const pickCustomer = weightedPicker(customers, (c) => c.weight);
  const pickPlace = weightedPicker(PLACES, (p) => p.weight);
  const pickProduct = weightedPicker(PRODUCTS, (p) => p.weight);
  const rng = createRng(o.seed, 'orders');
  const firstDay = Date.UTC(o.startYear, 0, 1) / DAY_MS;
  const days = Date.UTC(o.startYear + o.years, 0, 1) / DAY_MS - firstDay;

  for (let index = 0; ; index++) {
    const customer = pickCustomer(rng);
    const orderedDay = firstDay + rng.int(0, days - 1);
    const shippedDay = orderedDay + rng.weighted(SHIP_DAYS);
    const place = pickPlace(rng);
    const prefix = rng.chance(0.8) ? 'CA' : 'US';
    const year = new Date(orderedDay * DAY_MS).getUTCFullYear();
    // The first order always repeats its first line verbatim, so every file of 3+ rows has an identical pair.
    const count = index === 0 ? 3 : rng.weighted(LINES_PER_ORDER);
    const lines: Line[] = [];
    for (let j = 0; j < count; j++) {
      const roll = j === 0 ? 1 : rng.next();
      if ((index === 0 && j === 2) || roll < 0.05) {
        lines.push(index === 0 ? (lines[0] as Line) : rng.pick(lines));
      } else if (roll < 0.09) {
        lines.push(newLine(rng, rng.pick(lines).product, customer.losing));
      } else {
        const product = customer.losing ? rng.pick(LOSS_LEADER_PRODUCTS) : pickProduct(rng);
        lines.push(newLine(rng, product, customer.losing));
      }
    }
    yield {
      id: `${prefix}-${year}-${orderNumber(index, o.seed)}`,
      orderedDay,
      shippedDay,
      customer,
      place,
      lines,
    };
  }
}

/** 1/10,000 units to the shortest exact decimal: 9575775 -> "957.5775", -383031 -> "-38.3031", 480000 -> "48". */
function formatAmount(units4: number): string {
  const abs = Math.abs(units4);
  const whole = Math.floor(abs / 10_000);
  const fraction = String(abs % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${units4 < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function formatDate(day: number, format: 'us' | 'iso'): string {
  const d = new Date(day * DAY_MS);
  if (format === 'iso') return d.toISOString().slice(0, 10);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** Order lines as records keyed by canonical column name (Profit, Cost and Email are always filled). */
export function* superstoreRows(options: SuperstoreOptions = {}): Generator<SuperstoreRow> {
  const o = resolveSuperstoreOptions(options);
  let rowId = 0;
  if (o.rows === 0) return;
  for (const order of orders(o)) {
    for (const line of order.lines) {
      rowId++;
      yield {
        'Row ID': String(rowId),
        'Order ID': order.id,
        'Order Date': formatDate(order.orderedDay, o.dateFormat),
        'Ship Date': formatDate(order.shippedDay, o.dateFormat),
        'Customer ID': order.customer.id,
        'Customer Name': order.customer.name,
        Segment: order.customer.segment,
        Country: 'United States',
        City: order.place.city,
        State: order.place.state,
        Region: order.place.region,
        'Product ID': line.product.id,
        Category: line.product.category,
        'Sub-Category': line.product.subCategory,
        'Product Name': line.product.name,
        Sales: formatAmount(line.sales4),
        Quantity: String(line.quantity),
        Discount: String(line.discountPct / 100),
        Profit: formatAmount(line.sales4 - line.cost4),
        Cost: formatAmount(line.cost4),
        Email: order.customer.email,
      };
      if (rowId === o.rows) return;
    }
  }
}

/** CSV text lines, each ending with the newline: the header first, then one line per row. */
export function* superstoreLines(options: SuperstoreOptions = {}): Generator<string> {
  const o = resolveSuperstoreOptions(options);
  const columns = superstoreColumns(o);
  yield csvLine(superstoreHeader(o)) + o.newline;
  for (const row of superstoreRows(o)) yield csvLine(columns.map((c) => row[c])) + o.newline;
}

const CHUNK_CHARS = 64 * 1024;

/** The file's bytes in chunks of about 64 KiB, in the chosen encoding (with a BOM for utf8-bom). */
export function* superstoreChunks(options: SuperstoreOptions = {}): Generator<Buffer> {
  const o = resolveSuperstoreOptions(options);
  const encode = (text: string): Buffer =>
    o.encoding === 'windows-1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8');
  let pending = o.encoding === 'utf8-bom' ? '\uFEFF' : '';
  for (const line of superstoreLines(o)) {
    pending += line;
    if (pending.length >= CHUNK_CHARS) {
      yield encode(pending);
      pending = '';
    }
  }
  if (pending) yield encode(pending);
}

/** The whole file as one Buffer: for small files in tests; stream superstoreChunks for big ones. */
export function superstoreCsv(options: SuperstoreOptions = {}): Buffer {
  return Buffer.concat([...superstoreChunks(options)]);
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

if (isMain) {
  // Not awaited: this module must finish loading before the CLI module (which imports it) runs.
  void import('./superstore-cli.ts').then(({ runSuperstoreCli }) => runSuperstoreCli(process.argv.slice(2)));
}
