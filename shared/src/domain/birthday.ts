// Birthdays as contacts keep them ('MM-DD' or 'YYYY-MM-DD'): parsing and the next occurrence. Kept apart
// from greetings.ts (which needs the lunar calendar) so the in-page card can say "Birthday in 3 days"
// without bundling lunar-typescript.
import { daysBetween, daysInMonth, type IsoDate, isoDateProblem } from './dates.ts';

const pad = (n: number) => String(n).padStart(2, '0');

export interface Birthday {
  /** Null when only the month and day are known. */
  year: number | null;
  month: number;
  day: number;
}

/** Why `input` is not a birthday ('MM-DD' or an existing 'YYYY-MM-DD'), or null. '02-29' is allowed. */
export function birthdayProblem(input: unknown): string | null {
  if (typeof input === 'string' && /^\d{2}-\d{2}$/.test(input)) {
    const problem = isoDateProblem(`2000-${input}`); // a leap year, so 02-29 exists
    return problem ? `${input} is not a day of the year` : null;
  }
  if (typeof input === 'string' && /^\d{4}-/.test(input)) return isoDateProblem(input);
  return `expected a birthday as 'MM-DD' or 'YYYY-MM-DD', got ${typeof input === 'string' ? JSON.stringify(input) : typeof input}`;
}

export function parseBirthday(input: string): Birthday {
  const problem = birthdayProblem(input);
  if (problem) throw new RangeError(`Invalid birthday: ${problem}`);
  const parts = input.split('-').map(Number);
  return parts.length === 3
    ? { year: parts[0] as number, month: parts[1] as number, day: parts[2] as number }
    : { year: null, month: parts[0] as number, day: parts[1] as number };
}

/** The day a solar month/day falls on in `year`; Feb 29 falls on Feb 28 in other years. */
export function solarDay(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
}

export interface NextBirthday {
  date: IsoDate;
  /** 0 = today. */
  daysAway: number;
  /** Age reached that day, when the birth year is known. */
  turns: number | null;
}

/**
 * The birthday's next occurrence on or after `today` (a Feb 29 birthday falls on Feb 28 in other
 * years), or null when the birthday is not valid or lies in the future (a year after today's).
 */
export function nextBirthday(birthday: string, today: IsoDate): NextBirthday | null {
  if (birthdayProblem(birthday) !== null) return null;
  const b = parseBirthday(birthday);
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear; year <= thisYear + 1; year += 1) {
    if (b.year !== null && year <= b.year) continue;
    const date = solarDay(year, b.month, b.day);
    if (date < today) continue;
    return { date, daysAway: daysBetween(today, date), turns: b.year === null ? null : year - b.year };
  }
  return null;
}
