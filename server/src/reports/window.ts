import { z } from '@hono/zod-openapi';
import { addDays, windowProblem } from '@rapport/shared/domain/dates';
import { isoDate } from '@rapport/shared/schemas/dates';
import type { Clock } from '../lib/clock.ts';
import { badRequest } from '../lib/errors.ts';
import { teamTierWindow } from '../metrics/tier-window.ts';
import type { Store } from '../store/store.ts';

/** "true"/"1" or "false"/"0" in a query string. */
export const queryFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1');

export const WindowQuery = z.object({
  from: isoDate.optional().openapi({ description: 'First day included (YYYY-MM-DD)', example: '2016-01-01' }),
  to: isoDate.optional().openapi({
    description: 'First day NOT included (YYYY-MM-DD): the window is [from, to)',
    example: '2017-01-01',
  }),
  allTime: queryFlag.optional().openapi({ description: 'Every line, whatever its date' }),
});
export type WindowQuery = z.infer<typeof WindowQuery>;

/** The days a report covers: [from, to), null = unbounded; `source` tells where it came from. */
export interface ReportWindow {
  from: string | null;
  to: string | null;
  /** 'team': the team's tier window (the default); 'query': from/to given; 'all': allTime. */
  source: 'team' | 'query' | 'all';
  /** The team window's as-of day and whether it follows the data rather than today (source 'team'). */
  asOf: string | null;
  historical: boolean;
  label: string;
}

export const ReportWindowSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    source: z.enum(['team', 'query', 'all']),
    asOf: z.string().nullable(),
    historical: z.boolean(),
    label: z.string(),
  })
  .openapi('ReportWindow');

/** from/to as asked, allTime, or by default the team's tier window resolved for today. */
export async function resolveReportWindow(
  store: Store,
  clock: Clock,
  teamId: string,
  q: WindowQuery,
): Promise<ReportWindow> {
  if (q.allTime && (q.from || q.to)) throw badRequest('Give either allTime or from/to, not both');
  if (q.allTime)
    return { from: null, to: null, source: 'all', asOf: null, historical: false, label: 'All time' };
  if (q.from || q.to) {
    // Bounded windows only: [from, to) at most 100 years, so a previous window of equal length stays in range.
    const problem = q.from && q.to ? windowProblem(q.from, q.to) : null;
    if (problem) throw badRequest(problem);
    const label = `${q.from ?? 'the beginning'} to ${q.to ? addDays(q.to, -1) : 'now'}`;
    return { from: q.from ?? null, to: q.to ?? null, source: 'query', asOf: null, historical: false, label };
  }
  const w = await teamTierWindow(store, clock, teamId);
  return { from: w.from, to: w.to, source: 'team', asOf: w.asOf, historical: w.historical, label: w.label };
}
