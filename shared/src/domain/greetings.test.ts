import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS, type Holiday } from '../settings.ts';
import { birthdayProblem, holidayDates, parseBirthday, upcomingGreetings } from './greetings.ts';

const springFestival = DEFAULT_HOLIDAYS.find((h) => h.id === 'spring-festival') as Holiday;
const midAutumn = DEFAULT_HOLIDAYS.find((h) => h.id === 'mid-autumn') as Holiday;

describe('lunar holidays match published calendars', () => {
  it.each([
    ['2026', '2026-02-17', '2026-09-25'],
    ['2027', '2027-02-06', '2027-09-15'], // Intl's chinese calendar says 2027-02-07
    ['2028', '2028-01-26', '2028-10-03'],
  ])('%s', (year, spring, autumn) => {
    expect(holidayDates(springFestival, `${year}-01-01`, `${year}-12-31`)).toEqual([spring]);
    expect(holidayDates(midAutumn, `${year}-01-01`, `${year}-12-31`)).toEqual([autumn]);
  });

  it('reads lunar day 30 as the last day of a short month, across the solar year', () => {
    const newYearsEve: Holiday = { kind: 'lunar', id: 'chuxi', name: "New Year's Eve", month: 12, day: 30 };
    // The 12th month of lunar year 2026 has 29 days; its last day is 2027-02-05, the eve of 2027-02-06.
    expect(holidayDates(newYearsEve, '2027-01-01', '2027-12-31')).toEqual(['2027-02-05']);
  });
});

describe('other holiday kinds', () => {
  it('finds nth and last weekdays', () => {
    const thanksgiving: Holiday = {
      kind: 'weekday',
      id: 'thanksgiving',
      name: 'Thanksgiving',
      month: 11,
      weekday: 4,
      nth: 4,
    };
    const memorial: Holiday = {
      kind: 'weekday',
      id: 'memorial',
      name: 'Memorial Day',
      month: 5,
      weekday: 1,
      nth: -1,
    };
    const fifthMonday: Holiday = {
      kind: 'weekday',
      id: 'fifth',
      name: 'Fifth Monday',
      month: 2,
      weekday: 1,
      nth: 5,
    };
    expect(holidayDates(thanksgiving, '2026-01-01', '2027-12-31')).toEqual(['2026-11-26', '2027-11-25']);
    expect(holidayDates(memorial, '2026-01-01', '2026-12-31')).toEqual(['2026-05-25']);
    expect(holidayDates(fifthMonday, '2026-01-01', '2026-12-31')).toEqual([]); // Feb 2026 has four Mondays
  });

  it('moves a Feb 29 holiday to Feb 28 and keeps one-off dates', () => {
    expect(
      holidayDates(
        { kind: 'fixed', id: 'leap', name: 'Leap', month: 2, day: 29 },
        '2027-01-01',
        '2028-12-31',
      ),
    ).toEqual(['2027-02-28', '2028-02-29']);
    expect(
      holidayDates(
        { kind: 'date', id: 'launch', name: 'Launch', date: '2027-05-04' },
        '2026-01-01',
        '2028-12-31',
      ),
    ).toEqual(['2027-05-04']);
  });

  it('rejects an invalid holiday', () => {
    expect(() =>
      holidayDates({ kind: 'fixed', id: 'x', name: 'X', month: 4, day: 31 }, '2026-01-01', '2026-12-31'),
    ).toThrow('day does not exist in that month');
  });
});

describe('birthdays', () => {
  it('parses both forms', () => {
    expect(parseBirthday('02-29')).toEqual({ year: null, month: 2, day: 29 });
    expect(parseBirthday('1992-02-29')).toEqual({ year: 1992, month: 2, day: 29 });
  });

  it.each([
    ['02-30', '02-30 is not a day of the year'],
    ['13-01', '13-01 is not a day of the year'],
    ['1990-02-29', '1990-02-29 does not exist (month 02 of 1990 has 28 days)'],
    ['2-3', "expected a birthday as 'MM-DD' or 'YYYY-MM-DD', got \"2-3\""],
    ['', "expected a birthday as 'MM-DD' or 'YYYY-MM-DD', got \"\""],
  ])('rejects %j', (input, message) => {
    expect(() => parseBirthday(input)).toThrow(`Invalid birthday: ${message}`);
    expect(birthdayProblem(input)).toBe(message);
  });
});

