import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './batch.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('createBatcher', () => {
  it('runs once after a burst goes quiet', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const batch = createBatcher(run, { delay: 100, maxWait: 1000, frame: (cb) => cb() });
    for (let i = 0; i < 50; i++) {
      batch.schedule();
      vi.advanceTimersByTime(10);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
    expect(batch.pending).toBe(false);
  });

  it('runs at least every maxWait while mutations never stop', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const batch = createBatcher(run, { delay: 100, maxWait: 300, frame: (cb) => cb() });
    for (let i = 0; i < 100; i++) {
      batch.schedule();
      vi.advanceTimersByTime(50);
    }
    // 5,000 ms of constant mutations: one run per ~300 ms, not one per mutation and not none.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(14);
    expect(run.mock.calls.length).toBeLessThanOrEqual(17);
  });

  it('cancel drops a scheduled run, including one already waiting for its frame', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const frames: Array<() => void> = [];
    const batch = createBatcher(run, { delay: 10, maxWait: 100, frame: (cb) => frames.push(cb) });
    batch.schedule();
    vi.advanceTimersByTime(10);
    expect(frames).toHaveLength(1);
    batch.cancel();
    for (const f of frames) f();
    batch.schedule();
    batch.cancel();
    vi.advanceTimersByTime(100);
    expect(run).not.toHaveBeenCalled();
  });
});
