/** A calendar day 'YYYY-MM-DD' (no time, no zone). Fixed width, so string order is date order. */
export type IsoDate = string;
/** A calendar month 'YYYY-MM'. */
export type MonthKey = string;

/** A half-open window of days [from, to); null means unbounded on that side. */
export interface DateWindow {
  from: IsoDate | null;
  to: IsoDate | null;
}

export interface BoundedWindow {
  from: IsoDate;
  to: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `input` is not an existing calendar day 'YYYY-MM-DD', or null when it is one. */
export function isoDateProblem(input: unknown): string | null {
  if (typeof input !== 'string') return `expected a date string 'YYYY-MM-DD', got ${typeof input}`;
  const match = ISO_DATE.exec(input);
  if (!match) return `${JSON.stringify(input)} is not a date in the form YYYY-MM-DD`;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1) return `${input} has year 0000, which does not exist`;
  if (month < 1 || month > 12) return `${input} has month ${match[2]}, which does not exist`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last)
    return `${input} does not exist (month ${match[2]} of ${match[1]} has ${last} days)`;
  return null;
}

/**
 * Years a date or time the API accepts may fall in. Far wider than any real order, birthday or
 * follow-up, yet narrow enough that date arithmetic (a previous window of equal length, a year's
 * extended ISO form past 9999) never leaves the four-digit years every stored string relies on.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Why a year is outside MIN_YEAR..MAX_YEAR, or null. */
export function yearRangeProblem(year: number, input: string): string | null {
  return year < MIN_YEAR || year > MAX_YEAR
    ? `${JSON.stringify(input)} is outside the years ${MIN_YEAR}–${MAX_YEAR}`
    : null;
}

/** Why `input` is not a day the API or an import accepts (an existing 'YYYY-MM-DD' in MIN_YEAR..MAX_YEAR). */
export function dateInputProblem(input: unknown): string | null {
  return isoDateProblem(input) ?? yearRangeProblem(Number((input as string).slice(0, 4)), input as string);
}

/** The longest report window in days (100 years): a window and the previous one of equal length stay in range. */
export const MAX_WINDOW_DAYS = 36_525;

/** Why [from, to) is not a usable report window, or null. */
export function windowProblem(from: IsoDate, to: IsoDate): string | null {
  if (from >= to) return `from (${from}) must be before to (${to}); to is the first day not included`;
  if (daysBetween(from, to) > MAX_WINDOW_DAYS)
    return `the window from ${from} to ${to} is longer than ${MAX_WINDOW_DAYS} days (100 years)`;
  return null;
}

/** Throws a RangeError naming `what` when `input` is not an existing 'YYYY-MM-DD'. */
export function assertIsoDate(input: unknown, what = 'date'): IsoDate {
  const problem = isoDateProblem(input);
  if (problem) throw new RangeError(`Invalid ${what}: ${problem}`);
  return input as IsoDate;
}

function toEpochDay(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years < 100 literal, unlike Date.UTC
  return Math.round(t.getTime() / DAY_MS);
}

function fromEpochDay(day: number): IsoDate {
  const t = new Date(day * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function monthKey(date: IsoDate): MonthKey {
  return date.slice(0, 7);
}

export function yearKey(date: IsoDate): string {
  return date.slice(0, 4);
}

/** The month `months` after `month` (negative goes back): shiftMonth('2026-03', -11) = '2025-04'. */
export function shiftMonth(month: MonthKey, months: number): MonthKey {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone))
    throw new RangeError(
      `Invalid time zone ${JSON.stringify(timeZone)}: expected an IANA name such as 'Asia/Shanghai'`,
    );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 instant that names its offset ('…Z' or '…+08:00'); throws otherwise. */
export function parseInstant(input: string | Date, what = 'time'): Date {
  const date =
    typeof input === 'string' && INSTANT.test(input) && !isoDateProblem(input.slice(0, 10))
      ? new Date(input) // Date alone would roll 02-30 over into March
      : input instanceof Date
        ? input
        : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new RangeError(
      `Invalid ${what}: ${JSON.stringify(String(input))} is not an ISO-8601 time with a zone, such as '2026-03-09T20:00:00Z'`,
    );
  }
  return date;
}

/** The calendar day an instant falls on in `timeZone`. */
export function localDate(instant: string | Date, timeZone: string): IsoDate {
  assertTimeZone(timeZone);
  const parts = dayFormat(timeZone).formatToParts(parseInstant(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Intl's zone rules (no date library): the Gregorian year, month and day in `timeZone`. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, f);
  }
  return f;
}

/** Today in `timeZone` at `now`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return localDate(now, timeZone);
}

export function assertWindow(window: DateWindow): void {
  if (window.from !== null) assertIsoDate(window.from, 'window start');
  if (window.to !== null) assertIsoDate(window.to, 'window end');
  if (window.from !== null && window.to !== null && window.from >= window.to) {
    throw new RangeError(
      `Invalid window: start ${window.from} must be before end ${window.to} (the end is exclusive)`,
    );
  }
}

/** Whether `date` lies in the half-open window [from, to). */
export function inWindow(date: IsoDate, window: DateWindow | undefined): boolean {
  if (!window) return true;
  return (window.from === null || date >= window.from) && (window.to === null || date < window.to);
}

/** Every month from `first` to `last` ('YYYY-MM'), both included; at most `limit` of them. */
export function monthsBetween(first: MonthKey, last: MonthKey, limit = 1200): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = first; m <= last && out.length < limit; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** The calendar day `now` falls on in the runtime's own time zone (a browser's "today"). */
export function localToday(now: Date = new Date()): IsoDate {
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
