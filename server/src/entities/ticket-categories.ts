import { ValidationError } from '@rapport/shared/schemas/errors';
import { teamSettings } from '../accounts/settings.ts';
import type { RowWrite, Store } from '../store/store.ts';

/**
 * A ticket's category must be one the team configured (settings.ticketCategories). A ticket keeps a
 * category the team has since removed until someone changes it; setting it anew must name a current
 * one. REST and sync both write through saveRows, so this one check covers both (a 400, or a
 * rejected mutation).
 */
export async function assertTicketCategories(tx: Store, teamId: string, writes: readonly RowWrite[]) {
  const tickets = writes.filter((w) => w.entity === 'ticket' && w.deletedAt === null);
  if (tickets.length === 0) return;
  const team = await tx.teams.get(teamId);
  const known = new Set((team ? teamSettings(team) : null)?.ticketCategories.map((c) => c.id) ?? []);
  for (const w of tickets) {
    const category = w.data.category;
    if (typeof category === 'string' && known.has(category)) continue;
    const stored = await tx.rows.get(teamId, 'ticket', w.id);
    if (stored && stored.data.category === category) continue;
    const message = `${JSON.stringify(category)} is not one of the team's ticket categories (${[...known].join(', ')})`;
    throw new ValidationError(`category: ${message}`, [{ path: 'category', message }]);
  }
}
