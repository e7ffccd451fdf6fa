import { type Fraction, toFraction } from '@rapport/shared/domain/ratio';
import { formatMoney } from '@rapport/shared/money';
import { parseAmount, plainDecimal } from '@rapport/shared/parsing/amounts';
import { parseDateAs } from '@rapport/shared/parsing/date-formats';
import { uuidv7 } from 'uuidv7';
import { teamSettings } from '../accounts/settings.ts';
import { writeWithVersion } from '../entities/save.ts';
import type { HlcClock } from '../entities/server-hlc.ts';
import type { Clock } from '../lib/clock.ts';
import { recomputeCustomerMetrics } from '../metrics/recompute.ts';
import type { Store } from '../store/store.ts';
import { linkContactsByDomain } from './contact-links.ts';
import { MappingError, type OrderField, type OrderImportOptions } from './order-columns.ts';
import { type OrderFilePlan, OrderFileScan, planOrderFile, sameReading } from './order-file.ts';
import { OrderRowReader, type ParsedLine, type RowContext, type RowError } from './order-row.ts';
import { type OrderWriteCounts, OrderWriter } from './order-writer.ts';
import { type FoundMapping, findSavedMapping } from './saved-mappings.ts';
import type { ByteSource, TextEncoding } from './source.ts';
import type { Table } from './table.ts';
import { badCellError } from './text-cells.ts';

export interface ImportDeps {
  store: Store;
  clock: Clock;
  hlc: HlcClock;
}

/** Row errors kept in a summary; errorCount has them all. */
export const MAX_REPORTED_ERRORS = 1000;
/**
 * Rows validated and written together: customers and products of a chunk are looked up as one set,
 * its lines read and written with multi-row statements. Large enough that round trips do not count.
 */
export const CHUNK = 5000;

/**
 * Where an import is: reading (done/total in bytes, total 0 when unknown: the file is read once, its
 * first rows deciding how, while the rows are validated and written; a file whose first rows do not
 * decide is read whole first), writing (done/total in data rows, counted as they are written when the
 * total was known before, else once at the end), metrics (the recompute at the end).
 */
export interface ImportProgress {
  phase: 'reading' | 'writing' | 'metrics';
  done: number;
  total: number;
}
export type OnImportProgress = (progress: ImportProgress) => void;

export interface OrderImportSummary extends OrderWriteCounts {
  /** The recorded import's id; null for a dry run. */
  importId: string | null;
  dryRun: boolean;
  file: string;
  /** The text encoding (null for a workbook). */
  encoding: TextEncoding | null;
  /** How the file was read: header row, delimiter or sheet, the dates' format and the decimal mark, with reasons. */
  detected: OrderFilePlan['detected'];
  /** The overrides, date format and decimal mark used, kept for the next file of the same shape. */
  mapping: OrderFilePlan['mapping'];
  columns: { header: string; field: OrderField | null }[];
  /** Data rows read (the header excluded). */
  rows: number;
  rejectedRows: number;
  /** Exact sums of the accepted lines, in the team's currency. */
  totals: { revenue: string; profit: string; orders: number; lines: number; currency: string };
  contactsLinkedByDomain: number;
  errors: RowError[];
  errorCount: number;
  /** The first rows' date and money cells as written and as read, so a person can check the reading. */
  samples: SampleRow[];
  /** Customer metrics after the import; null for a dry run. */
  metrics: { customers: number; changed: number } | null;
}

export interface SampleRow {
  row: number;
  cells: { field: OrderField; header: string; raw: string; parsed: string | null }[];
}

const SAMPLES = 5;
const SAMPLED: OrderField[] = ['orderedAt', 'customerId', 'revenue', 'profit', 'cost', 'quantity'];

