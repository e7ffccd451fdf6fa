import { z } from '@hono/zod-openapi';
import { inWindow, monthKey } from '@rapport/shared/domain/dates';
import {
  closingInMonth,
  forecastByRepMonth,
  isClosedStage,
  pipelineSummary,
  stageConversion,
} from '@rapport/shared/domain/pipeline';
import { divRoundHalfAwayFromZero, formatMoney, type Money } from '@rapport/shared/money';
import type { Task } from '@rapport/shared/schemas/task';
import { OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import { serverToday } from '../metrics/tier-window.ts';
import type { Store } from '../store/store.ts';
import { loadDeals } from './deals.ts';
import { optionalRepScope, type Viewer } from './scope.ts';
import { ReportWindowSchema, resolveReportWindow, WindowQuery } from './window.ts';

export const PipelineQuery = WindowQuery.extend({
  ownerId: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'One rep only (a rep may ask only for themselves)' }),
});
export type PipelineQuery = z.infer<typeof PipelineQuery>;

const money = z.string();
const Deal = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.enum(OPPORTUNITY_STAGES),
  amount: money,
  closeDate: z.string().nullable(),
  closedOn: z.string().nullable(),
  ownerId: z.string().nullable(),
  contactId: z.string().nullable(),
  customerId: z.string().nullable(),
});

export const PipelineReportSchema = z
  .object({
    today: z.string(),
    window: ReportWindowSchema,
    ownerId: z.string().nullable(),
    probabilities: z.record(z.string(), z.number()),
    stages: z.array(
      z.object({ stage: z.enum(OPPORTUNITY_STAGES), count: z.int(), amount: money, weighted: money }),
    ),
    steps: z.array(z.object({ from: z.string(), to: z.string(), rate: z.number().nullable() })),
    summary: z.object({
      count: z.int(),
      amount: money,
      weighted: money,
      won: z.int(),
      lost: z.int(),
      wonAmount: money,
      conversion: z.number().nullable(),
    }),
    forecast: z.array(
      z.object({
        ownerId: z.string().nullable(),
        name: z.string(),
        month: z.string(),
        weighted: money,
        won: money,
      }),
    ),
    closingThisMonth: z.array(Deal),
    open: z.array(Deal),
    openTasks: z.array(
      z.object({ assigneeId: z.string(), name: z.string(), open: z.int(), overdue: z.int() }),
    ),
  })
  .openapi('PipelineReport');
export type PipelineReport = z.infer<typeof PipelineReportSchema>;

/**
 * The Pipeline screen in one answer: deals by stage (open ones now; won and lost that closed in the
 * window), conversion between consecutive stages, pipeline / weighted / conversion, the weighted
 * forecast per rep and month, deals closing this month, and open tasks per assignee.
 */
export async function pipelineReport(
  store: Store,
  clock: Clock,
  viewer: Viewer,
  q: PipelineQuery,
): Promise<PipelineReport> {
  const { teamId } = viewer;
  const ownerId = optionalRepScope(viewer, q.ownerId);
  const [window, team, deals, users, tasks] = await Promise.all([
    resolveReportWindow(store, clock, teamId, q),
    store.teams.get(teamId),
    loadDeals(store, teamId, ownerId),
    store.users.list(teamId),
    store.rowQueries.live<Task>(teamId, 'task', ownerId === undefined ? {} : { ownerId }),
  ]);
  const probabilities = teamSettings(team).stageProbabilities;
  const range = { from: window.from, to: window.to };
  const today = serverToday(clock);
  // Open deals now; won and lost ones that closed in the window.
  const inView = deals.filter((d) =>
    d.closedOn === null ? !isClosedStage(d.stage) : inWindow(d.closedOn, range),
  );
  const summary = pipelineSummary(deals, probabilities, range);
  const byStage = new Map(
    OPPORTUNITY_STAGES.map((s) => [s, { count: 0, amount: 0n as Money, weighted: 0n as Money }]),
  );
  for (const d of inView) {
    const s = byStage.get(d.stage);
    if (!s) continue;
    s.count += 1;
    s.amount += d.amount;
    // Exact amount × percent, divided once per stage below.
    s.weighted += d.amount * BigInt(probabilities[d.stage]);
  }
  const names = new Map(users.map((u) => [u.id, u.name]));
  const wire = (d: (typeof deals)[number]) => ({
    id: d.opportunity.id,
    title: d.opportunity.title,
    stage: d.stage,
    amount: formatMoney(d.amount),
    closeDate: d.closeDate,
    closedOn: d.closedOn,
    ownerId: d.ownerId,
    contactId: d.opportunity.contactId,
    customerId: d.opportunity.customerId,
  });
  const taskCounts = new Map<string, { open: number; overdue: number }>();
  for (const t of tasks) {
    if (t.done) continue;
    const c = taskCounts.get(t.assigneeId) ?? { open: 0, overdue: 0 };
    c.open += 1;
    if (t.due < today) c.overdue += 1;
    taskCounts.set(t.assigneeId, c);
  }
  return {
    today,
    window,
    ownerId: ownerId ?? null,
    probabilities,
    stages: OPPORTUNITY_STAGES.map((stage) => {
      const s = byStage.get(stage) as { count: number; amount: Money; weighted: Money };
      return {
        stage,
        count: s.count,
        amount: formatMoney(s.amount),
        weighted: formatMoney(divRoundHalfAwayFromZero(s.weighted, 100n)),
      };
    }),
    steps: stageConversion(Object.fromEntries([...byStage].map(([k, v]) => [k, v.count]))),
    summary: {
      count: summary.count,
      amount: formatMoney(summary.amount),
      weighted: formatMoney(summary.weighted),
      won: summary.won,
      lost: summary.lost,
      wonAmount: formatMoney(summary.wonAmount),
      conversion: summary.conversion,
    },
    forecast: forecastByRepMonth(deals, today, probabilities).map((c) => ({
      ownerId: c.ownerId,
      name: c.ownerId === null ? '' : (names.get(c.ownerId) ?? ''),
      month: c.month,
      weighted: formatMoney(c.weighted),
      won: formatMoney(c.won),
    })),
    closingThisMonth: closingInMonth(deals, monthKey(today)).map(wire),
    open: deals.filter((d) => !isClosedStage(d.stage)).map(wire),
    openTasks: [...taskCounts].map(([assigneeId, c]) => ({
      assigneeId,
      name: names.get(assigneeId) ?? '',
      ...c,
    })),
  };
}
