import readXlsxFile from 'read-excel-file/node';
import { MappingError } from './order-columns.ts';
import {
  type ByteSource,
  countingSource,
  csvBatches,
  csvRecords,
  type Delimiter,
  decode,
  detectEncoding,
  head,
  sniffDelimiter,
  type TextEncoding,
} from './source.ts';

/** How a file was read, for the dry run to say. */
export interface TableInfo {
  kind: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  /** The worksheet read, and all of the workbook's. */
  sheet: string | null;
  sheets: string[];
}

/** A file as records of text fields, readable more than once. */
export interface Table extends TableInfo {
  /** The records; `onBytes` hears how many of the file's bytes were read so far (text files). */
  records(onBytes?: (read: number) => void): AsyncIterable<string[]>;
  /** The same records in batches (for readers of many rows: one wait per batch, not per record). */
  batches(onBytes?: (read: number) => void): AsyncIterable<string[][]>;
}

/** Rows of a workbook read whole, handed out in batches of this many. */
const SHEET_BATCH = 1000;

// .xlsx is a zip: "PK\3\4".
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** A cell as text: exact number text (never a float), dates as ISO days (with time when there is one). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(value);
}

async function openWorkbook(source: ByteSource, sheet: string | undefined): Promise<Table> {
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks()) parts.push(Buffer.from(chunk));
  let sheets: Awaited<ReturnType<typeof readXlsxFile<string>>>;
  try {
    // Numbers stay the text the workbook stores ("957.5775"), so amounts are exact.
    sheets = await readXlsxFile<string>(Buffer.concat(parts), { parseNumber: (s) => s });
  } catch (err) {
    throw new MappingError(`The file is not a readable .xlsx workbook: ${(err as Error).message}`, [
      'unreadable workbook',
    ]);
  }
  const names = sheets.map((s) => s.sheet);
  const chosen =
    sheet === undefined
      ? sheets[0]
      : (sheets.find((s) => s.sheet === sheet) ??
        (/^\d+$/.test(sheet) ? sheets[Number(sheet) - 1] : undefined));
  if (!chosen)
    throw new MappingError(
      `The workbook has no sheet "${sheet}"; its sheets: ${names.map((n) => `"${n}"`).join(', ')}`,
      ['no such sheet'],
      { sheets: names },
    );
  const rows = chosen.data
    .map((row) => row.map(cellText))
    .filter((row) => row.some((cell) => cell.trim() !== ''));
  return {
    kind: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: chosen.sheet,
    sheets: names,
    async *records() {
      yield* rows;
    },
    async *batches() {
      for (let i = 0; i < rows.length; i += SHEET_BATCH) yield rows.slice(i, i + SHEET_BATCH);
    },
  };
}

/**
 * Opens an order or contact file: an .xlsx workbook (first sheet or the one named), else delimited
 * text whose encoding and delimiter (comma, semicolon, tab, pipe) are detected.
 */
export async function openTable(source: ByteSource, sheet?: string): Promise<Table> {
  const start = await head(source);
  if (isZip(start) || /\.xlsx$/i.test(source.name)) return openWorkbook(source, sheet);
  const encoding = await detectEncoding(source);
  const delimiter = sniffDelimiter(decode(start, encoding));
  return {
    kind: 'csv',
    encoding,
    delimiter,
    sheet: null,
    sheets: [],
    records: (onBytes) => csvRecords(onBytes ? countingSource(source, onBytes) : source, encoding, delimiter),
    batches: (onBytes) => csvBatches(onBytes ? countingSource(source, onBytes) : source, encoding, delimiter),
  };
}
