import type { z } from '@hono/zod-openapi';
import { addDays, todayIn } from '@rapport/shared/domain/dates';
import { type ServiceSummary, serviceSummary } from '@rapport/shared/domain/tickets';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { teamSettings } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../store/store.ts';
import { type ReportWindow, resolveReportWindow, WindowQuery } from './window.ts';

export const ServiceQuery = WindowQuery;
export type ServiceQuery = z.infer<typeof ServiceQuery>;

/** Without from/to/allTime the service report covers the last 90 days (today included). */
export const SERVICE_DEFAULT_DAYS = 90;

export interface ServiceReport extends Omit<ServiceSummary, 'byAssignee' | 'byCategory'> {
  window: ReportWindow;
  asOf: string;
  byCategory: (ServiceSummary['byCategory'][number] & { label: string })[];
  byAssignee: (ServiceSummary['byAssignee'][number] & { name: string | null })[];
}

/** Tickets by category, status, assignee and open age; resolution time and satisfaction (shared rule). */
export async function serviceReport(
  store: Store,
  clock: Clock,
  teamId: string,
  q: ServiceQuery,
): Promise<ServiceReport> {
  const now = clock.now();
  const today = todayIn('UTC', now);
  const window: ReportWindow =
    q.from || q.to || q.allTime
      ? await resolveReportWindow(store, clock, teamId, q)
      : {
          from: addDays(today, 1 - SERVICE_DEFAULT_DAYS),
          to: addDays(today, 1),
          source: 'query',
          asOf: null,
          historical: false,
          label: `Last ${SERVICE_DEFAULT_DAYS} days`,
        };
  const [tickets, team, users] = await Promise.all([
    store.rowQueries.live<Ticket>(teamId, 'ticket'),
    store.teams.get(teamId),
    store.users.list(teamId),
  ]);
  const categories = team ? teamSettings(team).ticketCategories : [];
  const labels = new Map(categories.map((c) => [c.id, c.label]));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const summary = serviceSummary(
    tickets,
    { from: window.from, to: window.to },
    now,
    categories.map((c) => c.id),
  );
  return {
    ...summary,
    window,
    asOf: now.toISOString(),
    byCategory: summary.byCategory.map((c) => ({ ...c, label: labels.get(c.category) ?? c.category })),
    byAssignee: summary.byAssignee.map((a) => ({
      ...a,
      name: a.assigneeId === null ? null : (names.get(a.assigneeId) ?? null),
    })),
  };
}
