import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.ts';

describe('Mutex', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const holder = (name: string) =>
      mutex.run(async () => {
        log.push(`${name} in`);
        await Promise.resolve();
        log.push(`${name} out`);
      });
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('lets pending I/O run once queued holders have kept the loop busy for a while', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    // Synchronous holders (better-sqlite3), each busy for 15 ms: without yielding, all four would run
    // before the event loop turned once.
    const busy = (name: string) => () => {
      const until = performance.now() + 15;
      while (performance.now() < until);
      log.push(name);
    };
    const holders = ['a', 'b', 'c', 'd'].map((name) => mutex.run(busy(name)));
    setImmediate(() => log.push('io'));
    await Promise.all(holders);
    expect(log).toContain('io');
    expect(log.indexOf('io')).toBeLessThan(log.indexOf('d'));
    expect(log.filter((e) => e !== 'io')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('runs short queued holders back to back, without a turn of the loop each', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const holders = ['a', 'b', 'c'].map((name) => mutex.run(() => log.push(name)));
    setImmediate(() => log.push('io'));
    await Promise.all(holders);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('releases the lock when a holder throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await mutex.run(() => 'next')).toBe('next');
  });
});
