import { describe, expect, it } from 'vitest';
import { buysMostly, categoryAffinity } from './affinity.ts';
import { basketPairs, countBaskets } from './basket.ts';

describe('categoryAffinity', () => {
  it('gives share of spend and lift against the whole base', () => {
    // x: Chairs 60, Paper 40 (100); y: Paper 100. Total 200: Chairs 60 (0.3), Paper 140 (0.7).
    //   x Chairs share 0.6, lift 60·200 / (100·60) = 2; x Paper 0.4, lift 40·200 / (100·140) = 0.5714…
    //   y Paper share 1, lift 100·200 / (100·140) = 1.4286…
    // A return (negative spend) is left out.
    const a = categoryAffinity([
      { group: 'x', category: 'Chairs', spend: 600_000n },
      { group: 'x', category: 'Paper', spend: 400_000n },
      { group: 'y', category: 'Paper', spend: 1_000_000n },
      { group: 'y', category: 'Chairs', spend: -50_000n },
    ]);
    expect(a.get('x')).toEqual([
      { group: 'x', category: 'Chairs', spend: 600_000n, share: 0.6, baseShare: 0.3, lift: 2 },
      { group: 'x', category: 'Paper', spend: 400_000n, share: 0.4, baseShare: 0.7, lift: 0.571428571429 },
    ]);
    expect(a.get('y')).toEqual([
      { group: 'y', category: 'Paper', spend: 1_000_000n, share: 1, baseShare: 0.7, lift: 1.428571428571 },
    ]);
    expect(buysMostly(a.get('x') ?? [])).toBe('buys mostly Chairs (60 % of spend)');
    expect(buysMostly([])).toBeNull();
  });
});

describe('basketPairs', () => {
  it('computes support, confidence and lift from order counts', () => {
    // 5 orders: {A,B}, {A,B,C}, {A}, {B,C}, {C,C} (C once).
    // Items: A 3, B 3, C 3. Pairs: AB 2, AC 1, BC 2.
    //   AB: support 2/5 = 0.4, conf A→B 2/3, B→A 2/3, lift 2·5 / (3·3) = 1.111…
    //   BC: the same counts; AC below minOrders 2.
    const counts = countBaskets([['A', 'B'], ['A', 'B', 'C'], ['A'], ['B', 'C'], ['C', 'C']]);
    expect(counts.orders).toBe(5);
    expect(counts.items.get('C')).toBe(3);
    const pairs = basketPairs(counts);
    expect(pairs).toEqual([
      {
        a: 'A',
        b: 'B',
        orders: 2,
        support: 0.4,
        confidenceAB: 0.666666666667,
        confidenceBA: 0.666666666667,
        lift: 1.111111111111,
      },
      {
        a: 'B',
        b: 'C',
        orders: 2,
        support: 0.4,
        confidenceAB: 0.666666666667,
        confidenceBA: 0.666666666667,
        lift: 1.111111111111,
      },
    ]);
    // With minOrders 1 the A–C pair appears: lift 1·5 / 9 = 0.5556, last.
    expect(basketPairs(counts, 1).map((p) => `${p.a}${p.b}`)).toEqual(['AB', 'BC', 'AC']);
  });
});
