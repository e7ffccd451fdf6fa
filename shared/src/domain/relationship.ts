import { parseInstant } from './dates.ts';

/** Interactions older than this many days do not count. */
export const RELATIONSHIP_WINDOW_DAYS = 180;
/** An interaction's weight halves for every this many days of age. */
export const RELATIONSHIP_HALF_LIFE_DAYS = 60;
/** Weight per kind: a meeting says more than a call, a call more than an email or social touch. Other kinds (notes, greetings, …) are not contact with the person and weigh 0. */
export const RELATIONSHIP_KIND_WEIGHTS: Readonly<Record<string, number>> = {
  meeting: 3,
  call: 2,
  email: 1,
  social: 1,
};
/** "This quarter" in the card's summary ("12 emails this quarter"): the last 90 days. */
export const QUARTER_DAYS = 90;

export interface RelationshipInteraction {
  /** The team member who logged it (the author). */
  authorId: string;
  kind: string;
  direction: 'in' | 'out';
  /** ISO-8601 instant. */
  at: string;
}

export interface RelationshipStrength {
  memberId: string;
  /**
   * Σ kind weight × 0.5^(age in days / 60) over the member's interactions with the contact in the
   * last 180 days, doubled when both directions occur among them (two-way).
   */
  score: number;
  twoWay: boolean;
  /** Counted interactions per kind in the last 90 days (for "12 emails this quarter"). */
  quarter: Record<string, number>;
  lastAt: string;
  warmth: Warmth;
}

export type Warmth = 'hot' | 'warm' | 'cool' | 'cold';

/**
 * How warm a score is: hot ≥ 10 (about a meeting a fortnight, or a two-way weekly email), warm ≥ 3
 * (a recent meeting), cool > 0, cold 0.
 */
export function warmthOf(score: number): Warmth {
  return score >= 10 ? 'hot' : score >= 3 ? 'warm' : score > 0 ? 'cool' : 'cold';
}

const DAY_MS = 86_400_000;

/**
 * Relationship strength of every team member with one contact, strongest first (ties: the most
 * recent interaction, then member id). The first row is the member who "knows best". Members
 * with no weighted interaction in the window are left out; future-dated interactions are ignored.
 */
export function relationshipStrengths(
  interactions: Iterable<RelationshipInteraction>,
  now: Date,
): RelationshipStrength[] {
  const nowMs = now.getTime();
  const by = new Map<
    string,
    { score: number; dirs: Set<string>; quarter: Record<string, number>; lastAt: string; lastMs: number }
  >();
  for (const i of interactions) {
    const weight = RELATIONSHIP_KIND_WEIGHTS[i.kind] ?? 0;
    if (weight === 0) continue;
    const atMs = parseInstant(i.at, 'interaction time').getTime();
    const ageDays = (nowMs - atMs) / DAY_MS;
    if (ageDays < 0 || ageDays >= RELATIONSHIP_WINDOW_DAYS) continue;
    let row = by.get(i.authorId);
    if (!row) {
      row = { score: 0, dirs: new Set(), quarter: {}, lastAt: i.at, lastMs: atMs };
      by.set(i.authorId, row);
    }
    row.score += weight * 0.5 ** (ageDays / RELATIONSHIP_HALF_LIFE_DAYS);
    row.dirs.add(i.direction);
    if (ageDays < QUARTER_DAYS) row.quarter[i.kind] = (row.quarter[i.kind] ?? 0) + 1;
    if (atMs > row.lastMs) {
      row.lastMs = atMs;
      row.lastAt = i.at;
    }
  }
  const out = [...by].map(([memberId, r]) => {
    const twoWay = r.dirs.size === 2;
    const score = twoWay ? 2 * r.score : r.score;
    return {
      memberId,
      score,
      twoWay,
      quarter: r.quarter,
      lastAt: r.lastAt,
      warmth: warmthOf(score),
      ms: r.lastMs,
    };
  });
  out.sort((a, b) => b.score - a.score || b.ms - a.ms || (a.memberId < b.memberId ? -1 : 1));
  return out.map(({ ms: _ms, ...rest }) => rest);
}

/** The card's one line: "ask Sam — 12 emails this quarter" (the most frequent kind in the last 90 days). */
export function knowsBestLine(best: RelationshipStrength, name: string): string {
  const top = Object.entries(best.quarter).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!top) return `ask ${name}`;
  const [kind, n] = top;
  return `ask ${name} — ${n} ${n === 1 ? kind : `${kind}${kind.endsWith('s') ? '' : 's'}`} this quarter`;
}
