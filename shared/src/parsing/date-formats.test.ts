import { describe, expect, it } from 'vitest';
import {
  DateColumnProfile,
  dateFormatFromText,
  detectDateFormat,
  excelSerialToDate,
  parseDateAs,
} from './date-formats.ts';

describe('parseDateAs', () => {
  it.each([
    ['25/03/16', 'dmy', '2016-03-25'],
    ['25.03.2016', 'dmy', '2016-03-25'],
    ['5-3-16', 'dmy', '2016-03-05'],
    ['08-11-2016', 'dmy', '2016-11-08'],
    ['08-11-2016 10:00 +0100', 'dmy', '2016-11-08'],
    ['5-3-16', 'mdy', '2016-05-03'],
    ['11/8/2016', 'mdy', '2016-11-08'],
    ['03/05/31', 'dmy', '1931-05-03'],
    ['29/02/00', 'dmy', '2000-02-29'],
    ['2016-11-08', 'dmy', '2016-11-08'],
    ['2016/11/08', 'mdy', '2016-11-08'],
    ['2016-11-08T23:30:00+08:00', 'mdy', '2016-11-08'],
    ['2016-11-08 14:23:11 +0100', 'dmy', '2016-11-08'],
    ['2016-11-08T23:30:00.120Z', 'dmy', '2016-11-08'],
    ['11/8/2016 2:05 PM', 'mdy', '2016-11-08'],
    ['2024年3月5日', 'dmy', '2024-03-05'],
    ['2024年03月05号', 'mdy', '2024-03-05'],
    ['20240305', 'mdy', '2024-03-05'],
    ['5 Mar 2024', 'mdy', '2024-03-05'],
    ['05-Mar-24', 'mdy', '2024-03-05'],
    ['March 5, 2024', 'dmy', '2024-03-05'],
    ['Sept 30th 2024', 'dmy', '2024-09-30'],
    ['24.03.05', 'ymd', '2024-03-05'],
    ['42682', 'serial', '2016-11-08'],
    ['42682.75', 'serial', '2016-11-08'],
    ['1', 'serial', '1900-01-01'],
    ['61', 'serial', '1900-03-01'],
  ] as const)('%s as %s is %s', (text, format, date) => {
    expect(parseDateAs(text, format)).toEqual({ date });
  });

  it.each([
    ['25/03/16', 'mdy', /not a real day when read month first/],
    ['31.02.2016', 'dmy', /not a real day/],
    ['42682', 'dmy', /is a number, not a date/],
    ['05/03/2016', 'ymd', /does not fit/],
    ['yesterday', 'dmy', /is not a date/],
    ['32 Foo 2016', 'dmy', /is not a date/],
    ['60', 'serial', /not an Excel day number/],
  ] as const)('refuses %s as %s', (text, format, message) => {
    const read = parseDateAs(text, format);
    expect('error' in read && read.error).toMatch(message);
  });

  it('reads Excel serials around the 1900 leap-year bug as Excel shows them', () => {
    expect([59, 61, 43831, 45356].map(excelSerialToDate)).toEqual([
      '1900-02-28',
      '1900-03-01',
      '2020-01-01',
      '2024-03-05',
    ]);
  });

  it('names formats from the usual spellings', () => {
    expect(['dmy', 'DD/MM/YYYY', 'm/d/y', 'yyyy-mm-dd', 'excel', 'nope'].map(dateFormatFromText)).toEqual([
      'dmy',
      'dmy',
      'mdy',
      'ymd',
      'serial',
      null,
    ]);
  });
});

describe('detectDateFormat', () => {
  it('finds day-first from a value over 12 and says which one', () => {
    const d = detectDateFormat(['03/05/16', '04/06/16', '25/03/16', '']);
    expect(d).toMatchObject({ format: 'dmy', status: 'detected', values: 3, unreadable: 0 });
    expect(d.reason).toContain('1 of 3 numeric dates have a first number over 12, e.g. "25/03/16"');
    expect(d.reason).toContain('two-digit years');
  });

  it('finds month-first from a second number over 12', () => {
    const d = detectDateFormat(['11/8/2016', '1/15/2017', '2/2/2016']);
    expect(d).toMatchObject({ format: 'mdy', status: 'detected' });
    expect(d.reason).toContain('e.g. "1/15/2017"');
  });

  it('asks when every value fits both orders differently', () => {
    const d = detectDateFormat(['03/05/16', '04/06/16', '01/01/16']);
    expect(d.format).toBeNull();
    expect(d.status).toBe('ambiguous');
    expect(d.choices).toEqual([
      { format: 'dmy', example: '03/05/16', reads: '2016-05-03' },
      { format: 'mdy', example: '03/05/16', reads: '2016-03-05' },
    ]);
    // A given format settles it.
    expect(detectDateFormat(['03/05/16'], 'dmy')).toMatchObject({ format: 'dmy', status: 'detected' });
  });

  it('takes the majority when a few values contradict it, and says so', () => {
    const d = detectDateFormat(['25/03/16', '26/03/16', '3/31/16']);
    expect(d.format).toBe('dmy');
    expect(d.reason).toContain('1 values only fit the other order');
  });

  it('needs no choice for self-describing or symmetric values', () => {
    expect(detectDateFormat(['2016-11-08T10:00:00Z', '2024年3月5日'])).toMatchObject({
      format: 'ymd',
      status: 'detected',
    });
    expect(detectDateFormat(['1/1/2016', '2/2/2016']).status).toBe('detected');
    expect(detectDateFormat(['42682', '42683']).format).toBe('serial');
    expect(detectDateFormat(['', ' ']).status).toBe('empty');
    expect(detectDateFormat(['n/a', 'soon'])).toMatchObject({ status: 'unreadable', unreadable: 2 });
  });

  it('streams: a profile fed value by value decides like the whole column', () => {
    const p = new DateColumnProfile();
    for (const v of ['12/12/16', '13/12/16']) p.add(v);
    expect(p.result().format).toBe('dmy');
  });
});
