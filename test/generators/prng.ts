// Seeded PRNG for synthetic data: the same seed must give the same bytes on every machine and run,
// so the generators never touch Math.random.

/** A small, fast, seedable random source (sfc32, seeded through splitmix32). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a, so a stream name ("customers", "orders") becomes part of the seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * An independent stream per (seed, name): customers come from one stream and orders from another, so
 * asking for more rows never changes who the customers are.
 */
export function createRng(seed: number, stream = ''): Rng {
  const init = splitmix32((Math.trunc(seed) ^ hashString(stream)) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted() from an empty list');
      return last[0];
    },
  };
  return rng;
}

/**
 * A bijection of [0, size): distinct inputs give distinct, scattered outputs, so ids look random
 * yet never collide and need no Set of everything issued so far.
 */
export function scatter(index: number, size: number, salt: number): number {
  const mixed = Math.imul((salt ^ 0x5bd1e995) >>> 0, 0x9e3779b1) >>> 0;
  // A multiplier coprime to size makes index -> index·step + offset (mod size) a permutation.
  let step = 7919 + 2 * (mixed % 1000);
  while (gcd(step, size) !== 1) step += 2;
  return ((index % size) * step + (mixed % size)) % size;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
