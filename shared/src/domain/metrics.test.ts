import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money.ts';
import { computeTeamMetrics } from './metrics.ts';
import type { OrderLine } from './profit.ts';

function line(
  customerId: string,
  orderId: string,
  orderedAt: string,
  revenue: string,
  profit: string,
): OrderLine {
  return {
    customerId,
    orderId,
    lineKey: `${orderId}-${revenue}`,
    orderedAt,
    productId: 'p',
    revenue: parseMoney(revenue),
    profit: parseMoney(profit),
    quantity: 1,
  };
}

describe('computeTeamMetrics', () => {
  // A historical import: the newest line is 2017-12-30, so the trailing year ends there.
  const lines = [
    line('SM-20320', 'o1', '2017-03-01', '25043.05', '-1980.7393'), // most revenue, a loss
    line('TC-20980', 'o2', '2017-06-01', '19052.218', '8981.3239'),
    line('RB-19360', 'o3', '2017-12-30', '15117.339', '6976.0959'),
    line('RB-19360', 'o4', '2017-11-02', '100', '0.0001'),
    line('AB-10000', 'o5', '2016-05-01', '500', '50'), // before the window
  ];

  const metrics = computeTeamMetrics({
    customerIds: ['SM-20320', 'TC-20980', 'RB-19360', 'AB-10000', 'NEW-1'],
    lines,
    tierWindow: { kind: 'trailing', days: 365 },
    thresholds: { a: 70, b: 90 },
    today: '2026-11-23',
  });

  it('resolves the window from the newest line', () => {
    expect(metrics.window).toMatchObject({
      from: '2016-12-31',
      to: '2017-12-31',
      asOf: '2017-12-30',
      historical: true,
    });
  });

  it('ranks by window profit, not revenue', () => {
    const tiers = Object.fromEntries([...metrics.customers].map(([id, m]) => [id, m.tier]));
    // P = 8981.3239 + 6976.0960 = 15957.4199; TC first (A); RB reaches 100% -> C.
    expect(tiers).toEqual({
      'SM-20320': 'D',
      'TC-20980': 'A',
      'RB-19360': 'C',
      'AB-10000': 'none',
      'NEW-1': 'none',
    });
  });

  it('carries window money, last order and the last 12 months', () => {
    const rb = metrics.customers.get('RB-19360');
    expect(rb).toMatchObject({
      revenue: parseMoney('15217.339'),
      profit: parseMoney('6976.096'),
      orders: 2,
      lastOrderAt: '2017-12-30',
    });
    expect(rb?.last12Months.map((m) => m.period)[11]).toBe('2017-12');
    expect(rb?.last12Months[10]?.revenue).toBe(parseMoney('100'));
    const ab = metrics.customers.get('AB-10000');
    expect(ab).toMatchObject({ revenue: 0n, orders: 0, margin: null, lastOrderAt: null });
    expect(ab?.last12Months.every((m) => m.lines === 0)).toBe(true);
    expect(metrics.customers.get('NEW-1')).toMatchObject({ tier: 'none', lastOrderAt: null });
  });
});
