import { Lunar, LunarMonth } from 'lunar-typescript';
import { checkHoliday, type Holiday } from '../settings.ts';
import { parseBirthday, solarDay } from './birthday.ts';
import {
  addDays,
  assertIsoDate,
  daysBetween,
  daysInMonth,
  type IsoDate,
  todayIn,
  weekdayOf,
} from './dates.ts';

export { type Birthday, birthdayProblem, nextBirthday, parseBirthday } from './birthday.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (year: number, month: number, day: number): IsoDate =>
  `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

function lunarDay(lunarYear: number, month: number, day: number): IsoDate {
  const lunarMonth = LunarMonth.fromYm(lunarYear, month);
  if (!lunarMonth) throw new RangeError(`No lunar month ${month} in lunar year ${lunarYear}`);
  // Day 30 means the month's last day: New Year's Eve (12/30) is 12/29 in short years.
  return Lunar.fromYmd(lunarYear, month, Math.min(day, lunarMonth.getDayCount())).getSolar().toYmd();
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): IsoDate | null {
  if (nth === -1) {
    const last = daysInMonth(year, month);
    return isoOf(year, month, last - ((weekdayOf(isoOf(year, month, last)) - weekday + 7) % 7));
  }
  const day = 1 + ((weekday - weekdayOf(isoOf(year, month, 1)) + 7) % 7) + 7 * (nth - 1);
  return day <= daysInMonth(year, month) ? isoOf(year, month, day) : null;
}

/** Every date of `holiday` in [from, to] (inclusive), ascending. */
export function holidayDates(holiday: Holiday, from: IsoDate, to: IsoDate): IsoDate[] {
  const h = checkHoliday(holiday);
  assertIsoDate(from, 'start date');
  assertIsoDate(to, 'end date');
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const dates: IsoDate[] = [];
  // A lunar year's late months reach into January of the next solar year, so start one year early.
  for (let year = first - 1; year <= last; year += 1) {
    switch (h.kind) {
      case 'fixed':
        dates.push(solarDay(year, h.month, h.day));
        break;
      case 'lunar':
        dates.push(lunarDay(year, h.month, h.day));
        break;
      case 'weekday': {
        const date = nthWeekday(year, h.month, h.weekday, h.nth);
        if (date) dates.push(date);
        break;
      }
      case 'date':
        if (year === first) dates.push(h.date);
        break;
    }
  }
  return dates.filter((d) => d >= from && d <= to).sort();
}

export type Greeting =
  | {
      kind: 'birthday';
      contactId: string;
      date: IsoDate;
      daysAway: number /** Age reached, when the birth year is known. */;
      turns: number | null;
    }
  | { kind: 'holiday'; holidayId: string; name: string; date: IsoDate; daysAway: number };

export interface GreetingsInput {
  contacts: Iterable<{ id: string; birthday: string | null }>;
  holidays: readonly Holiday[];
  /** Today counts from `now` in the user's time zone. */
  now: Date;
  timeZone: string;
  /** Look-ahead: greetings from today through today + days (0 = today only). */
  days: number;
}

/** Birthdays and holidays from today through today + days, by date (then birthdays before holidays, then id). */
export function upcomingGreetings({ contacts, holidays, now, timeZone, days }: GreetingsInput): Greeting[] {
  if (!Number.isInteger(days) || days < 0 || days > 3660)
    throw new RangeError(`Invalid look-ahead ${days}: expected whole days from 0 to 3660`);
  const today = todayIn(timeZone, now);
  const end = addDays(today, days);
  const greetings: Greeting[] = [];
  for (const holiday of holidays) {
    for (const date of holidayDates(holiday, today, end)) {
      greetings.push({
        kind: 'holiday',
        holidayId: holiday.id,
        name: holiday.name,
        date,
        daysAway: daysBetween(today, date),
      });
    }
  }
  for (const contact of contacts) {
    if (contact.birthday === null) continue;
    const birthday = parseBirthday(contact.birthday);
    for (let year = Number(today.slice(0, 4)); year <= Number(end.slice(0, 4)); year += 1) {
      if (birthday.year !== null && year <= birthday.year) continue;
      const date = solarDay(year, birthday.month, birthday.day);
      if (date < today || date > end) continue;
      const turns = birthday.year === null ? null : year - birthday.year;
      greetings.push({
        kind: 'birthday',
        contactId: contact.id,
        date,
        daysAway: daysBetween(today, date),
        turns,
      });
    }
  }
  const idOf = (g: Greeting) => (g.kind === 'birthday' ? g.contactId : g.holidayId);
  return greetings.sort((a, b) =>
    a.date !== b.date
      ? a.date < b.date
        ? -1
        : 1
      : a.kind !== b.kind
        ? a.kind < b.kind
          ? -1
          : 1
        : idOf(a) < idOf(b)
          ? -1
          : idOf(a) > idOf(b)
            ? 1
            : 0,
  );
}
