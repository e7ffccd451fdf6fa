import { randomBytes } from 'node:crypto';
import { createHlcClock, type Hlc, type HlcClock, hlcSuccessor } from '@rapport/shared/sync/hlc';
import { maxHlc } from '@rapport/shared/sync/merge';
import type { RowState } from '@rapport/shared/sync/row';
import type { Clock } from '../lib/clock.ts';

export type { HlcClock };

/**
 * This process's hybrid logical clock; the node id is unique per process so two servers never tie.
 * It only ever follows the server's wall clock: nothing a client sends moves it (see nextHlc), so
 * one device's clock — however far ahead — cannot reach another team's rows or the server's own
 * timestamps. That makes it a per-team clock in effect: no team's data influences it.
 */
export function createServerHlc(clock: Clock): HlcClock {
  return createHlcClock(`srv-${randomBytes(4).toString('hex')}`, () => clock.now().getTime());
}

/**
 * An HLC for a server write to `state` (a merge, a REST edit, an import) that is later than
 * everything already in the row, so the server's edit wins last-writer-wins even over a client
 * whose clock ran ahead. Computed per row, without moving the server clock: when the row's latest
 * HLC is ahead of the clock, the write takes the HLC right after it instead.
 */
export function nextHlc(hlc: HlcClock, state: RowState | null): Hlc {
  return nextHlcAfter(hlc, state ? maxHlc(state) : null);
}

/** nextHlc for a row whose latest HLC (of its fields, set elements and tombstone) is `latest`. */
export function nextHlcAfter(hlc: HlcClock, latest: Hlc | null): Hlc {
  const now = hlc.tick();
  if (latest === null || latest < now) return now;
  // A row stamped at the very end of the representable range (written before clocks were bounded)
  // has no successor: the server write then takes its own time.
  return hlcSuccessor(latest, hlc.nodeId) ?? now;
}
