import type { DatedScore } from '@rapport/shared/domain/satisfaction';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { SurveyResponse } from '@rapport/shared/schemas/feedback';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import type { Store } from '../store/store.ts';

export interface FeedbackScores {
  csat: DatedScore[];
  nps: DatedScore[];
  /** Ticket satisfaction after resolution, dated by the resolution day; counts as CSAT. */
  ticketFeedback: DatedScore[];
}

/**
 * Every CSAT/NPS answer and ticket feedback score of the team, or of one rep (surveys of the contacts
 * they own, tickets they own).
 */
export async function feedbackScores(
  store: Store,
  teamId: string,
  ownerId: string | undefined,
): Promise<FeedbackScores> {
  const [surveys, tickets, owned] = await Promise.all([
    store.rowQueries.live<SurveyResponse>(teamId, 'surveyResponse'),
    store.rowQueries.live<Ticket>(teamId, 'ticket', ownerId === undefined ? {} : { ownerId }),
    ownerId === undefined
      ? Promise.resolve(null)
      : store.rowQueries.live<Contact>(teamId, 'contact', { ownerId }),
  ]);
  const mine = owned === null ? null : new Set(owned.map((c) => c.id));
  const out: FeedbackScores = { csat: [], nps: [], ticketFeedback: [] };
  for (const s of surveys) {
    if (mine && !mine.has(s.contactId)) continue;
    if (s.csat !== null) out.csat.push({ at: s.date, score: s.csat });
    if (s.nps !== null) out.nps.push({ at: s.date, score: s.nps });
  }
  for (const t of tickets) {
    if (t.satisfaction !== null && t.resolvedAt !== null)
      out.ticketFeedback.push({ at: t.resolvedAt.slice(0, 10), score: t.satisfaction });
  }
  return out;
}
