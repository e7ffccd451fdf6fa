import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcString } from '../schemas/hlc.ts';
import {
  compareHlc,
  createHlcClock,
  formatHlc,
  HLC_MAX_COUNTER,
  hlcAheadMs,
  hlcSuccessor,
  hlcToIso,
  MAX_CLOCK_AHEAD_MS,
  parseHlc,
} from './hlc.ts';

const T0 = Date.UTC(2026, 0, 1); // 1767225600000

function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => {
      t = v;
    },
  };
}

describe('HLC format', () => {
  it('is fixed width and round-trips', () => {
    const hlc = formatHlc({ wall: T0, counter: 46655, node: 'server' });
    expect(hlc).toBe('1767225600000:0zzz:server');
    expect(parseHlc(hlc)).toEqual({ wall: T0, counter: 46655, node: 'server' });
    expect(formatHlc({ wall: 5, counter: 0, node: 'a' })).toBe('0000000000005:0000:a');
    expect(hlcToIso(hlc)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('string order is (wall, counter, node) order', () => {
    const parts = fc.record({
      wall: fc.integer({ min: 0, max: 9_999_999_999_999 }),
      counter: fc.integer({ min: 0, max: HLC_MAX_COUNTER }),
      node: fc.constantFrom('a', 'b', 'server'),
    });
    fc.assert(
      fc.property(parts, parts, (x, y) => {
        const expected =
          x.wall - y.wall || x.counter - y.counter || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0);
        expect(compareHlc(formatHlc(x), formatHlc(y))).toBe(Math.sign(expected));
      }),
    );
  });

  it('hlcString rejects malformed values with a clear message', () => {
    expect(hlcString.safeParse('1767225600000:0000:server').success).toBe(true);
    for (const bad of [
      '1767225600000:000:server',
      '176722560000:0000:a',
      '1767225600000:0000:',
      '1767225600000:ZZZZ:a',
      '1767225600000:0000:a:b',
    ]) {
      expect(hlcString.safeParse(bad).error?.issues[0]?.message).toMatch(/expected an HLC such as/);
    }
    expect(() => parseHlc('nope')).toThrow(/Invalid HLC "nope"/);
  });
});

describe('createHlcClock', () => {
  it('uses physical time and counts within one ms', () => {
    const c = manualClock(T0);
    const clock = createHlcClock('n1', c.now);
    expect(clock.tick()).toBe('1767225600000:0000:n1');
    expect(clock.tick()).toBe('1767225600000:0001:n1');
    c.set(T0 + 5);
    expect(clock.tick()).toBe('1767225600005:0000:n1');
    expect(clock.last()).toBe('1767225600005:0000:n1');
  });

  it('stays monotonic when physical time goes backwards', () => {
    const c = manualClock(T0 + 1000);
    const clock = createHlcClock('n1', c.now);
    const a = clock.tick();
    c.set(T0); // NTP step back by 1 s
    const b = clock.tick();
    const d = clock.tick();
    expect(b).toBe('1767225601000:0001:n1');
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, d)).toBe(-1);
    c.set(T0 + 1001);
    expect(clock.tick()).toBe('1767225601001:0000:n1');
  });

  it('resumes after a restart from the persisted last HLC even if the clock was set back', () => {
    const clock = createHlcClock('n1', () => T0, { last: '1767225609999:0003:n1' });
    expect(clock.last()).toBe('1767225609999:0003:n1');
    expect(clock.tick()).toBe('1767225609999:0004:n1');
  });

  it('on counter overflow borrows the next millisecond', () => {
    const clock = createHlcClock('n1', () => T0, {
      last: formatHlc({ wall: T0, counter: HLC_MAX_COUNTER - 1, node: 'n1' }),
    });
    expect(clock.tick()).toBe('1767225600000:zzzz:n1');
    expect(clock.tick()).toBe('1767225600001:0000:n1');
    expect(clock.tick()).toBe('1767225600001:0001:n1');
  });

  it('receive moves past a remote clock that is ahead', () => {
    const c = manualClock(T0);
    const clock = createHlcClock('n1', c.now);
    clock.tick();
    expect(clock.receive('1767225600500:0007:n2')).toBe('1767225600500:0008:n1');
    expect(clock.tick()).toBe('1767225600500:0009:n1');
    // Same wall on both sides: the larger counter + 1.
    expect(clock.receive('1767225600500:0020:n2')).toBe('1767225600500:0021:n1');
    // Remote behind: local counter + 1.
    expect(clock.receive('1767225600001:0099:n2')).toBe('1767225600500:0022:n1');
    // Physical time ahead of both: counter restarts.
    c.set(T0 + 900);
    expect(clock.receive('1767225600500:0099:n2')).toBe('1767225600900:0000:n1');
  });

  it('receive can refuse remote clocks too far ahead', () => {
    const clock = createHlcClock('server', () => T0, { maxDriftMs: 60_000 });
    expect(() => clock.receive('1767225700000:0000:n2')).toThrow(
      /100000 ms ahead of this clock \(limit 60000 ms\)/,
    );
    expect(clock.receive('1767225660000:0000:n2')).toBe('1767225660000:0001:server');
  });

  it('every issued HLC is greater than everything before it (random time and messages)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ dt: fc.integer({ min: -50, max: 50 }) }),
            fc.record({
              remoteAhead: fc.integer({ min: -50, max: 50 }),
              counter: fc.integer({ min: 0, max: 50 }),
            }),
          ),
          { maxLength: 60 },
        ),
        (steps) => {
          let t = T0;
          const clock = createHlcClock('n1', () => t);
          let prev = clock.tick();
          for (const step of steps) {
            let next: string;
            if ('dt' in step) {
              t = Math.max(0, t + step.dt);
              next = clock.tick();
            } else {
              const remote = formatHlc({
                wall: Math.max(0, t + step.remoteAhead),
                counter: step.counter,
                node: 'n2',
              });
              next = clock.receive(remote);
              expect(compareHlc(remote, next)).toBe(-1);
            }
            expect(compareHlc(prev, next)).toBe(-1);
            prev = next;
          }
        },
      ),
    );
  });

  it('rejects bad node ids and clocks', () => {
    expect(() => createHlcClock('a:b', () => T0)).toThrow(/node id "a:b"/);
    expect(() => createHlcClock('n', () => Number.NaN).tick()).toThrow(/not a usable ms timestamp/);
  });
});

describe('clock bounds', () => {
  it('measures how far an HLC is ahead of a wall time', () => {
    const hlc = formatHlc({ wall: T0 + 90_000, counter: 3, node: 'n' });
    expect(hlcAheadMs(hlc, T0)).toBe(90_000);
    expect(hlcAheadMs(hlc, T0 + 100_000)).toBe(-10_000);
    expect(MAX_CLOCK_AHEAD_MS).toBe(300_000);
  });

  it('gives the next HLC of another node after a given one', () => {
    const at = formatHlc({ wall: T0, counter: 5, node: 'zzz' });
    const next = hlcSuccessor(at, 'aaa');
    expect(next).toBe(formatHlc({ wall: T0, counter: 6, node: 'aaa' }));
    expect(compareHlc(at, next as string)).toBe(-1);
    const full = formatHlc({ wall: T0, counter: HLC_MAX_COUNTER, node: 'n' });
    expect(hlcSuccessor(full, 'n')).toBe(formatHlc({ wall: T0 + 1, counter: 0, node: 'n' }));
    expect(hlcSuccessor('9999999999999:zzzz:n', 'n')).toBeNull();
  });
});