describe('upcomingGreetings', () => {
  const contacts = [
    { id: 'leap', birthday: '1992-02-29' },
    { id: 'noyear', birthday: '03-02' },
    { id: 'none', birthday: null },
    { id: 'later', birthday: '1980-06-01' },
  ];

  it('lists birthdays and holidays within the look-ahead, by date', () => {
    const greetings = upcomingGreetings({
      contacts,
      holidays: DEFAULT_HOLIDAYS,
      now: new Date('2027-02-01T12:00:00Z'),
      timeZone: 'UTC',
      days: 30,
    });
    expect(greetings).toEqual([
      {
        kind: 'holiday',
        holidayId: 'spring-festival',
        name: 'Spring Festival',
        date: '2027-02-06',
        daysAway: 5,
      },
      { kind: 'birthday', contactId: 'leap', date: '2027-02-28', daysAway: 27, turns: 35 },
      { kind: 'birthday', contactId: 'noyear', date: '2027-03-02', daysAway: 29, turns: null },
    ]);
  });

  it('keeps Feb 29 in leap years', () => {
    const greetings = upcomingGreetings({
      contacts,
      holidays: [],
      now: new Date('2028-02-20T12:00:00Z'),
      timeZone: 'UTC',
      days: 10,
    });
    expect(greetings).toEqual([
      { kind: 'birthday', contactId: 'leap', date: '2028-02-29', daysAway: 9, turns: 36 },
    ]);
  });

  it('crosses the year end', () => {
    const greetings = upcomingGreetings({
      contacts: [],
      holidays: DEFAULT_HOLIDAYS,
      now: new Date('2026-12-20T12:00:00Z'),
      timeZone: 'UTC',
      days: 14,
    });
    expect(greetings.map((g) => [g.date, g.daysAway])).toEqual([
      ['2026-12-25', 5],
      ['2027-01-01', 12],
    ]);
  });

  it('counts today in the user time zone', () => {
    // 20:00 UTC on Feb 27 is already Feb 28 in Shanghai, still Feb 27 in Los Angeles.
    const now = new Date('2026-02-27T20:00:00Z');
    const shanghai = upcomingGreetings({ contacts, holidays: [], now, timeZone: 'Asia/Shanghai', days: 0 });
    expect(shanghai).toEqual([
      { kind: 'birthday', contactId: 'leap', date: '2026-02-28', daysAway: 0, turns: 34 },
    ]);
    expect(
      upcomingGreetings({ contacts, holidays: [], now, timeZone: 'America/Los_Angeles', days: 0 }),
    ).toEqual([]);
    expect(
      upcomingGreetings({ contacts, holidays: [], now, timeZone: 'America/Los_Angeles', days: 1 })[0]
        ?.daysAway,
    ).toBe(1);
  });

  it('skips years before the birth year and rejects bad input', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(
      upcomingGreetings({
        contacts: [{ id: 'baby', birthday: '2026-01-05' }],
        holidays: [],
        now,
        timeZone: 'UTC',
        days: 30,
      }),
    ).toEqual([]);
    expect(() =>
      upcomingGreetings({
        contacts: [{ id: 'x', birthday: '02-30' }],
        holidays: [],
        now,
        timeZone: 'UTC',
        days: 30,
      }),
    ).toThrow('Invalid birthday');
    expect(() => upcomingGreetings({ contacts, holidays: [], now, timeZone: 'UTC', days: -1 })).toThrow(
      'Invalid look-ahead -1',
    );
    expect(() =>
      upcomingGreetings({ contacts, holidays: [], now, timeZone: 'UTC', days: Number.NaN }),
    ).toThrow('Invalid look-ahead NaN');
    expect(() => upcomingGreetings({ contacts, holidays: [], now, timeZone: 'Atlantis', days: 3 })).toThrow(
      'Invalid time zone',
    );
  });
});
