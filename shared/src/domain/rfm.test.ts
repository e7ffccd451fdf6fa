import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import {
  quintileScores,
  type RfmInput,
  type Score,
  SEGMENTS,
  scoreRfm,
  segmentOf,
  segmentTransitions,
  summarizeSegments,
} from './rfm.ts';

const asc = (a: number, b: number) => a - b;
const addDaysBack = (day: string, days: number) => addDays(day, -days);

describe('quintileScores', () => {
  it('gives ⌊5·i/n⌋ + 1 by ascending position', () => {
    // n = 10: positions 0,1 -> 1; 2,3 -> 2; 4,5 -> 3; 6,7 -> 4; 8,9 -> 5.
    const s = quintileScores([9, 0, 1, 2, 3, 4, 5, 6, 7, 8], asc);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => s.get(v))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // n = 3: ⌊0⌋+1 = 1, ⌊5/3⌋+1 = 2, ⌊10/3⌋+1 = 4.
    const three = quintileScores([30, 10, 20], asc);
    expect([10, 20, 30].map((v) => three.get(v))).toEqual([1, 2, 4]);
  });

  it('lets ties share the lower score', () => {
    // Keys 1,2,2,2,3 (n = 5): positions 0..4 would score 1..5; the three 2s take position 1's score 2.
    const items = [{ k: 1 }, { k: 2 }, { k: 2 }, { k: 2 }, { k: 3 }];
    const s = quintileScores(items, (a, b) => a.k - b.k);
    expect(items.map((i) => s.get(i))).toEqual([1, 2, 2, 2, 5]);
    // All equal: everyone scores 1.
    const same = [{ k: 7 }, { k: 7 }];
    expect(same.map((i) => quintileScores(same, (a, b) => a.k - b.k).get(i))).toEqual([1, 1]);
  });
});

describe('segmentOf', () => {
  const seg = (r: number, f: number, m: number) => segmentOf(r as Score, f as Score, m as Score);

  it('places the boundaries of each rule', () => {
    expect(seg(4, 4, 4)).toBe('champions'); // FM = 4
    expect(seg(4, 3, 4)).toBe('loyal'); // FM = 3.5 < 4, R ≥ 3
    expect(seg(1, 4, 4)).toBe('cant-lose'); // R = 1, FM = 4 (checked before at risk)
    expect(seg(2, 4, 4)).toBe('at-risk'); // R = 2 is not can't lose
    expect(seg(2, 3, 3)).toBe('at-risk'); // FM = 3
    expect(seg(1, 1, 5)).toBe('at-risk'); // FM = 3 wins over lost (R = 1, F = 1)
    expect(seg(5, 1, 5)).toBe('new'); // FM = 3 but one order: new before loyal
    expect(seg(5, 1, 1)).toBe('new'); // new before potential
    expect(seg(4, 1, 1)).toBe('potential'); // R = 4 is not new
    expect(seg(4, 2, 2)).toBe('potential'); // FM = 2
    expect(seg(3, 3, 3)).toBe('loyal'); // R = 3, FM = 3
    expect(seg(2, 2, 2)).toBe('hibernating'); // FM = 2, F ≥ 2
    expect(seg(1, 1, 1)).toBe('lost');
    expect(seg(1, 1, 4)).toBe('lost'); // FM = 2.5: not at risk, not hibernating (F = 1)
  });

  it("puts the rules' gaps in other", () => {
    expect(seg(3, 2, 2)).toBe('other'); // R = 3 with FM < 3
    expect(seg(4, 2, 3)).toBe('other'); // FM = 2.5
    expect(seg(2, 1, 2)).toBe('other'); // R = 2, F = 1, FM ≤ 2
    expect(seg(2, 2, 3)).toBe('other'); // R = 2, FM = 2.5
  });

  it('puts all 125 triples in exactly one known segment', () => {
    const counts = new Map<string, number>();
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const s = seg(r, f, m);
          counts.set(s, (counts.get(s) ?? 0) + 1);
        }
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(125);
    for (const s of counts.keys()) expect(SEGMENTS).toContain(s);
    expect(counts.size).toBe(SEGMENTS.length); // every segment is reachable
  });
});

