import type { z } from '@hono/zod-openapi';
import { type PulsePeriod, pulseTrend, visibleComments } from '@rapport/shared/domain/pulse';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import type { Viewer } from './scope.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const PulseQuery = WindowQuery;
export type PulseQuery = z.infer<typeof PulseQuery>;

export interface PulseReport {
  window: ReportWindow;
  byWeek: PulsePeriod[];
  byMonth: PulsePeriod[];
  /** Comments the viewer may read: their own, and teammates' only when shared (no author named for those). */
  comments: { date: string; score: number; comment: string; mine: boolean }[];
}

/** The team's employee pulse: weekly and monthly averages and counts; comments only as the author allows. */
export async function pulseReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: PulseQuery,
): Promise<PulseReport> {
  const window =
    q.from || q.to || q.allTime ? await resolveReportWindow(store, clock, viewer.teamId, q) : null;
  const scores = await store.pulses.list(viewer.teamId, window?.from ?? null, window?.to ?? null);
  const trend = pulseTrend(scores);
  return {
    window: window ?? {
      from: null,
      to: null,
      source: 'all',
      asOf: null,
      historical: false,
      label: 'All time',
    },
    ...trend,
    comments: visibleComments(scores, viewer.userId).map((s) => ({
      date: s.date,
      score: s.score,
      comment: s.comment as string,
      mine: s.userId === viewer.userId,
    })),
  };
}
