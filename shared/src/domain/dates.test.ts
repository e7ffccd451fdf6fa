import { describe, expect, it } from 'vitest';
import { dateWindowSchema, isoDate, timeZoneSchema } from '../schemas/dates.ts';
import {
  addDays,
  assertIsoDate,
  assertWindow,
  dateInputProblem,
  daysBetween,
  inWindow,
  localDate,
  localToday,
  monthsBetween,
  parseInstant,
  shiftMonth,
  todayIn,
} from './dates.ts';

describe('isoDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '1999-12-31', '1900-01-01', '2200-12-31'])(
    'accepts %s',
    (d) => {
      expect(isoDate.parse(d)).toBe(d);
    },
  );

  it.each(['0001-01-01', '1899-12-31', '2201-01-01', '9999-12-31'])(
    'refuses %s, outside the years 1900–2200, though the day exists',
    (d) => {
      expect(isoDate.safeParse(d).error?.issues[0]?.message).toBe(
        `${JSON.stringify(d)} is outside the years 1900–2200`,
      );
      expect(assertIsoDate(d)).toBe(d); // domain arithmetic is not bounded, only input
      expect(dateInputProblem(d)).toBe(`${JSON.stringify(d)} is outside the years 1900–2200`); // imports use it
    },
  );

  it.each([
    ['2026-02-30', '2026-02-30 does not exist (month 02 of 2026 has 28 days)'],
    ['2026-02-29', '2026-02-29 does not exist (month 02 of 2026 has 28 days)'],
    ['1900-02-29', '1900-02-29 does not exist (month 02 of 1900 has 28 days)'],
    ['2026-04-31', '2026-04-31 does not exist (month 04 of 2026 has 30 days)'],
    ['2026-13-01', '2026-13-01 has month 13, which does not exist'],
    ['2026-00-10', '2026-00-10 has month 00, which does not exist'],
    ['2026-01-00', '2026-01-00 does not exist (month 01 of 2026 has 31 days)'],
    ['0000-01-01', '0000-01-01 has year 0000, which does not exist'],
    ['2026-2-3', '"2026-2-3" is not a date in the form YYYY-MM-DD'],
    ['2026-02-03T00:00:00Z', '"2026-02-03T00:00:00Z" is not a date in the form YYYY-MM-DD'],
    ['', '"" is not a date in the form YYYY-MM-DD'],
  ])('rejects %s', (d, message) => {
    expect(isoDate.safeParse(d).error?.issues[0]?.message).toBe(message);
    expect(() => assertIsoDate(d, 'order date')).toThrow(`Invalid order date: ${message}`);
  });

  it('rejects non-strings', () => {
    expect(isoDate.safeParse(Number.NaN).error?.issues[0]?.message).toBe(
      "expected a date string 'YYYY-MM-DD'",
    );
    expect(() => assertIsoDate(Number.NaN)).toThrow("expected a date string 'YYYY-MM-DD', got number");
  });
});

describe('day arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -365)).toBe('2025-03-01');
    expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
    expect(() => addDays('2026-01-01', 0.5)).toThrow('days must be a whole number');
  });

  it('counts days between', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('shifts months', () => {
    expect(shiftMonth('2026-03', -11)).toBe('2025-04');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });
});

describe('time zones', () => {
  const instant = '2026-03-09T20:00:00Z';
  it('gives the local day in each zone', () => {
    expect(localDate(instant, 'UTC')).toBe('2026-03-09');
    expect(localDate(instant, 'Asia/Shanghai')).toBe('2026-03-10');
    expect(localDate('2026-03-10T05:00:00Z', 'America/Los_Angeles')).toBe('2026-03-09');
    expect(localDate('2026-03-10T05:00:00Z', 'UTC')).toBe('2026-03-10');
    expect(localDate('2026-03-10T05:00:00+08:00', 'UTC')).toBe('2026-03-09');
    expect(todayIn('Asia/Shanghai', new Date(instant))).toBe('2026-03-10');
  });

  it('rejects unknown zones and unzoned or invalid instants', () => {
    expect(() => localDate(instant, 'Mars/Olympus')).toThrow('Invalid time zone "Mars/Olympus"');
    expect(timeZoneSchema.safeParse('Mars/Olympus').error?.issues[0]?.message).toBe(
      '"Mars/Olympus" is not a known IANA time zone',
    );
    expect(timeZoneSchema.parse('America/Los_Angeles')).toBe('America/Los_Angeles');
    expect(() => parseInstant('2026-03-09T20:00:00')).toThrow('is not an ISO-8601 time with a zone');
    expect(() => parseInstant('2026-02-30T20:00:00Z')).toThrow('is not an ISO-8601 time with a zone');
    expect(() => parseInstant(new Date(Number.NaN))).toThrow('Invalid time');
  });
});

describe('windows', () => {
  it('are half-open', () => {
    const w = { from: '2026-01-01', to: '2026-02-01' };
    expect(inWindow('2025-12-31', w)).toBe(false);
    expect(inWindow('2026-01-01', w)).toBe(true);
    expect(inWindow('2026-01-31', w)).toBe(true);
    expect(inWindow('2026-02-01', w)).toBe(false);
    expect(inWindow('1900-01-01', { from: null, to: null })).toBe(true);
    expect(inWindow('1900-01-01', undefined)).toBe(true);
  });

  it('reject empty or inverted windows', () => {
    expect(() => assertWindow({ from: '2026-02-01', to: '2026-02-01' })).toThrow(
      'start 2026-02-01 must be before end 2026-02-01',
    );
    expect(() => assertWindow({ from: '2026-02-30', to: null })).toThrow(
      'Invalid window start: 2026-02-30 does not exist',
    );
    expect(
      dateWindowSchema.safeParse({ from: '2026-03-01', to: '2026-02-01' }).error?.issues[0]?.message,
    ).toBe('window start must be before its end (the end is exclusive)');
  });
});

describe('monthsBetween and localToday', () => {
  it('lists months across a year end, both ends included', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(monthsBetween('2000-01', '2099-12', 5)).toHaveLength(5);
  });
  it('formats the runtime-local day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
