import { relationshipStrengths } from '@rapport/shared/domain/relationship';
import type { Interaction } from '@rapport/shared/schemas/interaction';

export interface KnowsBest {
  memberId: string;
  self: boolean;
  name: string | null;
  kind: string | null;
  count: number;
  warmth: 'hot' | 'warm' | 'cool' | 'cold';
}

/**
 * The card's "ask Sam — 12 emails this quarter", computed in the extension from the contact's synced
 * interactions with the shared relationship rule (works offline). Another member is named from
 * `names`, the cached team member list (db/queries/members.ts); null when the list does not have them.
 */
export function knowsBest(
  interactions: readonly Interaction[],
  now: Date,
  me: { id: string; name: string } | null,
  names: ReadonlyMap<string, string> = new Map(),
): KnowsBest | null {
  const best = relationshipStrengths(
    interactions.map((i) => ({ authorId: i.authorId, kind: i.kind, direction: i.direction, at: i.at })),
    now,
  )[0];
  if (!best) return null;
  const top = Object.entries(best.quarter).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  const self = me !== null && best.memberId === me.id;
  return {
    memberId: best.memberId,
    self,
    name: self ? (me?.name ?? null) : (names.get(best.memberId) ?? null),
    kind: top?.[0] ?? null,
    count: top?.[1] ?? 0,
    warmth: best.warmth,
  };
}
