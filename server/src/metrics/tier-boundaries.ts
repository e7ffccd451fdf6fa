import { compareCodeUnits } from '@rapport/shared/domain/collections';
import { checkTierThresholds, type TierThresholds } from '@rapport/shared/settings';
import type { RankedRow } from '../store/repos/customer-metrics.ts';
import type { Store } from '../store/store.ts';

/** A place in the ranking: profit descending, ties by id in code-unit order (as shared assignTiers). */
interface Key {
  profit: bigint;
  customerId: string;
}

/** Negative when `x` ranks before `y`. */
function compare(x: Key, y: Key): number {
  if (x.profit !== y.profit) return x.profit > y.profit ? -1 : 1;
  return compareCodeUnits(x.customerId, y.customerId);
}

/** A customer whose totals changed since its row was stored (or who has no row). */
export interface RankOverlay {
  customerId: string;
  profit: bigint;
  lines: number;
}

/** A stored row as the ranking reads it (null: no row). */
export interface StoredRank {
  profit: bigint;
  lines: number | null;
  tier: string;
}

const PAGE = 256;

/**
 * Stored rows one page of the index at a time, overlay customers skipped: `down` from after `from`
 * (or from the top), `up` from `from` itself (inclusive, last first) towards the top.
 */
async function* storedRows(
  tx: Store,
  teamId: string,
  from: Key | null,
  way: 'down' | 'up',
  skip: ReadonlySet<string>,
): AsyncGenerator<RankedRow> {
  let at = from;
  let direction: 'down' | 'up' | 'up-from' = way === 'up' ? 'up-from' : 'down';
  for (;;) {
    const page = await tx.customerMetrics.rankPage(teamId, at, direction, PAGE);
    for (const r of page) if (!skip.has(r.customerId)) yield r;
    if (page.length < PAGE) return;
    at = page[page.length - 1] as RankedRow;
    if (direction === 'up-from') direction = 'up';
  }
}

/** Merges stored rows (already in order) with overlay keys (sorted the same way). */
async function* merged(
  stored: AsyncGenerator<RankedRow>,
  overlay: readonly Key[],
  order: 1 | -1,
): AsyncGenerator<Key & { tier: string | null }> {
  let i = 0;
  let next = await stored.next();
  while (!next.done || i < overlay.length) {
    const o = overlay[i];
    if (o && (next.done || order * compare(o, next.value) < 0)) {
      yield { ...o, tier: null };
      i++;
    } else if (!next.done) {
      yield next.value;
      next = await stored.next();
    }
  }
}

/**
 * The tiers (A, B, C) of the ranked customers whose tier a recompute must write: every overlay
 * customer that ranks (window lines > 0, profit > 0) and every other stored row whose tier moved.
 * Same rule as shared assignTiers (100·C ≤ a·P with C the running sum including the customer, the
 * first is A, ties by id), found near the tier boundaries only: the stored rows' tiers are that
 * rule's answer for the stored figures, so the last stored A (and the last A or B) is a place in the
 * ranking whose running sum is known; with the overlay's old figures taken out and its new ones put
 * in, the new boundary is found by walking from there (up or down, in pages of the `(team_id,
 * profit)` index) until the running sum crosses the cut-off. Only the rows between the old and the
 * new boundary change tier, and only they (and the top row, always A) are read. Sums are exact
 * bigints in JS: no 64-bit limit.
 */
export async function rankedTierChanges(
  tx: Store,
  teamId: string,
  overlay: readonly RankOverlay[],
  storedOf: ReadonlyMap<string, StoredRank>,
  thresholds: TierThresholds,
): Promise<Map<string, 'A' | 'B' | 'C'>> {
  const { a, b } = checkTierThresholds(thresholds);
  const skip = new Set(overlay.map((o) => o.customerId));
  const ranks = (s: StoredRank | undefined) => s !== undefined && (s.lines ?? 0) > 0 && s.profit > 0n;
  // The overlay's stored places (taken out) and new places (put in), each in rank order.
  const oldIn: Key[] = [];
  const newIn: Key[] = [];
  for (const o of overlay) {
    const s = storedOf.get(o.customerId);
    if (s && ranks(s)) oldIn.push({ customerId: o.customerId, profit: s.profit });
    if (o.lines > 0 && o.profit > 0n) newIn.push({ customerId: o.customerId, profit: o.profit });
  }
  oldIn.sort(compare);
  newIn.sort(compare);
  const sum = (keys: readonly Key[]) => keys.reduce((t, k) => t + k.profit, 0n);
  const total = (await tx.customerMetrics.positiveProfit(teamId)) - sum(oldIn) + sum(newIn);
  const out = new Map<string, 'A' | 'B' | 'C'>();
  if (total <= 0n) return out;

  // Stored rows that may change tier, with their stored tier.
  const candidates = new Map<string, RankedRow>();
  const top = (await storedRows(tx, teamId, null, 'down', skip).next()).value as RankedRow | undefined;
  if (top) candidates.set(top.customerId, top);
  const first = top && (!newIn[0] || compare(top, newIn[0]) < 0) ? top : newIn[0];

  /** The last place whose new running sum is within `cut`% of the total (null: none). */
  const boundary = async (tiers: ReadonlySet<string>, cut: number): Promise<Key | null> => {
    const limit = BigInt(cut) * total;
    const anchor = await tx.customerMetrics.lastOfTiers(teamId, tiers);
    // The new running sum at the anchor: its stored running sum, the overlay's stored profits ranked
    // at or before it out, their new profits ranked at or before it in.
    let run = anchor
      ? anchor.running -
        sum(oldIn.filter((k) => compare(k, anchor) <= 0)) +
        sum(newIn.filter((k) => compare(k, anchor) <= 0))
      : 0n;
    if (!anchor || 100n * run <= limit) {
      let last: Key | null = anchor;
      const after = newIn.filter((k) => !anchor || compare(k, anchor) > 0);
      for await (const e of merged(storedRows(tx, teamId, anchor, 'down', skip), after, 1)) {
        run += e.profit;
        if (100n * run > limit) break;
        if (e.tier !== null) candidates.set(e.customerId, e as RankedRow);
        last = e;
      }
      return last;
    }
    const atOrBefore = newIn.filter((k) => compare(k, anchor) <= 0).reverse();
    for await (const e of merged(storedRows(tx, teamId, anchor, 'up', skip), atOrBefore, -1)) {
      if (100n * run <= limit) return e;
      if (e.tier !== null) candidates.set(e.customerId, e as RankedRow);
      run -= e.profit;
    }
    return null;
  };
  const lastA = await boundary(new Set(['A']), a);
  const lastB = await boundary(new Set(['A', 'B']), b);
  const tierOf = (k: Key): 'A' | 'B' | 'C' =>
    (first && compare(k, first) === 0) || (lastA && compare(k, lastA) <= 0)
      ? 'A'
      : lastB && compare(k, lastB) <= 0
        ? 'B'
        : 'C';
  for (const k of newIn) out.set(k.customerId, tierOf(k));
  for (const r of candidates.values()) {
    const tier = tierOf(r);
    if (tier !== r.tier) out.set(r.customerId, tier);
  }
  return out;
}
