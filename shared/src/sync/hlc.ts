import { compareCodeUnits } from '../domain/collections.ts';

/**
 * A hybrid logical clock timestamp, "<wall>:<counter>:<node>": 13-digit zero-padded wall ms, a
 * 4-digit base-36 counter and the node id. Fixed-width fields make string order equal clock order,
 * so HLCs compare with `<` and sort in SQL as plain text. Example: "1767225600000:0000:server".
 */
export type Hlc = string;

export const HLC_WALL_DIGITS = 13;
export const HLC_COUNTER_DIGITS = 4;
/** Highest counter value ("zzzz"); one more event in the same ms borrows the next ms (see tick). */
export const HLC_MAX_COUNTER = 36 ** HLC_COUNTER_DIGITS - 1;
const MAX_WALL = 10 ** HLC_WALL_DIGITS - 1;
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const HLC_PATTERN = /^(\d{13}):([0-9a-z]{4}):([A-Za-z0-9_-]{1,64})$/;

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export class HlcError extends Error {
  override name = 'HlcError';
}

export function formatHlc({ wall, counter, node }: HlcParts): Hlc {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL)
    throw new HlcError(`HLC wall time ${wall} is out of range`);
  if (!Number.isInteger(counter) || counter < 0 || counter > HLC_MAX_COUNTER)
    throw new HlcError(`HLC counter ${counter} is out of range`);
  if (!NODE_ID.test(node))
    throw new HlcError(`HLC node id ${JSON.stringify(node)} must be 1–64 letters, digits, "_" or "-"`);
  return `${String(wall).padStart(HLC_WALL_DIGITS, '0')}:${counter.toString(36).padStart(HLC_COUNTER_DIGITS, '0')}:${node}`;
}

export function parseHlc(hlc: string): HlcParts {
  const match = HLC_PATTERN.exec(hlc);
  if (!match)
    throw new HlcError(
      `Invalid HLC ${JSON.stringify(hlc)}: expected "<13-digit ms>:<4 base-36 digits>:<node id>"`,
    );
  return {
    wall: Number(match[1]),
    counter: Number.parseInt(match[2] as string, 36),
    node: match[3] as string,
  };
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

/** Clock order (-1, 0, 1); the node id breaks ties between nodes, so distinct nodes never compare equal. */
export function compareHlc(a: Hlc, b: Hlc): -1 | 0 | 1 {
  return compareCodeUnits(a, b);
}

/** The wall time of an HLC as ISO-8601 UTC (used for derived updatedAt). */
export function hlcToIso(hlc: Hlc): string {
  return new Date(parseHlc(hlc).wall).toISOString();
}

/**
 * How far ahead of the server's wall clock a client's HLC may be. A device whose clock runs fast
 * would otherwise win every later edit by anyone (last-writer-wins) and stamp rows with future
 * times; the server refuses such mutations and clients correct their clock to the server's time.
 */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/** How many ms `hlc`'s wall time is ahead of `nowMs` (≤ 0 when it is not ahead). */
export function hlcAheadMs(hlc: Hlc, nowMs: number): number {
  return parseHlc(hlc).wall - nowMs;
}

/**
 * The smallest HLC of `node` that orders after `hlc` (same wall, next counter; the next ms when the
 * counter is full), or null when none can be represented.
 */
export function hlcSuccessor(hlc: Hlc, node: string): Hlc | null {
  const { wall, counter } = parseHlc(hlc);
  const next = counter < HLC_MAX_COUNTER ? { wall, counter: counter + 1 } : { wall: wall + 1, counter: 0 };
  return next.wall > MAX_WALL ? null : formatHlc({ ...next, node });
}

export interface HlcClockOptions {
  /** The last HLC this node issued (persisted), so a restart with a clock set back stays monotonic. */
  last?: Hlc;
  /** When set, receive() throws for a remote HLC more than this many ms ahead of physical time. */
  maxDriftMs?: number;
}

export interface HlcClock {
  readonly nodeId: string;
  /** A new HLC for a local event, greater than every HLC issued or received before. */
  tick(): Hlc;
  /** Merges a remote HLC (e.g. from a pulled row) and returns a new local HLC greater than both. */
  receive(remote: Hlc): Hlc;
  /** The last HLC issued (for persistence), or null before the first event. */
  last(): Hlc | null;
}

/**
 * A hybrid logical clock (Kulkarni et al.). If physical time goes backwards, timestamps keep the
 * highest wall seen and count up. When the counter would pass HLC_MAX_COUNTER within one ms, the
 * clock moves its wall 1 ms ahead of physical time and restarts the counter: order is kept at the
 * cost of running up to a few ms ahead during a burst of > 1.6M events per ms (never in practice).
 */
export function createHlcClock(nodeId: string, now: () => number, options: HlcClockOptions = {}): HlcClock {
  if (!NODE_ID.test(nodeId))
    throw new HlcError(`HLC node id ${JSON.stringify(nodeId)} must be 1–64 letters, digits, "_" or "-"`);
  let wall = 0;
  let counter = 0;
  let issued: Hlc | null = null;
  if (options.last !== undefined) {
    const last = parseHlc(options.last);
    wall = last.wall;
    counter = last.counter;
    issued = options.last;
  }

  const physical = (): number => {
    const t = Math.floor(now());
    if (!Number.isSafeInteger(t) || t < 0 || t > MAX_WALL)
      throw new HlcError(`now() returned ${t}, not a usable ms timestamp`);
    return t;
  };

  const emit = (nextWall: number, nextCounter: number): Hlc => {
    if (nextCounter > HLC_MAX_COUNTER) {
      nextWall += 1;
      nextCounter = 0;
    }
    wall = nextWall;
    counter = nextCounter;
    issued = formatHlc({ wall, counter, node: nodeId });
    return issued;
  };

  return {
    nodeId,
    tick() {
      const pt = physical();
      return pt > wall ? emit(pt, 0) : emit(wall, counter + 1);
    },
    receive(remote) {
      const r = parseHlc(remote);
      const pt = physical();
      if (options.maxDriftMs !== undefined && r.wall - pt > options.maxDriftMs) {
        throw new HlcError(
          `Remote HLC ${remote} is ${r.wall - pt} ms ahead of this clock (limit ${options.maxDriftMs} ms)`,
        );
      }
      const next = Math.max(wall, r.wall, pt);
      if (next === wall && next === r.wall) return emit(next, Math.max(counter, r.counter) + 1);
      if (next === wall) return emit(next, counter + 1);
      if (next === r.wall) return emit(next, r.counter + 1);
      return emit(next, 0);
    },
    last: () => issued,
  };
}
