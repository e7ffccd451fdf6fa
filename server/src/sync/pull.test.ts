import { describe, expect, it } from 'vitest';
import { mustReset } from './pull.ts';

const ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c02';
const start = (version: number) => ({ version, entity: '' as const, id: '' });
const mid = (version: number) => ({ version, entity: 'contact' as const, id: ID });

describe('mustReset', () => {
  it('continues any cookie while nothing was purged', () => {
    const team = { version: 5, purgedVersion: 0 };
    expect([0, 1, 5, 6].map((v) => mustReset(start(v), team))).toEqual([false, false, false, false]);
    expect([1, 5].map((v) => mustReset(mid(v), team))).toEqual([false, false]);
  });

  it('resets a cookie that has not seen every version after the purge', () => {
    const team = { version: 9, purgedVersion: 4 };
    // start(v) has seen versions below v; mid(v) has not finished v
    expect([0, 4, 5, 10].map((v) => mustReset(start(v), team))).toEqual([true, true, false, false]);
    expect([4, 5, 9].map((v) => mustReset(mid(v), team))).toEqual([true, false, false]);
  });

  it('resets a cookie from beyond the team version (another database)', () => {
    const team = { version: 5, purgedVersion: 0 };
    expect(mustReset(start(7), team)).toBe(true);
    expect(mustReset(mid(6), team)).toBe(true);
  });
});
