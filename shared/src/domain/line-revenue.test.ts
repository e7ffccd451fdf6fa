import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money.ts';
import { decimalFraction, lineRevenue } from './line-revenue.ts';

const q = (text: string) => decimalFraction(text) as { num: bigint; den: bigint };

describe('lineRevenue', () => {
  it('takes a percent discount off price × quantity exactly', () => {
    // 12.50 × 3 = 37.50; 15 % of it is 5.625; 37.50 − 5.625 = 31.875
    expect(lineRevenue(parseMoney('12.50'), q('3'), { rate: q('0.15') })).toBe(parseMoney('31.875'));
    // 19.99 × 7 = 139.93; × 0.925 = 129.43525 -> 129.4353 (half away from zero at 1/10,000)
    expect(lineRevenue(parseMoney('19.99'), q('7'), { rate: q('0.075') })).toBe(parseMoney('129.4353'));
    // 0.3333 × 3 × (1 − 1/3 as 33.33 %) = 0.9999 × 0.6667 = 0.66663333 -> 0.6666
    expect(lineRevenue(parseMoney('0.3333'), q('3'), { rate: q('0.3333') })).toBe(parseMoney('0.6666'));
  });

  it('takes an amount off, keeps no discount and fractional quantities exact', () => {
    expect(lineRevenue(parseMoney('12.50'), q('3'), { amount: parseMoney('2.50') })).toBe(parseMoney('35'));
    expect(lineRevenue(parseMoney('4.10'), q('2.5'), null)).toBe(parseMoney('10.25'));
    expect(lineRevenue(parseMoney('-12.50'), q('2'), { rate: q('0.1') })).toBe(parseMoney('-22.5'));
  });

  it('refuses a rate outside 0–100 %', () => {
    expect(() => lineRevenue(parseMoney('1'), q('1'), { rate: q('1.5') })).toThrow(RangeError);
    expect(() => lineRevenue(parseMoney('1'), q('1'), { rate: q('-0.1') })).toThrow(RangeError);
  });

  it('reads plain decimals as fractions', () => {
    expect(decimalFraction('0.15')).toEqual({ num: 15n, den: 100n });
    expect(decimalFraction('-2.5')).toEqual({ num: -25n, den: 10n });
    expect(decimalFraction('1e3')).toBeNull();
  });
});
