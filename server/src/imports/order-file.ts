import { type DecimalDetection, DecimalMarkProfile } from '@rapport/shared/parsing/amounts';
import {
  DATE_FORMAT_NAMES,
  DateColumnProfile,
  type DateDetection,
  type DateFormat,
} from '@rapport/shared/parsing/date-formats';
import type { OrderField } from './order-columns.ts';
import {
  MappingError,
  type OrderImportOptions,
  type ResolvedColumns,
  recognisedHeaders,
  resolveColumns,
} from './order-columns.ts';
import { type FoundMapping, headerShape, type SavedMapping } from './saved-mappings.ts';
import type { ByteSource } from './source.ts';
import { openTable, type Table, type TableInfo } from './table.ts';
import { assertCleanHeader } from './text-cells.ts';

/** Title lines an export may put above its header ("Sales report", "Generated 2024-03-05", …). */
const HEADER_SEARCH = 20;

/** What the import found out about a file before reading its rows; the dry run shows it. */
export interface OrderFilePlan {
  table: Table;
  /** Records before the header (title lines), skipped. */
  headerIndex: number;
  /** Data records after the header. */
  rows: number;
  columns: ResolvedColumns;
  dateFormat: DateFormat;
  decimal: DecimalDetection;
  /** The discount column holds percentage points (15 = 15 %), decided from all its values. */
  discountPoints: boolean;
  /** What the next file of this shape reuses; savedFrom names the import whose mapping this one reused. */
  mapping: SavedMapping & { savedFrom: string | null };
  detected: TableInfo & {
    /** The header's line among the file's non-blank lines, 1-based. */
    headerRow: number;
    dates: { column: string; format: DateFormat | null; name: string | null; reason: string };
    decimal: { mark: string; reason: string };
    /** Where line revenue comes from: a column, or computed from unit price, quantity and discount. */
    revenue: { from: 'column' | 'unitPrice'; reason: string };
  };
}

/**
 * What an order file says about how to read it, learnt record by record: the header row (the first
 * of the leading lines whose headers map to order fields), the order dates' format from every value
 * of that column, and the decimal mark from every amount. `plan()` decides from the records added so
 * far; over the whole file it is the plan `planOrderFile` gives. A column whose dates fit day-first
 * and month-first alike is a question for the user (MappingError with the choices), not 10,000 row
 * errors.
 */
export class OrderFileScan {
  #shape = '';
  #columns: ResolvedColumns | null = null;
  #headerIndex = -1;
  #best: { score: number; error: unknown } | null = null;
  #dates = new DateColumnProfile();
  #amounts = new DecimalMarkProfile();
  #index = -1;
  #moneyAt: number[] = [];
  #dateAt = -1;
  #discountAt = -1;
  #discountOverOne = false;

  private constructor(
    readonly table: Table,
    readonly options: OrderImportOptions,
    readonly saved: FoundMapping | null,
    /** The user's overrides win over the saved ones, header by header. */
    readonly overrides: SavedMapping['columns'],
  ) {}

  static async open(
    source: ByteSource,
    options: OrderImportOptions,
    findSaved: (table: Table) => Promise<FoundMapping | null> = async () => null,
  ): Promise<OrderFileScan> {
    const table = await openTable(source, options.sheet);
    const saved = await findSaved(table);
    return new OrderFileScan(table, options, saved, { ...saved?.columns, ...options.columns });
  }

  /** Data records (after the header) added so far. */
  get dataRows(): number {
    return this.#columns ? this.#index - this.#headerIndex : 0;
  }

