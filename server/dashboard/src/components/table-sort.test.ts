import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort.ts';

describe('sortRows', () => {
  const rows = [
    { name: 'b', n: 2, amount: 15_000n },
    { name: 'a', n: null, amount: -5_000n },
    { name: 'c', n: 10, amount: 123_456_789_012_345_678n },
    { name: 'd', n: 2, amount: null },
  ];
  const names = (r: readonly { name: string }[]) => r.map((x) => x.name).join('');

  it('sorts numbers both ways, keeps ties in their order and rows without a value last', () => {
    expect(names(sortRows(rows, (r) => r.n, 'asc'))).toBe('bdca');
    expect(names(sortRows(rows, (r) => r.n, 'desc'))).toBe('cbda');
  });
  it('compares exact amounts as bigints (no float rounding)', () => {
    expect(names(sortRows(rows, (r) => r.amount, 'desc'))).toBe('cbad');
    expect(names(sortRows(rows, (r) => r.amount, 'asc'))).toBe('abcd');
  });
  it('sorts text by locale and does not touch the input', () => {
    const before = names(rows);
    expect(names(sortRows(rows, (r) => r.name, 'desc'))).toBe('dcba');
    expect(names(rows)).toBe(before);
  });
});

describe('nextSort', () => {
  it('starts a new column at its first order and flips the same column', () => {
    expect(nextSort(null, 'profit', 'desc')).toEqual({ column: 'profit', order: 'desc' });
    expect(nextSort({ column: 'profit', order: 'desc' }, 'profit', 'desc')).toEqual({
      column: 'profit',
      order: 'asc',
    });
    expect(nextSort({ column: 'profit', order: 'asc' }, 'name', 'asc')).toEqual({
      column: 'name',
      order: 'asc',
    });
  });
});