describe('scoreRfm', () => {
  // As of 2026-03-31, five customers with distinct values, so each score runs 1..5:
  //   a: last 2026-03-30 (1 day),  5 orders, profit 500 -> R 5, F 5, M 5 -> champions
  //   b: last 2026-03-21 (10 days), 4 orders, profit 400 -> R 4, F 4, M 4 -> champions
  //   c: last 2026-03-01 (30 days), 3 orders, profit  -1 -> R 3, F 3, M 1 -> FM 2 -> other; loss-making
  //   d: last 2026-01-30 (60 days), 2 orders, profit 300 -> R 2, F 2, M 3 -> FM 2.5 -> other
  //   e: last 2025-12-31 (90 days), 1 order,  profit 200 -> R 1, F 1, M 2 -> lost
  const input: RfmInput[] = [
    { id: 'a', lastOrderAt: '2026-03-30', orders: 5, profit: 5_000_000n },
    { id: 'b', lastOrderAt: '2026-03-21', orders: 4, profit: 4_000_000n },
    { id: 'c', lastOrderAt: '2026-03-01', orders: 3, profit: -10_000n },
    { id: 'd', lastOrderAt: '2026-01-30', orders: 2, profit: 3_000_000n },
    { id: 'e', lastOrderAt: '2025-12-31', orders: 1, profit: 2_000_000n },
  ];

  it('scores recency reversed, frequency and profit by quintile, and segments', () => {
    const rows = scoreRfm(input, '2026-03-31');
    expect(rows.map((r) => [r.id, r.recencyDays, r.r, r.f, r.m, r.segment, r.lossMaking])).toEqual([
      ['a', 1, 5, 5, 5, 'champions', false],
      ['b', 10, 4, 4, 4, 'champions', false],
      ['c', 30, 3, 3, 1, 'other', true],
      ['d', 60, 2, 2, 3, 'other', false],
      ['e', 90, 1, 1, 2, 'lost', false],
    ]);
  });

  it('sums segment sizes and exact profit, every segment listed', () => {
    const summary = summarizeSegments(scoreRfm(input, '2026-03-31'));
    expect(summary).toHaveLength(SEGMENTS.length);
    // champions 500 + 400 = 900; other −1 + 300 = 299.9999 -> 2,999,990 units
    expect(summary.find((s) => s.segment === 'champions')).toEqual({
      segment: 'champions',
      customers: 2,
      profit: 9_000_000n,
    });
    expect(summary.find((s) => s.segment === 'other')?.profit).toBe(2_990_000n);
    expect(summary.find((s) => s.segment === 'loyal')).toEqual({
      segment: 'loyal',
      customers: 0,
      profit: 0n,
    });
  });

  it('refuses orders after the as-of day, duplicates and customers without orders', () => {
    expect(() => scoreRfm(input, '2026-03-29')).toThrow(/after 2026-03-29/);
    expect(() => scoreRfm([input[0] as RfmInput, input[0] as RfmInput], '2026-03-31')).toThrow(/twice/);
    expect(() => scoreRfm([{ ...(input[0] as RfmInput), orders: 0 }], '2026-03-31')).toThrow(/one order/);
  });
});

describe('scoreRfm properties', () => {
  it('scores 1–5, equal values share a score, a larger value never scores lower', () => {
    const customer = fc.record({
      days: fc.integer({ min: 0, max: 400 }),
      orders: fc.integer({ min: 1, max: 30 }),
      profit: fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
    });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), (list) => {
        const asOf = '2027-02-05';
        const rows = scoreRfm(
          list.map((c, i) => ({
            id: `c${i}`,
            lastOrderAt: addDaysBack(asOf, c.days),
            orders: c.orders,
            profit: c.profit,
          })),
          asOf,
        );
        for (const a of rows) {
          for (const k of ['r', 'f', 'm'] as const) expect(a[k] >= 1 && a[k] <= 5).toBe(true);
          expect(SEGMENTS).toContain(a.segment);
          for (const b of rows) {
            if (a.orders === b.orders) expect(a.f).toBe(b.f);
            if (a.orders < b.orders) expect(a.f <= b.f).toBe(true);
            if (a.recencyDays < b.recencyDays) expect(a.r >= b.r).toBe(true);
            if (a.profit < b.profit) expect(a.m <= b.m).toBe(true);
          }
        }
      }),
    );
  });
});

describe('segmentTransitions', () => {
  it('counts moves, with none for customers absent from a window', () => {
    const previous = new Map([
      ['a', 'loyal' as const],
      ['b', 'loyal' as const],
      ['c', 'champions' as const],
    ]);
    const current = new Map([
      ['a', 'champions' as const],
      ['b', 'loyal' as const],
      ['d', 'new' as const],
    ]);
    // a loyal -> champions, b stays loyal, c champions -> none (no order now), d none -> new.
    expect(segmentTransitions(previous, current)).toEqual([
      { from: 'champions', to: 'none', customers: 1 },
      { from: 'loyal', to: 'champions', customers: 1 },
      { from: 'loyal', to: 'loyal', customers: 1 },
      { from: 'none', to: 'new', customers: 1 },
    ]);
  });
});
