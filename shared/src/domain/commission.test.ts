import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money.ts';
import {
  commissionByRepMonth,
  type MarginTier,
  productMarginTier,
  productMarginTiers,
  salesOfLines,
} from './commission.ts';
import type { OrderLine } from './profit.ts';

const bounds = { highPct: 40, mediumPct: 20 };
const rates = { high: 800, medium: 500, low: 200 };
const m = parseMoney;

describe('productMarginTier', () => {
  it.each([
    ['100', '40', 'high'], // exactly 40%
    ['100', '39.9999', 'medium'],
    ['100', '20', 'medium'], // exactly 20%
    ['100', '19.9999', 'low'],
    ['100', '-5', 'low'],
    ['0', '0', 'low'],
    ['0', '3', 'low'],
    ['-10', '-5', 'low'], // net returns: no positive revenue
  ])('revenue %s, profit %s -> %s', (revenue, profit, tier) => {
    expect(productMarginTier({ revenue: m(revenue), profit: m(profit) }, bounds)).toBe(tier);
  });

  it('prefers the standard margin, compared exactly', () => {
    expect(productMarginTier({ standardMargin: 0.4, revenue: 0n, profit: 0n }, bounds)).toBe('high');
    expect(productMarginTier({ standardMargin: '0.3999', revenue: m('100'), profit: m('90') }, bounds)).toBe(
      'medium',
    );
    expect(productMarginTier({ standardMargin: 0.05, revenue: m('100'), profit: m('90') }, bounds)).toBe(
      'low',
    );
    // 0.57 * 100 is 56.99999999999999 in floats; the exact comparison still says 57%.
    expect(
      productMarginTier({ standardMargin: 0.57, revenue: 0n, profit: 0n }, { highPct: 57, mediumPct: 20 }),
    ).toBe('high');
    expect(productMarginTier({ standardMargin: null, revenue: m('100'), profit: m('45') }, bounds)).toBe(
      'high',
    );
  });

  it('rejects bad inputs', () => {
    expect(() => productMarginTier({ standardMargin: Number.NaN, revenue: 0n, profit: 0n }, bounds)).toThrow(
      'expected a finite number, got NaN',
    );
    expect(() => productMarginTier({ standardMargin: 'forty', revenue: 0n, profit: 0n }, bounds)).toThrow(
      'expected a decimal number',
    );
    expect(() => productMarginTier({ revenue: 0n, profit: 0n }, { highPct: 20, mediumPct: 40 })).toThrow(
      'mediumPct must be less than',
    );
  });
});

function line(
  customerId: string,
  productId: string,
  orderedAt: string,
  revenue: string,
  profit: string,
): OrderLine {
  return {
    customerId,
    productId,
    orderedAt,
    orderId: `${customerId}-${orderedAt}`,
    lineKey: `${productId}-${revenue}`,
    revenue: m(revenue),
    profit: m(profit),
    quantity: 1,
  };
}

describe('productMarginTiers', () => {
  it('uses lines in the window, or the standard margin when set', () => {
    const lines = [
      line('c', 'p1', '2026-01-01', '100', '45'),
      line('c', 'p2', '2026-01-01', '100', '10'),
      line('c', 'p2', '2026-01-02', '100', '50'), // together 30% -> medium
      line('c', 'p4', '2026-01-01', '100', '90'),
      line('c', 'p5', '2025-01-01', '100', '90'), // outside the window
    ];
    const standard = new Map([
      ['p3', 0.1],
      ['p4', 0.05],
    ]);
    const tiers = productMarginTiers(lines, standard, bounds, { from: '2026-01-01', to: '2027-01-01' });
    expect(Object.fromEntries(tiers)).toEqual({ p1: 'high', p2: 'medium', p3: 'low', p4: 'low' });
  });
});

