// Dates as spreadsheets and order systems write them, read into calendar days 'YYYY-MM-DD'.
// A column's format is decided from all its values (a single "03/05/16" cannot tell day-first from
// month-first; a column holding "25/03/16" can), so import previews and the server agree.
import { dateInputProblem, isoDateProblem } from '../domain/dates.ts';

/**
 * How numeric day/month/year values are ordered. `serial` is Excel's day number (1 = 1900-01-01).
 * Values that say their order themselves (2016-11-08, 2024年3月5日, 5 Mar 2024, 20161108) read
 * the same under any format.
 */
export const DATE_FORMATS = ['dmy', 'mdy', 'ymd', 'serial'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const DATE_FORMAT_NAMES: Record<DateFormat, string> = {
  dmy: 'day first (d/m/y)',
  mdy: 'month first (m/d/y)',
  ymd: 'year first (y-m-d)',
  serial: 'Excel serial day numbers',
};

const ALIASES: Record<string, DateFormat> = {
  dmy: 'dmy',
  'd/m/y': 'dmy',
  'dd/mm/yyyy': 'dmy',
  'dd/mm/yy': 'dmy',
  'dd.mm.yyyy': 'dmy',
  'dd-mm-yyyy': 'dmy',
  mdy: 'mdy',
  'm/d/y': 'mdy',
  'mm/dd/yyyy': 'mdy',
  'mm/dd/yy': 'mdy',
  ymd: 'ymd',
  'y-m-d': 'ymd',
  'yyyy-mm-dd': 'ymd',
  'yy/mm/dd': 'ymd',
  serial: 'serial',
  excel: 'serial',
};

/** "dmy", "dd/mm/yyyy", "excel", … -> a DateFormat, or null when the text names none. */
export function dateFormatFromText(text: string): DateFormat | null {
  return ALIASES[text.trim().toLowerCase()] ?? null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// A time after the day ("14:23", "2:05 PM", "T14:23:11.120Z", " 14:23:11 +0100", " UTC"): the day as
// written is kept, in the writer's zone, because that is the day the order was placed for them.
const TIME =
  /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/;
/(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;
const NUMERIC = /^(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})$/;
const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d{1,8}(?:\.\d+)?$/;
const NAMED_DMY = /^(\d{1,2})[\s./-]*([A-Za-z]{3,9})\.?[\s,./-]*(\d{2}|\d{4})$/;
const NAMED_MDY = /^([A-Za-z]{3,9})\.?[\s./-]*(\d{1,2})(?:st|nd|rd|th)?[\s,./-]*(\d{2}|\d{4})$/;
const NAMED_YMD = /^(\d{4})[\s./-]*([A-Za-z]{3,9})\.?[\s./-]*(\d{1,2})$/;

/** What a value says about its order. */
type Shape =
  /** The value fixes its own order (4-digit year first, a month name, 年月日, yyyymmdd). */
  | { kind: 'fixed'; y: number; m: number; d: number; twoDigitYear: boolean }
  /** Three numbers a/b/c that need the column's order; `yearLast` when c has 4 digits. */
  | { kind: 'numeric'; a: number; b: number; c: number; twoDigitYear: boolean }
  | { kind: 'serial'; days: number };

/** Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999. */
export const fullYear = (yy: number): number => (yy < 30 ? 2000 + yy : 1900 + yy);

function monthOf(name: string): number | undefined {
  const key = name.toLowerCase();
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
}

function year(text: string): { y: number; twoDigitYear: boolean } {
  return text.length <= 2
    ? { y: fullYear(Number(text)), twoDigitYear: true }
    : { y: Number(text), twoDigitYear: false };
}

function shapeOf(raw: string): Shape | null {
  const text = raw.trim();
  if (SERIAL.test(text)) {
    const compact = COMPACT.exec(text);
    if (compact)
      return { kind: 'fixed', y: +compact[1]!, m: +compact[2]!, d: +compact[3]!, twoDigitYear: false };
    return { kind: 'serial', days: Math.floor(Number(text)) };
  }
  const day = text.replace(TIME, '');
  const cjk = CJK.exec(day);
  if (cjk) return { kind: 'fixed', y: +cjk[1]!, m: +cjk[2]!, d: +cjk[3]!, twoDigitYear: false };
  const numeric = NUMERIC.exec(day);
  if (numeric) {
    const [, a = '', b = '', c = ''] = numeric;
    if (a.length === 4) return { kind: 'fixed', y: +a, m: +b, d: +c, twoDigitYear: false };
    if (a.length === 3 || c.length === 3) return null;
    const last = year(c);
    return { kind: 'numeric', a: +a, b: +b, c: last.y, twoDigitYear: last.twoDigitYear };
  }
  for (const [pattern, order] of [
    [NAMED_DMY, 'dmy'],
    [NAMED_MDY, 'mdy'],
    [NAMED_YMD, 'ymd'],
  ] as const) {
    const m = pattern.exec(day);
    if (!m) continue;
    const [, p1 = '', p2 = '', p3 = ''] = m;
    const parts = order === 'dmy' ? [p3, p2, p1] : order === 'mdy' ? [p3, p1, p2] : [p1, p2, p3];
    const month = monthOf(parts[1] as string);
    if (month === undefined) return null;
    return { kind: 'fixed', ...year(parts[0] as string), m: month, d: Number(parts[2]) };
  }
  return null;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const isRealDay = (y: number, m: number, d: number) => isoDateProblem(iso(y, m, d)) === null;

/** Excel's day number to a day; Excel counts a 29 February 1900 that never was (serial 60). */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465 || serial === 60) return null;
  const epoch = Date.UTC(1899, 11, serial < 60 ? 31 : 30);
  return new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
}

/** Reads one value under a column's format: the day, or why it is not one. */
export function parseDateAs(text: string, format: DateFormat): { date: string } | { error: string } {
  const shape = shapeOf(text);
  const what = `"${text}"`;
  if (shape === null) return { error: `${what} is not a date` };
  let y: number;
  let m: number;
  let d: number;
  if (shape.kind === 'serial') {
    if (format !== 'serial')
      return { error: `${what} is a number, not a date in the column's ${DATE_FORMAT_NAMES[format]} form` };
    const date = excelSerialToDate(shape.days);
    return date ? { date } : { error: `${what} is not an Excel day number` };
  }
  if (shape.kind === 'fixed') ({ y, m, d } = shape);
  else if (format === 'dmy') [d, m, y] = [shape.a, shape.b, shape.c];
  else if (format === 'mdy') [m, d, y] = [shape.a, shape.b, shape.c];
  else if (format === 'ymd' && shape.twoDigitYear) [y, m, d] = [fullYear(shape.a), shape.b, shape.c % 100];
  else return { error: `${what} does not fit the column's ${DATE_FORMAT_NAMES[format]} form` };
  const date = iso(y, m, d);
  const problem = dateInputProblem(date);
  if (problem === null) return { date };
  const hint = shape.kind === 'numeric' ? ` when read ${DATE_FORMAT_NAMES[format]}` : '';
  return { error: `${what} is not a real day${hint} (${problem})` };
}

export interface DateDetection {
  /** The format to read the column with; null when the values cannot decide it (ask) or none is a date. */
  format: DateFormat | null;
  status: 'detected' | 'ambiguous' | 'unreadable' | 'empty';
  /** One sentence for people: what was detected and from which values. */
  reason: string;
  /** When ambiguous: the formats the values allow, each with what the first example would become. */
  choices: { format: DateFormat; example: string; reads: string }[];
  values: number;
  /** Values that are no date in any form (they become row errors). */
  unreadable: number;
}

const quote = (s: string) => `"${s}"`;

/**
 * Collects a column's values one at a time (files are streamed) and decides their format:
 * a first number over 12 means day-first, a second over 12 means month-first; two-digit years,
 * ".", "/" and "-" separators, ISO with time and zone, 年月日, month names and Excel serial numbers
 * are read too. When every value has both numbers ≤ 12 (and they differ) the column is ambiguous.
 */
/** How one date text reads: what DateColumnProfile counts it as, and what it says about the column. */
interface DateKind {
  kind: 'unreadable' | 'serial' | 'fixed' | 'dayFirst' | 'monthFirst' | 'either' | 'same';
  withTime: boolean;
  twoDigitYear: boolean;
}

/** Distinct texts a DateColumnProfile remembers (a column of odd values stays bounded). */
const KIND_CACHE = 10_000;

function dateKind(text: string): DateKind {
  const shape = shapeOf(text);
  if (shape === null) return { kind: 'unreadable', withTime: false, twoDigitYear: false };
  const withTime = /\d:\d\d/.test(text);
  if (shape.kind === 'serial') return { kind: 'serial', withTime, twoDigitYear: false };
  const twoDigitYear = shape.twoDigitYear;
  if (shape.kind === 'fixed') return { kind: 'fixed', withTime, twoDigitYear };
  const { a, b, c } = shape;
  const asDmy = isRealDay(c, b, a);
  const asMdy = isRealDay(c, a, b);
  // Both readings the same day (a = b) say nothing about the order.
  const kind =
    asDmy && !asMdy
      ? 'dayFirst'
      : asMdy && !asDmy
        ? 'monthFirst'
        : asDmy && asMdy
          ? a !== b
            ? 'either'
            : 'same'
          : 'unreadable';
  return { kind, withTime, twoDigitYear };
}

export class DateColumnProfile {
  readonly #kinds = new Map<string, DateKind>();
  #values = 0;
  #unreadable = 0;
  #unreadableExample: string | null = null;
  #serial = 0;
  #serialExample: string | null = null;
  #fixed = 0;
  #fixedExample: string | null = null;
  #dayFirst = 0;
  #dayFirstExample: string | null = null;
  #monthFirst = 0;
  #monthFirstExample: string | null = null;
  #either: string[] = [];
  #eitherCount = 0;
  #twoDigitYears = false;
  #withTime = false;

  add(raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    this.#values += 1;
    // A column repeats its days: each distinct text is classified once.
    let kind = this.#kinds.get(text);
    if (kind === undefined) {
      kind = dateKind(text);
      if (this.#kinds.size < KIND_CACHE) this.#kinds.set(text, kind);
    }
    if (kind.withTime) this.#withTime = true;
    if (kind.twoDigitYear) this.#twoDigitYears = true;
    switch (kind.kind) {
      case 'unreadable':
        this.#unreadable += 1;
        this.#unreadableExample ??= text;
        return;
      case 'serial':
        this.#serial += 1;
        this.#serialExample ??= text;
        return;
      case 'fixed':
        this.#fixed += 1;
        this.#fixedExample ??= text;
        return;
      case 'dayFirst':
        this.#dayFirst += 1;
        this.#dayFirstExample ??= text;
        return;
      case 'monthFirst':
        this.#monthFirst += 1;
        this.#monthFirstExample ??= text;
        return;
      case 'either':
        this.#eitherCount += 1;
        if (this.#either.length < 3) this.#either.push(text);
        return;
      case 'same':
        return;
    }
  }

  result(forced?: DateFormat): DateDetection {
    const base = { values: this.#values, unreadable: this.#unreadable, choices: [] };
    const notes: string[] = [];
    if (this.#twoDigitYears) notes.push('two-digit years read as 2000–2029 and 1930–1999');
    if (this.#withTime) notes.push('times and zones ignored: the day as written is kept');
    if (this.#unreadable > 0)
      notes.push(`${this.#unreadable} values are no date (e.g. ${quote(this.#unreadableExample ?? '')})`);
    const tail = notes.length > 0 ? `; ${notes.join('; ')}` : '';
    if (forced)
      return {
        ...base,
        format: forced,
        status: 'detected',
        reason: `${DATE_FORMAT_NAMES[forced]}, as given${tail}`,
      };
    if (this.#values === 0) return { ...base, format: null, status: 'empty', reason: 'the column is empty' };
    const readable = this.#values - this.#unreadable;
    if (this.#serial > 0 && this.#serial >= readable - this.#serial)
      return {
        ...base,
        format: 'serial',
        status: 'detected',
        reason: `${DATE_FORMAT_NAMES.serial}: ${this.#serial} values are day numbers, e.g. ${quote(this.#serialExample ?? '')} = ${excelSerialToDate(Math.floor(Number(this.#serialExample))) ?? '?'}${tail}`,
      };
    const numeric = this.#dayFirst + this.#monthFirst + this.#eitherCount;
    if (this.#dayFirst > 0 || this.#monthFirst > 0) {
      // A tie goes to month-first, the classic US file's order.
      const dmy = this.#dayFirst > this.#monthFirst;
      const [count, example, other] = dmy
        ? [this.#dayFirst, this.#dayFirstExample, this.#monthFirst]
        : [this.#monthFirst, this.#monthFirstExample, this.#dayFirst];
      const conflict = other > 0 ? `; ${other} values only fit the other order and are refused per row` : '';
      return {
        ...base,
        format: dmy ? 'dmy' : 'mdy',
        status: 'detected',
        reason: `${DATE_FORMAT_NAMES[dmy ? 'dmy' : 'mdy']}: ${count} of ${numeric} numeric dates have a ${dmy ? 'first' : 'second'} number over 12, e.g. ${quote(example ?? '')}${conflict}${tail}`,
      };
    }
    if (this.#eitherCount > 0) {
      const example = this.#either[0] as string;
      const choices = (['dmy', 'mdy'] as const).map((format) => {
        const read = parseDateAs(example, format);
        return { format, example, reads: 'date' in read ? read.date : read.error };
      });
      return {
        ...base,
        format: null,
        status: 'ambiguous',
        choices,
        reason: `every date has both numbers ≤ 12 (e.g. ${this.#either.map(quote).join(', ')}), so day-first and month-first both fit: ${choices.map((c) => `${c.format} reads ${quote(example)} as ${c.reads}`).join(', ')}${tail}`,
      };
    }
    if (readable === 0)
      return { ...base, format: null, status: 'unreadable', reason: `no value is a date${tail}` };
    // Only self-describing values (or ones that read the same either way): any format reads them alike.
    const example = this.#fixedExample ?? '';
    return {
      ...base,
      format: this.#fixed > 0 && numeric === 0 ? 'ymd' : 'mdy',
      status: 'detected',
      reason:
        numeric === 0
          ? `every date says its own order, e.g. ${quote(example)}${tail}`
          : `every date reads the same day-first or month-first${tail}`,
    };
  }
}

/** Decides the format of a whole column at once (see DateColumnProfile). */
export function detectDateFormat(values: Iterable<string>, forced?: DateFormat): DateDetection {
  const profile = new DateColumnProfile();
  for (const v of values) profile.add(v);
  return profile.result(forced);
}
