import { randomBytes } from 'node:crypto';
import { createClock, type Hlc, type Clock as HlcClock } from '@rapport/shared/sync/hlc';
import { maxHlc } from '@rapport/shared/sync/merge';
import type { RowState } from '@rapport/shared/sync/row';
import type { Clock } from '../lib/clock.ts';

export type { HlcClock };

/** This process's hybrid logical clock; the node id is unique per process so two servers never tie. */
export function createServerHlc(clock: Clock): HlcClock {
  return createClock(`srv-${randomBytes(4).toString('hex')}`, () => clock.now().getTime());
}

/**
 * An HLC for a server write to `state` that is later than everything already in the row, so a
 * client whose clock runs ahead cannot make a server edit lose last-writer-wins.
 */
export function nextHlc(hlc: HlcClock, state: RowState | null): Hlc {
  const latest = state ? maxHlc(state) : null;
  return latest ? hlc.receive(latest) : hlc.tick();
}
