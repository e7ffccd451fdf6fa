import { describe, expect, it } from 'vitest';
import {
  knowsBestLine,
  type RelationshipInteraction,
  relationshipStrengths,
  warmthOf,
} from './relationship.ts';

const now = new Date('2026-07-01T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const i = (
  authorId: string,
  kind: string,
  direction: 'in' | 'out',
  age: number,
): RelationshipInteraction => ({
  authorId,
  kind,
  direction,
  at: daysAgo(age),
});

describe('relationshipStrengths', () => {
  it('weighs kinds, halves per 60 days and doubles two-way', () => {
    const rows = relationshipStrengths(
      [
        // sam: meeting today 3 + call 60 days ago 2 × 0.5 = 1 + email 120 days ago 1 × 0.25 -> 4.25, all out.
        i('sam', 'meeting', 'out', 0),
        i('sam', 'call', 'out', 60),
        i('sam', 'email', 'out', 120),
        // ada: email out today 1 + email in 60 days ago 0.5 = 1.5, two-way -> 3.
        i('ada', 'email', 'out', 0),
        i('ada', 'email', 'in', 60),
        // bo: a meeting 180 days ago is outside the window; a note weighs 0; a future call is ignored.
        i('bo', 'meeting', 'out', 180),
        i('bo', 'note', 'out', 1),
        i('bo', 'call', 'out', -1),
      ],
      now,
    );
    expect(rows.map((r) => [r.memberId, r.score, r.twoWay, r.warmth])).toEqual([
      ['sam', 4.25, false, 'warm'],
      ['ada', 3, true, 'warm'],
    ]);
    // Last 90 days: sam's meeting and call (the email at 120 days is older).
    expect(rows[0]?.quarter).toEqual({ meeting: 1, call: 1 });
    expect(rows[0]?.lastAt).toBe(daysAgo(0));
  });

  it('breaks equal scores by the most recent interaction', () => {
    // x and y: one email 60 days ago each -> 1 × 0.5 = 0.5; equal scores and times: member id decides.
    const same = relationshipStrengths([i('y', 'email', 'out', 60), i('x', 'email', 'out', 60)], now);
    expect(same.map((r) => r.memberId)).toEqual(['x', 'y']);
  });

  it('says who to ask in one line', () => {
    const [best] = relationshipStrengths(
      Array.from({ length: 12 }, (_, k) => i('sam', 'email', 'out', k)),
      now,
    );
    expect(best && knowsBestLine(best, 'Sam')).toBe('ask Sam — 12 emails this quarter');
    const [one] = relationshipStrengths([i('sam', 'meeting', 'out', 100)], now);
    // Older than 90 days: nothing this quarter.
    expect(one && knowsBestLine(one, 'Sam')).toBe('ask Sam');
  });

  it('names warmth by score', () => {
    expect([10, 9.99, 3, 2.9, 0.1, 0].map(warmthOf)).toEqual(['hot', 'warm', 'warm', 'cool', 'cool', 'cold']);
  });
});
