import { z } from '@hono/zod-openapi';
import {
  knowsBestLine,
  RELATIONSHIP_WINDOW_DAYS,
  type RelationshipInteraction,
  relationshipStrengths,
} from '@rapport/shared/domain/relationship';
import type { Clock } from '../lib/clock.ts';
import { notFound } from '../lib/errors.ts';
import type { Store } from '../store/store.ts';

export const RelationshipsQuery = z.object({
  contactId: z
    .string({ error: 'contactId is required' })
    .min(1)
    .max(100)
    .openapi({ description: 'The contact whose relationships to list' }),
});
export type RelationshipsQuery = z.infer<typeof RelationshipsQuery>;

export const RelationshipsReportSchema = z
  .object({
    contactId: z.string(),
    windowDays: z.number().int(),
    knowsBest: z
      .object({
        memberId: z.string(),
        name: z.string(),
        line: z.string().openapi({ example: 'ask Sam — 12 emails this quarter' }),
      })
      .nullable(),
    members: z.array(
      z.object({
        memberId: z.string(),
        name: z.string(),
        score: z.number(),
        warmth: z.enum(['hot', 'warm', 'cool', 'cold']),
        twoWay: z.boolean(),
        quarter: z.record(z.string(), z.number().int()),
        lastAt: z.string(),
      }),
    ),
  })
  .openapi('RelationshipsReport');
export type RelationshipsReport = z.infer<typeof RelationshipsReportSchema>;

/**
 * Who on the team knows a contact best: per member, interactions of the last 180 days weighted by
 * kind (meeting 3, call 2, email and social 1), halved per 60 days of age, doubled when two-way.
 */
export async function relationshipsReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: RelationshipsQuery,
): Promise<RelationshipsReport> {
  const contact = await store.rows.get(teamId, 'contact', q.contactId);
  if (!contact || contact.deletedAt !== null) throw notFound(`No contact ${q.contactId} in this team`);
  const [all, users] = await Promise.all([
    store.insight.contactInteractions<RelationshipInteraction & { id: string; supersedes: string | null }>(
      teamId,
      q.contactId,
    ),
    store.users.list(teamId),
  ]);
  // An edit is a new interaction naming the one it replaces: count the newest version only.
  const replaced = new Set(all.map((i) => i.supersedes).filter((id) => id !== null));
  const interactions = all.filter((i) => !replaced.has(i.id));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const members = relationshipStrengths(interactions, clock.now()).map((m) => ({
    ...m,
    name: names.get(m.memberId) ?? '(former member)',
  }));
  const best = members[0];
  return {
    contactId: q.contactId,
    windowDays: RELATIONSHIP_WINDOW_DAYS,
    knowsBest: best
      ? { memberId: best.memberId, name: best.name, line: knowsBestLine(best, best.name) }
      : null,
    members,
  };
}
