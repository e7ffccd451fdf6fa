// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseShownDate, resolveShownDay, zonedToInstant } from './shown-date.ts';

describe('parseShownDate', () => {
  it.each([
    ['Wed, Dec 10, 2014 at 6:02 AM', '2014-12-10T06:02:00'],
    ['Mon, Nov 17, 2014 at 11:29 PM', '2014-11-17T23:29:00'],
    ['Thu, Dec 4, 2014 at 12:05 AM', '2014-12-04T00:05:00'],
    ['Fri, Jan 2, 2015 at 12:30 PM', '2015-01-02T12:30:00'],
    ['Aug 20, 2025, 1:19 PM', '2025-08-20T13:19:00'],
    ['20 Aug 2025, 13:19', '2025-08-20T13:19:00'],
    ['3 September 2024, 09:05', '2024-09-03T09:05:00'],
  ])('%s -> %s', (text, iso) => expect(parseShownDate(text)).toBe(iso));

  it.each([
    '26 дек. 2019 г., 22:53',
    '22:54',
    'Yesterday',
    '',
    '31 Foo 2020, 10:00',
    'Aug 20, 2025, 13:19 PM',
  ])('null for %j', (text) => expect(parseShownDate(text)).toBeNull());
});

describe('resolveShownDay', () => {
  // Tuesday 2026-12-08 10:30 in Shanghai (UTC+8); still Monday 2026-12-07 18:30 in Los Angeles (UTC-8).
  const NOW = new Date('2026-12-08T02:30:00.000Z');
  it.each([
    ['Today', '9:15 AM', 'Asia/Shanghai', '2026-12-08T09:15:00'],
    ['Today', '9:15 AM', 'America/Los_Angeles', '2026-12-07T09:15:00'],
    ['Yesterday', '11:59 PM', 'Asia/Shanghai', '2026-12-07T23:59:00'],
    ['Yesterday', '11:59 PM', 'America/Los_Angeles', '2026-12-06T23:59:00'],
    ['Monday', '4:24 PM', 'Asia/Shanghai', '2026-12-07T16:24:00'],
    // Monday in Los Angeles: "Monday" is last week's (today would read "Today").
    ['Monday', '4:24 PM', 'America/Los_Angeles', '2026-11-30T16:24:00'],
    ['Tuesday', '08:05', 'Asia/Shanghai', '2026-12-01T08:05:00'],
    ['Tuesday', '08:05', 'America/Los_Angeles', '2026-12-01T08:05:00'],
    ['sunday', '12:00 AM', 'Asia/Shanghai', '2026-12-06T00:00:00'],
    // Across a year end: Friday 2027-01-01 -> Wednesday 2026-12-30.
    ['Wednesday', '1:00 PM', 'UTC', '2026-12-30T13:00:00'],
  ])('%s %s in %s -> %s', (day, time, zone, wall) => {
    const now = day === 'Wednesday' ? new Date('2027-01-01T12:00:00.000Z') : NOW;
    expect(resolveShownDay(day, time, now, zone)).toBe(wall);
  });

  it.each([
    ['Tuesday', null],
    ['Nov 20, 2026', '4:24 PM'],
    ['Dienstag', '4:24 PM'],
    [null, '4:24 PM'],
    ['Today', '25:00'],
  ])('null for %j %j', (day, time) => expect(resolveShownDay(day, time, NOW, 'UTC')).toBeNull());
});

describe('zonedToInstant', () => {
  it.each([
    ['2026-12-07T16:24:00', 'Asia/Shanghai', '2026-12-07T08:24:00.000Z'],
    ['2026-11-30T16:24:00', 'America/Los_Angeles', '2026-12-01T00:24:00.000Z'],
    // Summer time in New York (UTC-4) and the first hour after the spring-forward gap (UTC-4 again).
    ['2026-07-01T09:00:00', 'America/New_York', '2026-07-01T13:00:00.000Z'],
    ['2026-03-08T03:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-01-15T12:00:00', 'UTC', '2026-01-15T12:00:00.000Z'],
  ])('%s in %s -> %s', (wall, zone, iso) => expect(zonedToInstant(wall, zone)).toBe(iso));

  it('is null for text that is not a wall-clock time', () => {
    expect(zonedToInstant('yesterday', 'UTC')).toBeNull();
  });
});
