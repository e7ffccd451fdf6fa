import { describe, expect, it } from 'vitest';
import { monthProfitsOf, twelveMonthKeys } from './month-profits.ts';

describe('monthProfitsOf', () => {
  it('keys the compact profits by the 12 months ending with the as-of month, across a year end', () => {
    const profits = [
      '1.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '-2.50',
      '3.00',
    ];
    const out = monthProfitsOf({ monthProfits: profits, window: { asOf: '2017-02-14' } });
    expect(out).toHaveLength(12);
    expect(out[0]).toEqual({ month: '2016-03', profit: '1.00' });
    expect(out.slice(-2)).toEqual([
      { month: '2017-01', profit: '-2.50' },
      { month: '2017-02', profit: '3.00' },
    ]);
    expect(twelveMonthKeys('2017-02-14')).toEqual(out.map((m) => m.month));
  });

  it('reads a row stored before the compact form (legacy month objects) as it is', () => {
    const months = [
      { month: '2016-12', revenue: '10.00', profit: '1.00' },
      { month: '2017-01', revenue: '20.00', profit: '-1.00' },
    ];
    expect(monthProfitsOf({ months, window: { asOf: '2017-01-31' } })).toEqual([
      { month: '2016-12', profit: '1.00' },
      { month: '2017-01', profit: '-1.00' },
    ]);
    expect(monthProfitsOf({ window: { asOf: '2017-01-31' } })).toEqual([]);
  });
});