function sampleOf(
  record: readonly string[],
  row: number,
  plan: OrderFilePlan,
  line: ParsedLine | null,
): SampleRow {
  const parsed: Partial<Record<OrderField, string>> = line
    ? {
        orderedAt: line.orderedAt,
        customerId: line.customerExternalId,
        revenue: formatMoney(line.revenue),
        profit: formatMoney(line.profit),
        ...(line.cost === null ? {} : { cost: formatMoney(line.cost) }),
        quantity: String(line.quantity),
      }
    : cellReadings(record, plan);
  const cells = SAMPLED.flatMap((field) => {
    const at = plan.columns.index[field];
    if (at === undefined) return [];
    const header = plan.columns.columns[at]?.header ?? field;
    return [{ field, header, raw: record[at] ?? '', parsed: parsed[field] ?? null }];
  });
  return { row, cells };
}

/**
 * A refused row's cells read one by one (as written, in the file's date format and decimal mark), so
 * the preview shows which cell is the problem; null for a cell that does not read.
 */
function cellReadings(record: readonly string[], plan: OrderFilePlan): Partial<Record<OrderField, string>> {
  const out: Partial<Record<OrderField, string>> = {};
  const cell = (field: OrderField) => {
    const at = plan.columns.index[field];
    return at === undefined ? '' : (record[at] ?? '').trim();
  };
  const date = parseDateAs(cell('orderedAt'), plan.dateFormat);
  if (!('error' in date)) out.orderedAt = date.date;
  if (cell('customerId') !== '') out.customerId = cell('customerId');
  for (const field of ['revenue', 'profit', 'cost'] as const) {
    const read = parseAmount(cell(field), plan.decimal.decimal);
    if (!('error' in read)) out[field] = formatMoney(read.amount);
  }
  const quantity = plainDecimal(cell('quantity'), plan.decimal.decimal);
  if (!('error' in quantity) && !quantity.percent && Number(quantity.text) > 0) out.quantity = quantity.text;
  return out;
}

/** Thrown inside the transaction to roll a dry run back after it computed its preview. */
class DryRunDone extends Error {
  constructor(readonly summary: OrderImportSummary) {
    super('dry run');
  }
}

/**
 * Thrown inside the transaction when the whole file reads differently from its first rows (another
 * date format, decimal mark or discount unit): the writes roll back and the import runs again with a
 * first pass over the whole file.
 */
class ReadAgain extends Error {
  constructor() {
    super('read again');
  }
}

/** How the one-pass import reads a file: the records to write, and the plan decided once all are read. */
interface Reading {
  plan: OrderFilePlan;
  /** The file's records (title lines and header included), in batches. */
  batches: AsyncIterable<string[][]> | Iterable<string[][]>;
  /** Data rows, when known before writing (the progress total); null when the file is read as it is written. */
  rows: number | null;
  /** Called after the last record: the plan over the whole file (throws ReadAgain if rows were read otherwise). */
  final(): OrderFilePlan;
}

function ratesOf(rates: Record<string, string>): Map<string, Fraction> {
  return new Map(Object.entries(rates).map(([currency, rate]) => [currency, toFraction(rate)]));
}

/**
 * Imports an order file in one transaction: streams and validates its rows, reports
 * bad ones by row and column while the good ones import, upserts lines by key (a re-import changes
 * nothing), creates customers/products/contacts through the entity write path, links contacts, then
 * recomputes customer metrics. A dry run does all of it and rolls back, so its preview is exact and
 * nothing is written. Throws MappingError when the header cannot be read as order lines.
 */
export async function importOrders(
  deps: ImportDeps,
  teamId: string,
  source: ByteSource,
  options: OrderImportOptions,
  createdBy: string | null = null,
  onProgress: OnImportProgress = () => undefined,
): Promise<OrderImportSummary> {
  const size = source.size ?? 0;
  onProgress({ phase: 'reading', done: 0, total: size });
  const reading = (read: number) => onProgress({ phase: 'reading', done: Math.min(read, size), total: size });
  const findSaved = (table: Table) => findSavedMapping(deps.store, teamId, table);
  const once = await readOnce(source, options, findSaved, reading);
  if (once) {
    try {
      return await writeImport(deps, teamId, source, options, createdBy, onProgress, once);
    } catch (err) {
      if (!(err instanceof ReadAgain)) throw err;
    }
  }
  const plan = await planOrderFile(source, options, findSaved, reading);
  return writeImport(deps, teamId, source, options, createdBy, onProgress, {
    plan,
    batches: plan.table.batches(),
    rows: plan.rows,
    final: () => plan,
  });
}

