import { describe, expect, it } from 'vitest';
import { addDecimal, formatDecimal, parseDecimal, subtractDecimal, toCents } from './exact-decimal.ts';

describe('exact decimals', () => {
  it('parses and prints the shortest exact form', () => {
    expect(parseDecimal('957.5775')).toEqual({ units: 9575775n, scale: 4 });
    expect(formatDecimal(parseDecimal('-0.50'))).toBe('-0.5');
    expect(formatDecimal(parseDecimal('48.000'))).toBe('48');
    expect(formatDecimal(parseDecimal('-0.000'))).toBe('0');
    expect(formatDecimal(parseDecimal('0.0001'))).toBe('0.0001');
  });

  it('adds across scales without floating-point error', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats.
    expect(formatDecimal(addDecimal(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.3');
    expect(formatDecimal(subtractDecimal(parseDecimal('22.368'), parseDecimal('19.8516')))).toBe('2.5164');
  });

  it('rounds to cents half away from zero', () => {
    expect(toCents('957.5775')).toBe('957.58');
    expect(toCents('-383.031')).toBe('-383.03');
    expect(toCents('2.005')).toBe('2.01');
    expect(toCents('-0.005')).toBe('-0.01');
    expect(toCents('0.004')).toBe('0.00');
    expect(toCents('-0.004')).toBe('0.00');
    expect(toCents('48')).toBe('48.00');
  });

  it('rejects anything but plain decimal notation', () => {
    for (const bad of ['', '1e5', '1,000.00', '$5', '.5', 'NaN'])
      expect(() => parseDecimal(bad)).toThrow(/plain decimal/);
  });
});
