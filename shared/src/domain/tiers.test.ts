import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTiers, resolveTierWindow, type TierInput, tiersFromTotals, unrankedTier } from './tiers.ts';

const defaults = { a: 70, b: 90 };
const c = (id: string, profit: bigint, hasLines = true): TierInput => ({ id, profit, hasLines });
const tiersOf = (customers: TierInput[], thresholds = defaults) =>
  Object.fromEntries(assignTiers(customers, thresholds));

describe('assignTiers', () => {
  it('puts the highest-revenue customer with negative profit in D', () => {
    // "big" buys the most but loses money; revenue plays no part in the ranking.
    expect(
      tiersOf([c('big', -5_000_000n), c('x', 7_000_000n), c('y', 2_000_000n), c('z', 1_000_000n)]),
    ).toEqual({
      big: 'D',
      x: 'A',
      y: 'B',
      z: 'C',
    });
  });

  it('gives none to customers without lines and D to zero profit', () => {
    expect(tiersOf([c('nolines', 0n, false), c('ghost', 50n, false), c('zero', 0n), c('p', 10n)])).toEqual({
      nolines: 'none',
      ghost: 'none',
      zero: 'D',
      p: 'A',
    });
  });

  it('includes exactly 70% and 90% of P', () => {
    // P = 10,000; running sums 4,000 / 7,000 (= 70%) / 9,000 (= 90%) / 10,000.
    expect(tiersOf([c('w', 4000n), c('x', 3000n), c('y', 2000n), c('z', 1000n)])).toEqual({
      w: 'A',
      x: 'A',
      y: 'B',
      z: 'C',
    });
  });

  it('moves down one unit over each threshold', () => {
    // Running sums 4,000 / 7,001 (> 70%) / 9,000 / 10,000.
    expect(tiersOf([c('w', 4000n), c('x', 3001n), c('y', 1999n), c('z', 1000n)])).toEqual({
      w: 'A',
      x: 'B',
      y: 'B',
      z: 'C',
    });
    // Running sums 4,000 / 7,000 / 9,001 (> 90%) / 10,000.
    expect(tiersOf([c('w', 4000n), c('x', 3000n), c('y', 2001n), c('z', 999n)])).toEqual({
      w: 'A',
      x: 'A',
      y: 'C',
      z: 'C',
    });
  });

  it('breaks profit ties by id, whatever the input order', () => {
    // P = 1,000: c (400) A; then a before b: running 700 -> A, 1,000 -> C.
    const expected = { c: 'A', a: 'A', b: 'C' };
    expect(tiersOf([c('b', 300n), c('a', 300n), c('c', 400n)])).toEqual(expected);
    expect(tiersOf([c('a', 300n), c('c', 400n), c('b', 300n)])).toEqual(expected);
  });

  it('always makes the first customer A', () => {
    expect(tiersOf([c('only', 1n)])).toEqual({ only: 'A' });
    expect(tiersOf([c('x', 9000n), c('y', 1000n)], { a: 1, b: 50 })).toEqual({ x: 'A', y: 'C' });
  });

  it('makes an all-negative team all D', () => {
    expect(tiersOf([c('a', -1n), c('b', -1_000_000n), c('c', 0n), c('d', 0n, false)])).toEqual({
      a: 'D',
      b: 'D',
      c: 'D',
      d: 'none',
    });
    expect(tiersOf([])).toEqual({});
  });

  it('compares exactly at large magnitudes', () => {
    // P = 10·10^19; floats cannot tell 7·10^19 + 1 from 7·10^19, bigint can.
    const big = 10n ** 19n;
    expect(tiersOf([c('h', 4n * big), c('i', 3n * big), c('j', 2n * big), c('k', big)])).toEqual({
      h: 'A',
      i: 'A',
      j: 'B',
      k: 'C',
    });
    expect(tiersOf([c('h', 4n * big), c('i', 3n * big + 1n), c('j', 2n * big - 1n), c('k', big)])).toEqual({
      h: 'A',
      i: 'B',
      j: 'B',
      k: 'C',
    });
  });

  it('does not depend on input order, and tiers never improve down the ranking', () => {
    const customers = fc.uniqueArray(
      fc.record({
        id: fc.string({ maxLength: 3 }),
        profit: fc.bigInt({ min: -1000n, max: 1000n }),
        hasLines: fc.boolean(),
      }),
      { selector: (c) => c.id, maxLength: 30 },
    );
    fc.assert(
      fc.property(customers, fc.integer({ min: 1, max: 98 }), (list, a) => {
        const thresholds = { a, b: a + 1 };
        const tiers = assignTiers(list, thresholds);
        expect(assignTiers([...list].reverse(), thresholds)).toEqual(tiers);
        const ranked = list
          .filter((x) => x.hasLines && x.profit > 0n)
          .sort((x, y) => (x.profit > y.profit ? -1 : x.profit < y.profit ? 1 : x.id < y.id ? -1 : 1));
        const letters = ranked.map((x) => tiers.get(x.id) ?? 'none');
        expect([...letters].sort()).toEqual(letters);
        if (ranked[0]) expect(tiers.get(ranked[0].id)).toBe('A');
      }),
    );
  });

  it('rejects duplicates and bad thresholds', () => {
    expect(() => assignTiers([c('a', 1n), c('a', 2n)], defaults)).toThrow('Customer "a" is listed twice');
    expect(() => assignTiers([], { a: 90, b: 70 })).toThrow(
      'tierThresholds.a must be less than tierThresholds.b',
    );
    expect(() => assignTiers([], { a: Number.NaN, b: 70 })).toThrow('tierThresholds.a must be a number');
  });
});