  /** Adds the file's next record; false when no header was found in the leading lines (stop reading). */
  add(record: string[]): boolean {
    this.#index += 1;
    if (!this.#columns) {
      if (this.#index >= HEADER_SEARCH) return false;
      try {
        const columns = resolveColumns(record, this.overrides);
        this.#columns = columns;
        this.#headerIndex = this.#index;
        this.#shape = headerShape(record);
        const at = columns.index;
        this.#dateAt = at.orderedAt ?? -1;
        this.#discountAt = at.discount ?? -1;
        this.#moneyAt = [at.revenue, at.profit, at.cost, at.quantity, at.unitPrice, at.discountAmount].filter(
          (i): i is number => i !== undefined,
        );
      } catch (err) {
        if (!(err instanceof MappingError)) throw err;
        const score = recognisedHeaders(record, this.overrides);
        if (!this.#best || score > this.#best.score) this.#best = { score, error: err };
      }
      // The header's own text must be clean (a NUL or broken character: one clear refusal).
      if (this.#columns) assertCleanHeader(record);
      return true;
    }
    this.#dates.add(record[this.#dateAt] ?? '');
    for (const i of this.#moneyAt) this.#amounts.add(record[i] ?? '');
    if (this.#discountAt >= 0 && !this.#discountOverOne)
      this.#discountOverOne = plainOverOne(record[this.#discountAt] ?? '');
    return true;
  }

  /** The plan from the records added so far; MappingError when they cannot be read as order lines. */
  plan(): OrderFilePlan {
    const { options, saved, table } = this;
    const columns = this.#columns;
    if (!columns) {
      if (this.#best) throw this.#best.error;
      throw new MappingError('The file is empty: expected a header row and order lines.', ['empty file']);
    }
    const dateColumn = columns.columns[this.#dateAt]?.header ?? 'orderedAt';
    let detection = this.#dates.result(options.dateFormat);
    if (detection.status === 'ambiguous' && saved?.dateFormat) {
      const answer = saved.dateFormat;
      detection = {
        ...this.#dates.result(answer),
        reason: `${DATE_FORMAT_NAMES[answer]}, as for the last file of this shape; ${detection.reason}`,
      };
    }
    if (detection.status === 'ambiguous') throw dateQuestion(dateColumn, detection);
    if (detection.status === 'unreadable')
      throw new MappingError(
        `The column "${dateColumn}" holds no dates: ${detection.reason}. Map the order date to another column (map "Header=orderedAt").`,
        [`no dates in ${dateColumn}`],
      );
    let decimal = this.#amounts.result(options.decimal);
    if (decimal.status === 'ambiguous' && saved)
      decimal = {
        ...this.#amounts.result(saved.decimal),
        reason: `"${saved.decimal}" is the decimal mark, as for the last file of this shape; ${decimal.reason}`,
      };
    if (decimal.status === 'ambiguous') throw decimalQuestion(decimal);
    const format = detection.format ?? 'ymd';
    const discountOverOne = this.#discountOverOne;
    return {
      table,
      headerIndex: this.#headerIndex,
      rows: this.dataRows,
      columns,
      dateFormat: format,
      decimal,
      discountPoints: discountOverOne,
      mapping: {
        shape: this.#shape,
        columns: this.overrides,
        dateFormat: detection.format,
        decimal: decimal.decimal,
        savedFrom: saved?.importId ?? null,
      },
      detected: {
        kind: table.kind,
        encoding: table.encoding,
        delimiter: table.delimiter,
        sheet: table.sheet,
        sheets: table.sheets,
        headerRow: this.#headerIndex + 1,
        dates: {
          column: dateColumn,
          format: detection.format,
          name: detection.format ? DATE_FORMAT_NAMES[detection.format] : null,
          reason: detection.reason,
        },
        decimal: { mark: decimal.decimal, reason: decimal.reason },
        revenue: revenueSource(columns, discountOverOne),
      },
    };
  }
}

/** True when two plans read every row alike: same header, date format, decimal mark and discount unit. */
export function sameReading(a: OrderFilePlan, b: OrderFilePlan): boolean {
  return (
    a.headerIndex === b.headerIndex &&
    a.dateFormat === b.dateFormat &&
    a.decimal.decimal === b.decimal.decimal &&
    a.discountPoints === b.discountPoints
  );
}

/** Reads the whole file once to learn how to read it (OrderFileScan over every record). */
export async function planOrderFile(
  source: ByteSource,
  options: OrderImportOptions,
  findSaved: (table: Table) => Promise<FoundMapping | null> = async () => null,
  onBytes?: (read: number) => void,
): Promise<OrderFilePlan> {
  const scan = await OrderFileScan.open(source, options, findSaved);
  for await (const record of scan.table.records(onBytes)) if (!scan.add(record)) break;
  return scan.plan();
}

/**
 * A bare discount number above 1 ("15", "7,5"): the column is in percentage points, since a rate
 * as a fraction never exceeds 1. Decided over the whole column, so "0.5" beside "15" reads as
 * 0.5 %, and a column of fractions (Superstore's 0.2) stays fractions.
 */
function plainOverOne(cell: string): boolean {
  const t = cell.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(t)) return false;
  return Number(t.replace(',', '.')) > 1;
}

/** Says where the revenue comes from, naming the columns (the dry run prints it). */
function revenueSource(
  columns: ResolvedColumns,
  discountPoints: boolean,
): OrderFilePlan['detected']['revenue'] {
  const header = (f: OrderField) => {
    const at = columns.index[f];
    return at === undefined ? null : `"${columns.columns[at]?.header}"`;
  };
  if (columns.index.revenue !== undefined)
    return { from: 'column', reason: `revenue is the column ${header('revenue')}` };
  const parts = [header('unitPrice'), header('quantity') ?? '1'].join(' × ');
  const rate = header('discount');
  const amount = header('discountAmount');
  const less = rate
    ? ` × (1 − ${rate}${discountPoints && !/%|percent|pct/i.test(rate) ? ' %, its values being percentage points since some exceed 1' : ''})`
    : amount
      ? ` − ${amount}`
      : '';
  return {
    from: 'unitPrice',
    reason: `no column holds the revenue: it is computed exactly as ${parts}${less}${rate || amount ? ' (revenue computed from the discount)' : ''}`,
  };
}

function dateQuestion(column: string, d: DateDetection): MappingError {
  const choices = d.choices.map((c) => ({ ...c, name: DATE_FORMAT_NAMES[c.format] }));
  return new MappingError(
    `Which date format does "${column}" use? ${d.reason[0]?.toUpperCase()}${d.reason.slice(1)}. ` +
      `Say which: ${choices.map((c) => `--date-format ${c.format} (${c.name})`).join(' or ')}; over HTTP dateFormat=${choices[0]?.format ?? 'dmy'}.`,
    [`the dates in "${column}" are ambiguous: day-first or month-first`],
    { question: { option: 'dateFormat', column, choices } },
  );
}

function decimalQuestion(d: DecimalDetection): MappingError {
  return new MappingError(
    `Is "${d.choices[0]?.example}" a number with decimals or with a thousands separator? ${d.reason[0]?.toUpperCase()}${d.reason.slice(1)}. ` +
      `Say which: ${d.choices.map((c) => `--decimal ${c.decimal} (${c.reads})`).join(' or ')}; over HTTP decimal=${d.choices[1]?.decimal ?? ','}.`,
    ['the amounts are ambiguous: "." or "," as the decimal mark'],
    { question: { option: 'decimal', choices: d.choices } },
  );
}
