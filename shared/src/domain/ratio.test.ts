import { describe, expect, it } from 'vitest';
import { compareDecimals, compareFractions, decimalSign, ratio, toFraction } from './ratio.ts';

describe('ratio', () => {
  it('divides bigints for display', () => {
    expect(ratio(1n, 4n)).toBe(0.25);
    expect(ratio(-1n, 3n)).toBe(-0.333333333333);
    expect(ratio(1n, -3n)).toBe(-0.333333333333);
    expect(ratio(2n, 3n)).toBe(0.666666666667); // half away from zero at the 12th decimal
    expect(ratio(5n, 0n)).toBeNull();
  });
});

describe('toFraction', () => {
  it.each([
    [0.57, 57n, 100n],
    ['0.3999', 3999n, 10000n],
    [-2.5, -25n, 10n],
    [1e-7, 1n, 10000000n],
    [2e21, 2000000000000000000000n, 1n],
    ['12', 12n, 1n],
  ])('%s', (input, num, den) => {
    expect(toFraction(input)).toEqual({ num, den });
  });

  it('rejects non-numbers', () => {
    expect(() => toFraction(Number.NaN)).toThrow('expected a finite number, got NaN');
    expect(() => toFraction(Number.POSITIVE_INFINITY)).toThrow('expected a finite number');
    expect(() => toFraction('abc')).toThrow('expected a decimal number, got "abc"');
  });

  it('compares exactly', () => {
    expect(compareFractions(toFraction(0.57), { num: 57n, den: 100n })).toBe(0);
    expect(compareFractions({ num: 1n, den: 3n }, { num: 333n, den: 1000n })).toBe(1);
    expect(compareFractions({ num: -1n, den: 2n }, { num: 0n, den: 1n })).toBe(-1);
  });
});

describe('decimalSign and compareDecimals', () => {
  it('reads margins with more than 4 decimals exactly (the dashboard copy threw on them)', () => {
    expect(decimalSign('-0.123456')).toBe(-1);
    expect(decimalSign('0.000001')).toBe(1);
    expect(decimalSign('-0.0000')).toBe(0);
    expect(decimalSign('1980.739')).toBe(1);
  });
  it('compares without floats: 0.1 + 0.2 style values and long digits', () => {
    expect(compareDecimals('12345678901234.5678', '12345678901234.5677')).toBe(1);
    expect(compareDecimals('-2', '-10')).toBe(1);
    expect(compareDecimals('3.10', '3.1')).toBe(0);
    expect(['10', '-1', '2.5'].sort(compareDecimals)).toEqual(['-1', '2.5', '10']);
  });
});
