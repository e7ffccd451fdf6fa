import type { TicketEvent, TicketStatus } from '../schemas/pipeline.ts';
import { getOrInsert } from './collections.ts';
import { assertWindow, type DateWindow, inWindow } from './dates.ts';

/** What the service rules read of a ticket (the wire Ticket satisfies it). */
export interface TicketFacts {
  id: string;
  category: string;
  status: TicketStatus;
  createdAt: string;
  resolvedAt: string | null;
  satisfaction: number | null;
  assigneeId: string | null;
  history: readonly TicketEvent[];
  deletedAt?: string | null;
}

/** Open and in-progress tickets are unresolved: the badge marks their contact. */
export const isOpenTicket = (t: Pick<TicketFacts, 'status' | 'deletedAt'>): boolean =>
  !t.deletedAt && (t.status === 'open' || t.status === 'in-progress');

const isDone = (s: TicketStatus) => s === 'resolved' || s === 'closed';

/**
 * The changes that move a ticket to `status` at `at` by user `by`: the status, a history entry
 * appended, and resolvedAt set on the first move to resolved/closed (cleared on reopening). Null
 * when the status does not change. Both the extension and the server's REST route use it.
 */
export function ticketStatusChange(
  ticket: Pick<TicketFacts, 'status' | 'history' | 'resolvedAt'>,
  status: TicketStatus,
  by: string | null,
  at: string,
): { status: TicketStatus; history: TicketEvent[]; resolvedAt: string | null } | null {
  if (ticket.status === status) return null;
  const resolvedAt = isDone(status) ? (isDone(ticket.status) ? ticket.resolvedAt : at) : null;
  return { status, history: [...ticket.history, { status, at, by }], resolvedAt };
}

/** The history a new ticket starts with: its first status, now. */
export const firstTicketEvent = (status: TicketStatus, by: string | null, at: string): TicketEvent[] => [
  { status, at, by },
];

/** Hours from creation to resolution, null while unresolved. */
export function resolutionHours(t: Pick<TicketFacts, 'createdAt' | 'resolvedAt'>): number | null {
  if (t.resolvedAt === null) return null;
  return Math.max(0, Date.parse(t.resolvedAt) - Date.parse(t.createdAt)) / 3_600_000;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
const mean = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

export interface CategoryService {
  category: string;
  /** Tickets created in the window. */
  opened: number;
  /** Tickets resolved in the window. */
  resolved: number;
  /** Of those resolved: median and mean hours from creation to resolution. */
  medianResolutionHours: number | null;
  meanResolutionHours: number | null;
  /** Mean post-resolution satisfaction (1–5) of tickets resolved in the window, and how many answered. */
  satisfaction: number | null;
  satisfactionCount: number;
}

export const OPEN_AGE_BUCKETS = ['under-1d', '1-3d', '3-7d', '7-30d', 'over-30d'] as const;
export type OpenAgeBucket = (typeof OPEN_AGE_BUCKETS)[number];

function ageBucket(days: number): OpenAgeBucket {
  if (days < 1) return 'under-1d';
  if (days < 3) return '1-3d';
  if (days < 7) return '3-7d';
  if (days < 30) return '7-30d';
  return 'over-30d';
}

export interface ServiceSummary {
  byCategory: CategoryService[];
  /** Every live ticket by its current status (a snapshot, not windowed). */
  byStatus: Record<TicketStatus, number>;
  /** Open tickets now, and tickets resolved in the window, per assignee (null: unassigned). */
  byAssignee: { assigneeId: string | null; open: number; resolved: number }[];
  /** Open tickets now by age since creation. */
  openAges: Record<OpenAgeBucket, number>;
  /** The whole window, as the categories' rows. */
  total: Omit<CategoryService, 'category'>;
}

function categoryFigures(created: TicketFacts[], resolved: TicketFacts[]): Omit<CategoryService, 'category'> {
  const hours = resolved.map((t) => resolutionHours(t) as number);
  const scores = resolved.flatMap((t) => (t.satisfaction === null ? [] : [t.satisfaction]));
  return {
    opened: created.length,
    resolved: resolved.length,
    medianResolutionHours: median(hours),
    meanResolutionHours: mean(hours),
    satisfaction: mean(scores),
    satisfactionCount: scores.length,
  };
}

/**
 * Service figures: per category the tickets opened and resolved in [from, to) (by UTC day), their
 * resolution time and post-resolution satisfaction; and, as of `now`, tickets by status, open ones
 * per assignee and by age. Categories listed in `categories` come first, in that order, even when empty.
 */
export function serviceSummary(
  tickets: Iterable<TicketFacts>,
  window: DateWindow,
  now: Date,
  categories: readonly string[] = [],
): ServiceSummary {
  assertWindow(window);
  const live = [...tickets].filter((t) => !t.deletedAt);
  const created = live.filter((t) => inWindow(t.createdAt.slice(0, 10), window));
  const resolved = live.filter((t) => t.resolvedAt !== null && inWindow(t.resolvedAt.slice(0, 10), window));
  const names = [...categories];
  for (const t of [...created, ...resolved]) if (!names.includes(t.category)) names.push(t.category);
  const byStatus: Record<TicketStatus, number> = { open: 0, 'in-progress': 0, resolved: 0, closed: 0 };
  for (const t of live) byStatus[t.status] += 1;
  const openAges = Object.fromEntries(OPEN_AGE_BUCKETS.map((b) => [b, 0])) as Record<OpenAgeBucket, number>;
  const assignees = new Map<string | null, { open: number; resolved: number }>();
  for (const t of live) {
    if (!isOpenTicket(t)) continue;
    openAges[ageBucket((now.getTime() - Date.parse(t.createdAt)) / 86_400_000)] += 1;
    getOrInsert(assignees, t.assigneeId, () => ({ open: 0, resolved: 0 })).open += 1;
  }
  for (const t of resolved)
    getOrInsert(assignees, t.assigneeId, () => ({ open: 0, resolved: 0 })).resolved += 1;
  return {
    byCategory: names.map((category) => ({
      category,
      ...categoryFigures(
        created.filter((t) => t.category === category),
        resolved.filter((t) => t.category === category),
      ),
    })),
    byStatus,
    byAssignee: [...assignees]
      .map(([assigneeId, n]) => ({ assigneeId, ...n }))
      .sort((a, b) => b.open - a.open || String(a.assigneeId).localeCompare(String(b.assigneeId))),
    openAges,
    total: categoryFigures(created, resolved),
  };
}
