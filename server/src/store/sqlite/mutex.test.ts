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

  it('lets pending I/O run between queued holders instead of draining the queue in one go', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const holders = ['a', 'b', 'c'].map((name) => mutex.run(() => log.push(name)));
    setImmediate(() => log.push('io'));
    await Promise.all(holders);
    // Synchronous holders (better-sqlite3) would otherwise all run before the event loop turned once.
    expect(log).toContain('io');
    expect(log.indexOf('io')).toBeLessThan(log.indexOf('c'));
    expect(log.filter((e) => e !== 'io')).toEqual(['a', 'b', 'c']);
  });

  it('releases the lock when a holder throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await mutex.run(() => 'next')).toBe('next');
  });
});
