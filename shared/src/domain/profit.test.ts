import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money.ts';
import { orderLineInput } from '../schemas/profit.ts';
import {
  byCustomer,
  byMonth,
  byYear,
  comparePeriods,
  last12Months,
  type OrderLine,
  summarize,
} from './profit.ts';

function line(
  customerId: string,
  orderId: string,
  orderedAt: string,
  revenue: string,
  profit: string,
  lineKey = `${orderId}-${orderedAt}-${revenue}`,
): OrderLine {
  return {
    customerId,
    orderId,
    lineKey,
    orderedAt,
    productId: 'p1',
    revenue: parseMoney(revenue),
    profit: parseMoney(profit),
    quantity: 1,
  };
}

const lines: OrderLine[] = [
  line('c1', 'o1', '2026-01-15', '957.5775', '100'),
  line('c1', 'o1', '2026-01-15', '22.368', '-5.5'),
  line('c1', 'o2', '2026-02-03', '261.96', '41.9136'),
  line('c2', 'o3', '2025-12-31', '100', '-30'),
  line('c1', 'o4', '2026-03-01', '10', '1'),
];

describe('summarize', () => {
  it('sums all lines exactly and counts distinct orders', () => {
    const s = summarize(lines);
    expect(s.revenue).toBe(13519055n); // 1351.9055
    expect(s.profit).toBe(1074136n); // 107.4136
    expect(s.orders).toBe(4);
    expect(s.lines).toBe(5);
    expect(s.lastOrderAt).toBe('2026-03-01');
    expect(s.margin).toBeCloseTo(0.07945348251042694, 12);
  });

  it('keeps the window half-open: from included, to excluded', () => {
    const s = summarize(lines, { from: '2026-01-15', to: '2026-03-01' });
    expect(s.revenue).toBe(12419055n); // 957.5775 + 22.368 + 261.96
    expect(s.profit).toBe(1364136n);
    expect(s.orders).toBe(2);
    expect(s.lastOrderAt).toBe('2026-02-03');
    expect(s.margin).toBeCloseTo(0.10984217398183678, 12);
  });

  it('counts the same product twice in one order (never dedupes on order + product)', () => {
    const twin = [
      line('c1', 'o9', '2026-01-01', '5', '1', 'r1'),
      line('c1', 'o9', '2026-01-01', '5', '1', 'r2'),
    ];
    expect(summarize(twin)).toMatchObject({ revenue: 100000n, profit: 20000n, orders: 1, lines: 2 });
  });

  it('gives zeros and no margin for an empty window', () => {
    expect(summarize(lines, { from: '2030-01-01', to: null })).toEqual({
      revenue: 0n,
      profit: 0n,
      orders: 0,
      lines: 0,
      margin: null,
      lastOrderAt: null,
    });
  });

  it('rejects an inverted window or an impossible date', () => {
    expect(() => summarize(lines, { from: '2026-03-01', to: '2026-01-01' })).toThrow(
      'start 2026-03-01 must be before end 2026-01-01',
    );
    expect(() => summarize(lines, { from: '2026-02-30', to: null })).toThrow('2026-02-30 does not exist');
  });

  it('groups by customer', () => {
    const m = byCustomer(lines);
    expect(m.get('c1')).toMatchObject({ revenue: 12519055n, profit: 1374136n, orders: 3 });
    expect(m.get('c2')).toMatchObject({ revenue: 1000000n, profit: -300000n, orders: 1, margin: -0.3 });
  });
});

describe('by month and year', () => {
  it('reports months in order', () => {
    expect(byMonth(lines).map((s) => [s.period, s.revenue, s.profit, s.orders])).toEqual([
      ['2025-12', 1000000n, -300000n, 1],
      ['2026-01', 9799455n, 945000n, 1],
      ['2026-02', 2619600n, 419136n, 1],
      ['2026-03', 100000n, 10000n, 1],
    ]);
  });

  it('reports years in order, within a window', () => {
    expect(byYear(lines).map((s) => [s.period, s.revenue, s.profit, s.orders])).toEqual([
      ['2025', 1000000n, -300000n, 1],
      ['2026', 12519055n, 1374136n, 3],
    ]);
    expect(byYear(lines, { from: '2026-01-01', to: null }).map((s) => s.period)).toEqual(['2026']);
  });

  it('last12Months fills empty months and stops at asOf', () => {
    const months = last12Months(lines, '2026-02-10');
    expect(months.map((m) => m.period)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(months[0]).toEqual({
      period: '2025-03',
      revenue: 0n,
      profit: 0n,
      orders: 0,
      lines: 0,
      margin: null,
      lastOrderAt: null,
    });
    expect(months[9]?.profit).toBe(-300000n);
    expect(months[11]?.revenue).toBe(2619600n);
    expect(last12Months(lines, '2026-02-02')[11]?.revenue).toBe(0n);
    expect(() => last12Months(lines, '2026-02-30')).toThrow('Invalid asOf');
  });
});

describe('comparePeriods', () => {
  it('gives absolute and percent change against the base', () => {
    const c = comparePeriods(
      { revenue: 1000000n, profit: -1000000n },
      { revenue: 1500000n, profit: -500000n },
    );
    expect(c).toEqual({ revenueChange: 500000n, profitChange: 500000n, revenuePct: 50, profitPct: 50 });
  });

  it('handles decreases and a zero base', () => {
    const c = comparePeriods({ revenue: 3000000n, profit: 0n }, { revenue: 2000000n, profit: 10000n });
    expect(c.revenueChange).toBe(-1000000n);
    expect(c.revenuePct).toBeCloseTo(-33.333333333333, 10);
    expect(c.profitChange).toBe(10000n);
    expect(c.profitPct).toBeNull();
  });
});

describe('orderLineInput', () => {
  const valid = {
    customerId: 'c1',
    orderId: 'o1',
    lineKey: '1',
    orderedAt: '2024-02-29',
    productId: 'p',
    revenue: '957.5775',
    profit: '-5.5',
    quantity: 3,
  };

  it('parses money exactly', () => {
    expect(orderLineInput.parse(valid)).toEqual({ ...valid, revenue: 9575775n, profit: -55000n });
  });

  it.each([
    [{ orderedAt: '2026-02-30' }, 'orderedAt', '2026-02-30 does not exist (month 02 of 2026 has 28 days)'],
    [{ revenue: '12.34567' }, 'revenue', 'Invalid money amount "12.34567": has more than 4 decimal places'],
    [{ profit: 'NaN' }, 'profit', 'expected a plain decimal'],
    [{ quantity: Number.NaN }, 'quantity', 'quantity must be a finite number'],
    [{ customerId: '' }, 'customerId', 'customerId must not be empty'],
  ])('rejects %j', (patch, path, message) => {
    const issue = orderLineInput.safeParse({ ...valid, ...patch }).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toContain(message);
  });
});
