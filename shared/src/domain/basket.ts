import { ratio } from './ratio.ts';

/** How many orders hold each item and each pair of items (pair key: the two items, sorted, joined by NUL). */
export interface BasketCounts {
  orders: number;
  items: Map<string, number>;
  pairs: Map<string, number>;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Counts from baskets (one set of items per order; an item repeated in an order counts once). */
export function countBaskets(baskets: Iterable<Iterable<string>>): BasketCounts {
  const items = new Map<string, number>();
  const pairs = new Map<string, number>();
  let orders = 0;
  for (const basket of baskets) {
    orders += 1;
    const set = [...new Set(basket)].sort();
    for (let i = 0; i < set.length; i++) {
      const a = set[i] as string;
      items.set(a, (items.get(a) ?? 0) + 1);
      for (let j = i + 1; j < set.length; j++) {
        const key = pairKey(a, set[j] as string);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  return { orders, items, pairs };
}

export interface BasketPair {
  a: string;
  b: string;
  /** Orders holding both. */
  orders: number;
  /** orders / all orders. */
  support: number;
  /** P(b | a) = orders / orders with a. */
  confidenceAB: number;
  /** P(a | b). */
  confidenceBA: number;
  /** orders × all orders / (orders with a × orders with b): > 1 means bought together more than by chance. */
  lift: number;
}

/**
 * Products (or categories) often bought together: every pair held by at least `minOrders` orders,
 * by lift descending, then by orders descending, then by names. Ratios come from exact counts.
 */
export function basketPairs(counts: BasketCounts, minOrders = 2, limit = 50): BasketPair[] {
  const out: BasketPair[] = [];
  const n = BigInt(counts.orders);
  for (const [key, both] of counts.pairs) {
    if (both < minOrders) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    const na = BigInt(counts.items.get(a) ?? 0);
    const nb = BigInt(counts.items.get(b) ?? 0);
    const k = BigInt(both);
    out.push({
      a,
      b,
      orders: both,
      support: ratio(k, n) ?? 0,
      confidenceAB: ratio(k, na) ?? 0,
      confidenceBA: ratio(k, nb) ?? 0,
      lift: ratio(k * n, na * nb) ?? 0,
    });
  }
  out.sort((x, y) => y.lift - x.lift || y.orders - x.orders || (x.a + x.b < y.a + y.b ? -1 : 1));
  return out.slice(0, limit);
}
