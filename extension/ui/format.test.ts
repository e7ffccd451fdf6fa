import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, formatPercent, formatRelative } from './format.ts';

describe('formatMoney', () => {
  it('formats the exact decimal string, not a float', () => {
    expect(formatMoney('2297200.8603', 'USD', 'en')).toBe('$2,297,200.86');
    expect(formatMoney('-3840.4200', 'USD', 'en')).toBe('-$3,840.42');
    // As a float this amount is 90071992547409 exactly and would show .00.
    expect(formatMoney('90071992547409.0050', 'USD', 'en')).toBe('$90,071,992,547,409.01');
    expect(formatMoney('2297200.8603', 'USD', 'en', true)).toBe('$2.3M');
    expect(formatMoney('2297200.8603', 'CNY', 'zh-CN', true)).toBe('¥229.7万');
  });

  it('formats ratios, days and relative times per language', () => {
    expect(formatPercent('0.3512', 'en')).toBe('35.1%');
    expect(formatDay('2026-03-20', 'en')).toBe('Mar 20, 2026');
    expect(formatDay('2026-03-20', 'zh-CN')).toBe('2026年3月20日');
    expect(formatRelative('2026-03-20T09:57:00.000Z', Date.parse('2026-03-20T10:00:00.000Z'), 'en')).toBe(
      '3 minutes ago',
    );
  });
});
