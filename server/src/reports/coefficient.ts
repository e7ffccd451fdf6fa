import { z } from '@hono/zod-openapi';
import { addDays, type BoundedWindow } from '@rapport/shared/domain/dates';
import {
  crmCoefficientForWindow,
  type Factor,
  type Factors,
  previousWindow,
} from '@rapport/shared/domain/satisfaction';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { badRequest } from '../lib/errors.ts';
import type { Store } from '../store/store.ts';
import { loadDeals } from './deals.ts';
import { feedbackScores } from './feedback.ts';
import { optionalRepScope, type Viewer } from './scope.ts';
import { resolveReportWindow, WindowQuery } from './window.ts';

export const CoefficientQuery = WindowQuery.omit({ allTime: true }).extend({
  ownerId: z.string().max(100).optional(),
});
export type CoefficientQuery = z.infer<typeof CoefficientQuery>;

export interface CoefficientReport {
  window: BoundedWindow;
  previousWindow: BoundedWindow;
  ownerId: string | null;
  /** The coefficient, or null when a factor or the baseline has no data (then `missing` names them). */
  value: number | null;
  missing: (Factor | 'baseline')[];
  factors: Factors;
  previousFactors: Factors;
  baseline: number | null;
  baselineSource: 'configured' | 'previous-window';
}

/**
 * CRM coefficient = satisfaction × loyalty × conversion / baseline (shared), with its three
 * factors, for the team or one rep (their customers, contacts, tickets and opportunities; the
 * baseline is then the rep's own previous window). The window must be bounded: by default the team's
 * tier window, or the 365 days to its as-of day when that window is all time.
 */
export async function coefficientReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: CoefficientQuery,
): Promise<CoefficientReport> {
  const { teamId } = viewer;
  const ownerId = optionalRepScope(viewer, q.ownerId);
  const resolved = await resolveReportWindow(store, clock, teamId, q);
  let window: BoundedWindow;
  if (resolved.from !== null && resolved.to !== null) window = { from: resolved.from, to: resolved.to };
  else if (resolved.from !== null)
    window = { from: resolved.from, to: addDays(clock.now().toISOString().slice(0, 10), 1) };
  else {
    const to = resolved.to ?? addDays(resolved.asOf ?? clock.now().toISOString().slice(0, 10), 1);
    window = { from: addDays(to, -365), to };
  }
  if (window.from >= window.to)
    throw badRequest(`The window must end after it starts (from ${window.from}, to ${window.to})`);
  const previous = previousWindow(window) as BoundedWindow;
  const settings = await teamSettingsOf(store, teamId);
  const [feedback, lines, opportunities] = await Promise.all([
    feedbackScores(store, teamId, ownerId),
    store.orderLines.customerOrders(teamId, { from: previous.from, to: window.to }, ownerId),
    loadDeals(store, teamId, ownerId),
  ]);
  const report = crmCoefficientForWindow(
    {
      csat: feedback.csat,
      ticketFeedback: feedback.ticketFeedback,
      lines,
      // A won or lost deal without a closeDate closed on the day its stage changed.
      opportunities: opportunities.map((d) => ({ stage: d.stage, closeDate: d.closedOn })),
    },
    window,
    settings.coefficientBaseline,
  );
  const c = report.coefficient;
  return {
    window: report.window,
    previousWindow: report.previousWindow,
    ownerId: ownerId ?? null,
    value: c.kind === 'value' ? c.value : null,
    missing: c.kind === 'value' ? [] : c.missing,
    factors: c.factors,
    previousFactors: report.previousFactors,
    baseline: c.baseline,
    baselineSource: report.baselineSource,
  };
}