describe('unrankedTier', () => {
  it('says none without lines (whatever the profit), D for a profit of zero or less, and null for those who rank', () => {
    expect(unrankedTier(false, 500n)).toBe('none');
    expect(unrankedTier(false, -1n)).toBe('none');
    expect(unrankedTier(true, 0n)).toBe('D');
    expect(unrankedTier(true, -20_5000n)).toBe('D');
    expect(unrankedTier(true, 1n)).toBeNull();
  });
});

describe('tiersFromTotals', () => {
  const totals = new Map([
    ['x', { profit: 7_000n, lines: 3 }],
    ['y', { profit: 3_000n, lines: 1 }],
    ['loss', { profit: -500n, lines: 2 }],
    ['emptied', { profit: 900n, lines: 0 }],
  ]);

  it('ranks the customers with totals, and no lines means none', () => {
    // P = 10,000: x's running sum 7,000 = 70% -> A; y's 10,000 > 90% -> C; loss -> D.
    expect(Object.fromEntries(tiersFromTotals(totals, defaults))).toEqual({
      x: 'A',
      y: 'C',
      loss: 'D',
      emptied: 'none',
    });
  });

  it('gives none to listed customers without totals, and leaves out unlisted ones', () => {
    expect(Object.fromEntries(tiersFromTotals(totals, defaults, ['new', 'y', 'x']))).toEqual({
      new: 'none',
      y: 'C',
      x: 'A',
    });
  });
});

describe('resolveTierWindow', () => {
  const trailing = { kind: 'trailing' as const, days: 365 };

  it('ends a trailing window today, including today', () => {
    expect(resolveTierWindow(trailing, '2026-11-23', '2026-11-20')).toEqual({
      from: '2025-11-24',
      to: '2026-11-24',
      asOf: '2026-11-23',
      historical: false,
      label: 'Last 365 days to 2026-11-23',
    });
    expect(resolveTierWindow(trailing, '2026-11-23', null)).toMatchObject({
      asOf: '2026-11-23',
      historical: false,
    });
    // The newest line on the window's first day is still inside it.
    expect(resolveTierWindow(trailing, '2026-11-23', '2025-11-24')).toMatchObject({
      asOf: '2026-11-23',
      historical: false,
    });
  });

  it('follows historical imports to their newest line', () => {
    expect(resolveTierWindow(trailing, '2026-11-23', '2017-12-30')).toEqual({
      from: '2016-12-31',
      to: '2017-12-31',
      asOf: '2017-12-30',
      historical: true,
      label: '365 days to 2017-12-30 (newest order line; nothing more recent)',
    });
    expect(resolveTierWindow(trailing, '2026-11-23', '2025-11-23')).toMatchObject({
      from: '2024-11-24',
      to: '2025-11-24',
      historical: true,
    });
    expect(resolveTierWindow({ kind: 'trailing', days: 7 }, '2024-03-01', null)).toMatchObject({
      from: '2024-02-24',
      to: '2024-03-02',
    });
  });

  it('keeps a range as given and dates it', () => {
    expect(
      resolveTierWindow({ kind: 'range', from: '2024-01-01', to: '2025-01-01' }, '2026-11-23', '2026-11-01'),
    ).toEqual({
      from: '2024-01-01',
      to: '2025-01-01',
      asOf: '2024-12-31',
      historical: true,
      label: '2024-01-01 to 2024-12-31',
    });
    expect(
      resolveTierWindow({ kind: 'range', from: '2026-01-01', to: '2027-01-01' }, '2026-11-23', null),
    ).toMatchObject({
      asOf: '2026-11-23',
      historical: false,
    });
  });

  it('dates all time by today unless the last 12 months are empty', () => {
    expect(resolveTierWindow({ kind: 'all' }, '2026-11-23', '2025-12-01')).toEqual({
      from: null,
      to: null,
      asOf: '2026-11-23',
      historical: false,
      label: 'All time to 2026-11-23',
    });
    expect(resolveTierWindow({ kind: 'all' }, '2026-11-23', '2025-11-30')).toMatchObject({
      asOf: '2025-11-30',
      historical: true,
    });
  });

  it('rejects impossible dates and settings', () => {
    expect(() => resolveTierWindow(trailing, '2026-02-30', null)).toThrow(
      'Invalid today: 2026-02-30 does not exist',
    );
    expect(() => resolveTierWindow(trailing, '2026-02-03', '2026-13-01')).toThrow('Invalid newest line date');
    expect(() => resolveTierWindow({ kind: 'trailing', days: 0 }, '2026-02-03', null)).toThrow(
      'tierWindow.days must be at least 1',
    );
  });
});
