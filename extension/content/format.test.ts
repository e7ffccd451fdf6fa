// @vitest-environment happy-dom

import { addDays } from '@rapport/shared/domain/dates';
import { decimalSign } from '@rapport/shared/domain/ratio';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../ui/format.ts';
import { luminance, themeOf } from './theme.ts';

describe('page formatting', () => {
  it('badges show compact money without a stray decimal', () => {
    expect(formatMoney('950', 'USD', 'en', true)).toBe('$950');
    expect(formatMoney('-2297200.8603', 'USD', 'en', true)).toBe('-$2.3M');
    expect(formatMoney('48211.25', 'USD', 'en', true)).toBe('$48.2K');
  });

  it('finds losses and the last day of a window with the shared rules', () => {
    expect(decimalSign('-0.01')).toBe(-1);
    expect(decimalSign('12.50')).toBe(1);
    // The page copy called any leading "-" a loss; a zero written "-0.00" is no loss.
    expect(decimalSign('-0.00')).toBe(0);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('themeOf', () => {
  it('reads light text as a dark page and dark text as a light one', () => {
    document.body.innerHTML =
      '<div style="background:#202124"><span id="d" style="color:rgb(232, 234, 237)">Ana</span></div><span id="l" style="color:#202124">Bo</span>';
    expect(themeOf(document.getElementById('d') as Element)).toBe('dark');
    expect(themeOf(document.getElementById('l') as Element)).toBe('light');
  });

  it('falls back to the nearest opaque background', () => {
    document.body.innerHTML =
      '<div style="background-color:rgb(32, 33, 36)"><p><span id="s">Ana</span></p></div>';
    expect(themeOf(document.getElementById('s') as Element)).toBe('dark');
    document.body.innerHTML = '<div style="background-color:#fafafa"><span id="s">Ana</span></div>';
    expect(themeOf(document.getElementById('s') as Element)).toBe('light');
  });

  it('computes WCAG luminance', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 5);
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([32, 33, 36])).toBeCloseTo(0.0152, 3);
  });
});