/**
 * The file's first CHUNK data rows decide how to read it; the rest is read while the rows are
 * written (one parse of the file). Every record still feeds the scan, so the plan over the whole file
 * is checked at the end: rows read otherwise roll back (ReadAgain), and a whole-file refusal
 * (ambiguous or unreadable dates) refuses as before. Null when the first rows do not decide (the
 * caller reads the whole file first, as before).
 */
async function readOnce(
  source: ByteSource,
  options: OrderImportOptions,
  findSaved: (table: Table) => Promise<FoundMapping | null>,
  onBytes: (read: number) => void,
): Promise<Reading | null> {
  const scan = await OrderFileScan.open(source, options, findSaved);
  const it = scan.table.batches(onBytes)[Symbol.asyncIterator]();
  const first: string[][] = [];
  /** What is left of the batch in which the first rows decided (not yet scanned). */
  let rest: string[][] = [];
  let ended = false;
  reading: for (;;) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const batch = next.value;
    for (let i = 0; i < batch.length; i += 1) {
      const record = batch[i] as string[];
      first.push(record);
      if (!scan.add(record)) break reading;
      if (scan.dataRows >= CHUNK) {
        rest = batch.slice(i + 1);
        break reading;
      }
    }
  }
  let plan: OrderFilePlan;
  try {
    plan = scan.plan();
  } catch (err) {
    await it.return?.();
    // Over the whole file (or a header never found), the refusal stands; else the rest may decide.
    if (ended || !(err instanceof MappingError) || scan.dataRows === 0) throw err;
    return null;
  }
  if (ended) return { plan, batches: [first], rows: plan.rows, final: () => plan };
  async function* batches(): AsyncGenerator<string[][]> {
    try {
      yield first;
      for (const record of rest) scan.add(record);
      if (rest.length > 0) yield rest;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        for (const record of next.value) scan.add(record);
        yield next.value;
      }
    } finally {
      await it.return?.();
    }
  }
  return {
    plan,
    batches: batches(),
    rows: null,
    final() {
      const whole = scan.plan();
      if (!sameReading(plan, whole)) throw new ReadAgain();
      return whole;
    },
  };
}

