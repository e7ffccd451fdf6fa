import type { Money } from '../money.ts';
import { compareCodeUnits } from './collections.ts';
import { daysBetween, type IsoDate } from './dates.ts';

/** One customer's RFM inputs over the tier window (customers with at least one order there). */
export interface RfmInput {
  id: string;
  /** Day of the customer's newest order in the window. */
  lastOrderAt: IsoDate;
  /** Distinct orders in the window (≥ 1). */
  orders: number;
  /** Profit in the window (not revenue): monetary value is what the customer earned us. */
  profit: Money;
}

/**
 * Segments, in the order they are checked (the first match wins, so every customer lands in
 * exactly one). FM = (F + M) / 2, compared as F + M against twice the bound to stay in integers.
 *   champions   R ≥ 4 and FM ≥ 4
 *   cant-lose   R = 1 and FM ≥ 4   (before at-risk, which would also match)
 *   at-risk     R ≤ 2 and FM ≥ 3   (also takes R = 1, F = 1, M = 5: one big order long ago)
 *   new         R = 5 and F = 1    (before loyal and potential: one recent order is not loyalty)
 *   loyal       R ≥ 3 and FM ≥ 3
 *   potential   R ≥ 4 and FM ≤ 2
 *   hibernating R ≤ 2 and FM ≤ 2 and F ≥ 2
 *   lost        R = 1 and F = 1
 *   other       the gaps: R = 3 with FM < 3, R ≥ 4 with FM 2.5 (unless new), R = 2 with F = 1 and FM ≤ 2
 * F here is the frequency score (1–5), like R and M.
 */
export const SEGMENTS = [
  'champions',
  'cant-lose',
  'at-risk',
  'new',
  'loyal',
  'potential',
  'hibernating',
  'lost',
  'other',
] as const;
export type Segment = (typeof SEGMENTS)[number];

export type Score = 1 | 2 | 3 | 4 | 5;

export interface RfmScore {
  id: string;
  /** Days from the last order to the as-of day. */
  recencyDays: number;
  orders: number;
  profit: Money;
  r: Score;
  f: Score;
  m: Score;
  segment: Segment;
  /** Profit ≤ 0: the customer keeps tier D beside whatever segment it lands in. */
  lossMaking: boolean;
}

/**
 * Quintile scores 1–5 by ascending key: sorted ascending, the item at 0-based position i of n
 * scores ⌊5·i / n⌋ + 1; items with equal keys all take the score of the first of them (ties share
 * the lower score). `compare` orders keys ascending.
 */
export function quintileScores<T>(items: readonly T[], compare: (a: T, b: T) => number): Map<T, Score> {
  const sorted = [...items].sort(compare);
  const out = new Map<T, Score>();
  const n = sorted.length;
  let score: Score = 1;
  sorted.forEach((item, i) => {
    const previous = sorted[i - 1];
    if (i === 0 || previous === undefined || compare(previous, item) !== 0)
      score = (Math.floor((5 * i) / n) + 1) as Score;
    out.set(item, score);
  });
  return out;
}

/** The segment of one (R, F, M) triple by the ordered rules on SEGMENTS. */
export function segmentOf(r: Score, f: Score, m: Score): Segment {
  const fm2 = f + m; // 2 × FM
  if (r >= 4 && fm2 >= 8) return 'champions';
  if (r === 1 && fm2 >= 8) return 'cant-lose';
  if (r <= 2 && fm2 >= 6) return 'at-risk';
  if (r === 5 && f === 1) return 'new';
  if (r >= 3 && fm2 >= 6) return 'loyal';
  if (r >= 4 && fm2 <= 4) return 'potential';
  if (r <= 2 && fm2 <= 4 && f >= 2) return 'hibernating';
  if (r === 1 && f === 1) return 'lost';
  return 'other';
}

/**
 * RFM by profit over one window, scored within the team: R = days since the last order (fewer
 * days score higher, so R ranks by days descending), F = distinct orders, M = profit. Each score
 * is a quintile 1–5 within the customers given (ties share the lower score); then segmentOf.
 */
export function scoreRfm(customers: readonly RfmInput[], asOf: IsoDate): RfmScore[] {
  const seen = new Set<string>();
  const rows = customers.map((c) => {
    if (seen.has(c.id)) throw new RangeError(`Customer ${JSON.stringify(c.id)} is listed twice`);
    seen.add(c.id);
    if (!Number.isInteger(c.orders) || c.orders < 1)
      throw new RangeError(`Customer ${JSON.stringify(c.id)} needs at least one order, got ${c.orders}`);
    const recencyDays = daysBetween(c.lastOrderAt, asOf);
    if (recencyDays < 0)
      throw new RangeError(`Customer ${JSON.stringify(c.id)} ordered on ${c.lastOrderAt}, after ${asOf}`);
    return { ...c, recencyDays };
  });
  const r = quintileScores(rows, (a, b) => b.recencyDays - a.recencyDays);
  const f = quintileScores(rows, (a, b) => a.orders - b.orders);
  const m = quintileScores(rows, (a, b) => compareCodeUnits(a.profit, b.profit));
  return rows.map((row) => {
    const scores = { r: r.get(row) ?? 1, f: f.get(row) ?? 1, m: m.get(row) ?? 1 };
    return {
      id: row.id,
      recencyDays: row.recencyDays,
      orders: row.orders,
      profit: row.profit,
      ...scores,
      segment: segmentOf(scores.r, scores.f, scores.m),
      lossMaking: row.profit <= 0n,
    };
  });
}

export interface SegmentSummary {
  segment: Segment;
  customers: number;
  profit: Money;
}

/** Customers and exact profit per segment, every segment listed (zeros included), in SEGMENTS order. */
export function summarizeSegments(scores: readonly Pick<RfmScore, 'segment' | 'profit'>[]): SegmentSummary[] {
  const by = new Map<Segment, SegmentSummary>(
    SEGMENTS.map((segment) => [segment, { segment, customers: 0, profit: 0n }]),
  );
  for (const s of scores) {
    const row = by.get(s.segment);
    if (!row) continue;
    row.customers += 1;
    row.profit += s.profit;
  }
  return [...by.values()];
}

/** 'none': the customer had no order in that window. */
export type SegmentOrNone = Segment | 'none';

export interface SegmentTransition {
  from: SegmentOrNone;
  to: SegmentOrNone;
  customers: number;
}

/**
 * Movement between two windows' segments: how many customers went from each segment (or none,
 * no order in the earlier window) to each segment (or none). Only non-zero cells are listed, in
 * SEGMENTS order then none.
 */
export function segmentTransitions(
  previous: ReadonlyMap<string, Segment>,
  current: ReadonlyMap<string, Segment>,
): SegmentTransition[] {
  const order: SegmentOrNone[] = [...SEGMENTS, 'none'];
  const counts = new Map<string, number>();
  const ids = new Set([...previous.keys(), ...current.keys()]);
  for (const id of ids) {
    const key = `${previous.get(id) ?? 'none'}>${current.get(id) ?? 'none'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: SegmentTransition[] = [];
  for (const from of order)
    for (const to of order) {
      const customers = counts.get(`${from}>${to}`);
      if (customers) out.push({ from, to, customers });
    }
  return out;
}
