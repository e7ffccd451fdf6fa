// @vitest-environment happy-dom
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { ReadContext } from '../../db/queries/context.ts';
import { createT } from '../../i18n/index.ts';
import { UiContext } from '../context.ts';
import { MoneySummary } from './CustomerSection.tsx';

const base: CustomerMetrics = {
  customerId: '0190f2a4-6c1e-7a3b-9c4d-000000000009',
  revenue: '1200.00',
  profit: '79.50',
  orders: 2,
  margin: '0.0663',
  tier: 'B',
  lastOrderAt: '2017-02-03',
  window: { from: null, to: null, asOf: '2017-02-14', historical: true },
};

/** The side panel's month bars: each column's tooltip, label and whether its bar is negative. */
function bars(metrics: CustomerMetrics): { title: string; label: string; negative: boolean }[] {
  const el = document.createElement('div');
  const ui = {
    t: createT('en'),
    lang: 'en' as const,
    ctx: { team: { tierWindow: { kind: 'all' } } } as unknown as ReadContext,
    now: 0,
    navigate() {},
  };
  render(h(UiContext.Provider, { value: ui }, h(MoneySummary, { metrics, currency: 'USD' })), el);
  return [...el.querySelectorAll('.bar-col')].map((c) => ({
    title: c.getAttribute('title') ?? '',
    label: c.querySelector('.bar-label')?.textContent ?? '',
    negative: c.querySelector('.bar')?.classList.contains('negative') ?? false,
  }));
}

describe('customer money summary: profit by month', () => {
  it('draws the 12 compact monthly profits, months counted back from the as-of month', () => {
    const monthProfits = [...Array(10).fill('0.00'), '100.00', '-20.50'];
    const out = bars({ ...base, monthProfits });
    expect(out).toHaveLength(12);
    expect(out[0]?.label).toBe('Mar');
    expect(out.slice(-2)).toEqual([
      { title: 'Jan: $100.00', label: 'Jan', negative: false },
      { title: 'Feb: -$20.50', label: 'Feb', negative: true },
    ]);
  });

  it('draws a row stored before the compact form (month objects) the same way', () => {
    const keys = [
      '2016-03',
      '2016-04',
      '2016-05',
      '2016-06',
      '2016-07',
      '2016-08',
      '2016-09',
      '2016-10',
      '2016-11',
      '2016-12',
      '2017-01',
      '2017-02',
    ];
    const profits = [...Array(10).fill('0.00'), '100.00', '-20.50'];
    const months = keys.map((month, i) => ({ month, revenue: '0.00', profit: profits[i] as string }));
    expect(bars({ ...base, months })).toEqual(bars({ ...base, monthProfits: profits }));
  });

  it('draws no bars when every month is zero', () => {
    expect(bars({ ...base, monthProfits: Array(12).fill('0.00') })).toEqual([]);
  });
});
