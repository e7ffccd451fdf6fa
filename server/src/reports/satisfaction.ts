import { z } from '@hono/zod-openapi';
import { type DateWindow, inWindow, monthKey } from '@rapport/shared/domain/dates';
import { csatNormalised, type DatedScore, nps } from '@rapport/shared/domain/satisfaction';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { feedbackScores } from './feedback.ts';
import { optionalRepScope, type Viewer } from './scope.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const SatisfactionQuery = WindowQuery.extend({ ownerId: z.string().max(100).optional() });
export type SatisfactionQuery = z.infer<typeof SatisfactionQuery>;

export interface SatisfactionFigures {
  /** Mean CSAT normalised to 0–1 ((x − 1) / 4), ticket feedback included; null without scores. */
  csat: number | null;
  csatResponses: number;
  ticketFeedback: number;
  /** Net promoter score, −100…100; null without answers. */
  nps: number | null;
  npsResponses: number;
}

export interface SatisfactionReport extends SatisfactionFigures {
  window: ReportWindow;
  ownerId: string | null;
  /** Answers per score value (CSAT 1–5, NPS 0–10). */
  distribution: { csat: Record<string, number>; nps: Record<string, number> };
  byMonth: (SatisfactionFigures & { month: string })[];
}

const scores = (list: DatedScore[]) => list.map((s) => s.score);

function figures(csat: DatedScore[], tickets: DatedScore[], npsScores: DatedScore[]): SatisfactionFigures {
  return {
    csat: csatNormalised(scores(csat), scores(tickets)),
    csatResponses: csat.length,
    ticketFeedback: tickets.length,
    nps: nps(scores(npsScores)),
    npsResponses: npsScores.length,
  };
}

function histogram(list: DatedScore[], min: number, max: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let v = min; v <= max; v++) out[v] = 0;
  for (const s of list) out[s.score] = (out[s.score] ?? 0) + 1;
  return out;
}

/** CSAT (surveys + ticket feedback) and NPS in a window, overall and by month (shared formulas). */
export async function satisfactionReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: SatisfactionQuery,
): Promise<SatisfactionReport> {
  const ownerId = optionalRepScope(viewer, q.ownerId);
  const window = await resolveReportWindow(store, clock, viewer.teamId, q);
  const range: DateWindow = { from: window.from, to: window.to };
  const all = await feedbackScores(store, viewer.teamId, ownerId);
  const within = (list: DatedScore[]) => list.filter((s) => inWindow(s.at, range));
  const csat = within(all.csat);
  const tickets = within(all.ticketFeedback);
  const npsScores = within(all.nps);
  const months = [...new Set([...csat, ...tickets, ...npsScores].map((s) => monthKey(s.at)))].sort();
  const inMonth = (list: DatedScore[], m: string) => list.filter((s) => monthKey(s.at) === m);
  return {
    window,
    ownerId: ownerId ?? null,
    ...figures(csat, tickets, npsScores),
    distribution: { csat: histogram([...csat, ...tickets], 1, 5), nps: histogram(npsScores, 0, 10) },
    byMonth: months.map((month) => ({
      month,
      ...figures(inMonth(csat, month), inMonth(tickets, month), inMonth(npsScores, month)),
    })),
  };
}