/** Validates and writes the file's rows in one transaction, then the metrics (see importOrders). */
async function writeImport(
  deps: ImportDeps,
  teamId: string,
  source: ByteSource,
  options: OrderImportOptions,
  createdBy: string | null,
  onProgress: OnImportProgress,
  reading: Reading,
): Promise<OrderImportSummary> {
  let plan = reading.plan;
  if (reading.rows !== null) onProgress({ phase: 'writing', done: 0, total: reading.rows });
  const team = await deps.store.teams.get(teamId);
  if (!team) throw new Error(`team ${teamId} does not exist`);
  const teamCurrency = teamSettings(team).currency;
  const members = new Map<string, string>();
  for (const u of await deps.store.users.list(teamId)) members.set(u.email, u.id).set(u.id, u.id);

  try {
    return await writeWithVersion(deps.store, teamId, async (tx, version) => {
      const at = deps.clock.now().toISOString();
      const importId = uuidv7();
      const writer = new OrderWriter({ tx, teamId, version, hlc: deps.hlc, at, importId, teamCurrency });
      const errors: RowError[] = [];
      let errorCount = 0;
      const columns = plan.columns;
      const ctx: RowContext = {
        columns,
        teamCurrency,
        fileCurrency: options.currency ?? teamCurrency,
        rates: ratesOf(options.rates),
        members,
        dateFormat: plan.dateFormat,
        decimal: plan.decimal.decimal,
        discountPoints: plan.discountPoints,
      };
      let rows = 0;
      let rejectedRows = 0;
      const positions = new Map<string, number>();
      const seenKeys = new Set<string>();
      const orders = new Set<string>();
      let revenue = 0n;
      let profit = 0n;
      const reject = (rowErrors: RowError[]) => {
        rejectedRows += 1;
        errorCount += rowErrors.length;
        errors.push(...rowErrors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - errors.length)));
      };

      const samples: SampleRow[] = [];
      const reader = new OrderRowReader(ctx);
      const orderAt = columns.index.orderId;
      const lineIdHeader = columns.columns[columns.index.lineId ?? -1]?.header ?? 'lineId';
      /** Validates one record; the line to write, or null when the row is refused. */
      const readRow = (record: string[], rowNumber: number): ParsedLine | null => {
        // Positions count every row of an order, valid or not, so fixing a bad row keeps the others' keys.
        const orderId = orderAt === undefined ? '' : (record[orderAt] ?? '').trim();
        const position = orderId === '' ? 0 : (positions.get(orderId) ?? 0) + 1;
        if (orderId !== '') positions.set(orderId, position);

        const badCell = badCellError(record, rowNumber, columns.columns);
        if (badCell) {
          reject([badCell]);
          return null;
        }
        const parsed = reader.read(record, rowNumber, position);
        if (samples.length < SAMPLES)
          samples.push(sampleOf(record, rowNumber, plan, 'line' in parsed ? parsed.line : null));
        if ('errors' in parsed) {
          reject(parsed.errors);
          return null;
        }
        const line = parsed.line;
        if (line.lineId !== null) {
          if (seenKeys.has(line.lineKey)) {
            reject([
              {
                row: rowNumber,
                column: lineIdHeader,
                message: `repeats the line id "${line.lineKey}" of an earlier row`,
              },
            ]);
            return null;
          }
          seenKeys.add(line.lineKey);
        }
        revenue += line.revenue;
        profit += line.profit;
        orders.add(line.orderId);
        return line;
      };

      // One streamed pass: a chunk of rows is validated, then written as a set.
      let chunk: ParsedLine[] = [];
      const flush = async () => {
        await writer.write(chunk);
        chunk = [];
        if (reading.rows !== null) onProgress({ phase: 'writing', done: rows, total: reading.rows });
      };
      let rowNumber = 0;
      for await (const batch of reading.batches) {
        for (const record of batch) {
          rowNumber += 1;
          if (rowNumber <= plan.headerIndex + 1) continue;
          rows += 1;
          const line = readRow(record, rowNumber);
          if (line) chunk.push(line);
          if (rows % CHUNK === 0) await flush();
        }
      }
      // Read as it was written: the whole file's plan (its row count, detections and reasons).
      plan = reading.final();
      await flush();
      await writer.finish();
      if (reading.rows === null) onProgress({ phase: 'writing', done: rows, total: rows });

      const linked = await linkContactsByDomain(tx, teamId, version, deps.hlc, at);
      const lines = writer.counts.lines.new + writer.counts.lines.changed + writer.counts.lines.unchanged;
      const summary: OrderImportSummary = {
        importId: options.dryRun ? null : importId,
        dryRun: options.dryRun,
        file: source.name,
        encoding: plan.table.encoding,
        detected: plan.detected,
        mapping: plan.mapping,
        columns: columns.columns,
        rows,
        rejectedRows,
        ...writer.counts,
        totals: {
          revenue: formatMoney(revenue),
          profit: formatMoney(profit),
          orders: orders.size,
          lines,
          currency: teamCurrency,
        },
        contactsLinkedByDomain: linked,
        errors,
        errorCount,
        samples,
        metrics: null,
      };
      if (options.dryRun) throw new DryRunDone(summary);

      onProgress({ phase: 'metrics', done: 0, total: 0 });
      const metrics = await recomputeCustomerMetrics(tx, deps, teamId, version);
      summary.metrics = { customers: metrics.customers, changed: metrics.changed };
      await tx.imports.add(teamId, {
        id: importId,
        kind: 'orders',
        filename: source.name,
        createdBy,
        createdAt: at,
        summary: { ...summary, errors: errors.slice(0, 100) } as unknown as Record<string, unknown>,
      });
      return { result: summary, changed: writer.rowsWritten + linked + metrics.changed > 0 };
    });
  } catch (err) {
    if (err instanceof DryRunDone) return err.summary;
    throw err;
  }
}
