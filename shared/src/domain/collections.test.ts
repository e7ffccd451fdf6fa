import { describe, expect, it } from 'vitest';
import { compareCodeUnits, getOrInsert } from './collections.ts';

describe('compareCodeUnits', () => {
  it('orders strings by UTF-16 code unit, not by locale', () => {
    expect(compareCodeUnits('Z', 'a')).toBe(-1); // 0x5A < 0x61, though most locales put "a" first
    expect(compareCodeUnits('a', 'Z')).toBe(1);
    expect(compareCodeUnits('abc', 'abc')).toBe(0);
    expect(compareCodeUnits('ab', 'abc')).toBe(-1);
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FF5E (code point order would not).
    expect(compareCodeUnits('\u{1F600}', '\uFF5E')).toBe(-1);
    expect(['b', 'B', 'a', 'é', 'A'].sort(compareCodeUnits)).toEqual(['A', 'B', 'a', 'b', 'é']);
  });

  it('orders numbers and bigints by value, exactly across the two', () => {
    expect(compareCodeUnits(2, 10)).toBe(-1); // as strings "2" > "10"
    expect(compareCodeUnits(-0.5, -1)).toBe(1);
    expect(compareCodeUnits(3, 3)).toBe(0);
    expect(compareCodeUnits(10n ** 30n, 10n ** 30n + 1n)).toBe(-1); // beyond float precision
    expect(compareCodeUnits(1n, 1)).toBe(0);
    expect(compareCodeUnits(2n ** 53n + 1n, 2 ** 53)).toBe(1);
    expect([5n, -2n, 0n, 12n].sort(compareCodeUnits)).toEqual([-2n, 0n, 5n, 12n]);
  });
});

describe('getOrInsert', () => {
  it('creates and stores the value once, then returns the stored one', () => {
    const map = new Map<string, string[]>();
    let made = 0;
    const first = getOrInsert(map, 'k', () => {
      made++;
      return [];
    });
    first.push('x');
    expect(getOrInsert(map, 'k', () => ['other'])).toBe(first);
    expect(map.get('k')).toEqual(['x']);
    expect(made).toBe(1);
  });
});
