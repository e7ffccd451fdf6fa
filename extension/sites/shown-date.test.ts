// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseShownDate } from './shown-date.ts';

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