describe('commissionByRepMonth', () => {
  const productTiers = new Map<string, MarginTier>([
    ['high', 'high'],
    ['med', 'medium'],
    ['low', 'low'],
  ]);
  const owners = new Map([
    ['c1', 'alice'],
    ['c2', 'bob'],
  ]);
  const lines = [
    line('c1', 'high', '2026-01-05', '957.5775', '100'), // 76.6062
    line('c1', 'med', '2026-01-20', '22.368', '1'), // 1.1184
    line('c1', 'low', '2026-01-31', '261.96', '-5'), // negative profit: 0
    line('c2', 'high', '2026-01-10', '100', '0'), // zero profit still earns 8.00
    line('c3', 'low', '2026-01-02', '50', '10'), // nobody owns c3: 1.00
    line('c1', 'high', '2026-02-01', '0.0619', '0.01'), // 0.004952 each ...
    line('c1', 'high', '2026-02-02', '0.0619', '0.01'),
    line('c1', 'high', '2026-02-03', '0.0619', '0.01'), // ... 0.014856 together -> 0.01
    line('c2', 'high', '2026-02-03', '0.0619', '0.01'), // 0.004952 -> 0.00 (not 0.0050 -> 0.01)
    line('c2', 'high', '2026-03-01', '0.0625', '0.01'), // exactly 0.005 -> 0.01
  ];

  it('sums exactly per rep and month and rounds once', () => {
    expect(commissionByRepMonth({ sales: salesOfLines(lines, owners), productTiers, rates })).toEqual([
      { ownerId: 'alice', month: '2026-01', commission: m('77.72'), revenue: m('1241.9055'), lines: 3 },
      { ownerId: 'bob', month: '2026-01', commission: m('8'), revenue: m('100'), lines: 1 },
      { ownerId: null, month: '2026-01', commission: m('1'), revenue: m('50'), lines: 1 },
      { ownerId: 'alice', month: '2026-02', commission: m('0.01'), revenue: m('0.1857'), lines: 3 },
      { ownerId: 'bob', month: '2026-02', commission: 0n, revenue: m('0.0619'), lines: 1 },
      { ownerId: 'bob', month: '2026-03', commission: m('0.01'), revenue: m('0.0625'), lines: 1 },
    ]);
  });

  it('credits the current owner and honours the window and rates', () => {
    // Bob left; his customer c2 now belongs to alice, and so do its past lines.
    const reassigned = new Map([
      ['c1', 'alice'],
      ['c2', 'alice'],
    ]);
    const result = commissionByRepMonth({
      sales: salesOfLines(lines, reassigned, { from: '2026-01-10', to: '2026-02-01' }),
      productTiers,
      rates: { high: 1000, medium: 500, low: 0 },
    });
    // c1 med 1.1184 + c1 low (negative profit) 0 + c2 high 10.00 = 11.1184 -> 11.12
    expect(result).toEqual([
      { ownerId: 'alice', month: '2026-01', commission: m('11.12'), revenue: m('384.328'), lines: 3 },
    ]);
  });

  it('gives the same commission and line counts for sales summed per owner, product, month and sign', () => {
    // What the report's SQL hands over: alice's three February lines of "high" as one sale.
    const summed = [
      { ownerId: 'alice', productId: 'high', month: '2026-02', revenue: m('0.1857'), earns: true, lines: 3 },
      { ownerId: 'bob', productId: 'high', month: '2026-02', revenue: m('0.0619'), earns: true, lines: 1 },
      { ownerId: 'alice', productId: 'low', month: '2026-02', revenue: m('10'), earns: false, lines: 2 },
    ];
    expect(commissionByRepMonth({ sales: summed, productTiers, rates })).toEqual([
      // 0.1857 × 8 % = 0.014856 -> 0.01; the losing "low" sale adds revenue and lines, no commission.
      { ownerId: 'alice', month: '2026-02', commission: m('0.01'), revenue: m('10.1857'), lines: 5 },
      { ownerId: 'bob', month: '2026-02', commission: 0n, revenue: m('0.0619'), lines: 1 },
    ]);
  });

  it('refuses a line whose product has no tier', () => {
    expect(() =>
      commissionByRepMonth({
        sales: salesOfLines([line('c1', 'mystery', '2026-01-01', '1', '1')], owners),
        productTiers,
        rates,
      }),
    ).toThrow('No margin tier for product "mystery"');
  });
});
