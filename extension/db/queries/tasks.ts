// Team tasks in the extension: the signed-in rep's open tasks as follow-ups (merged with the cadence
// follow-ups by due day), and per contact for the badge's follow-up status and the card's task lines.

import { todayIn } from '@rapport/shared/domain/dates';
import type { FollowUpStatus } from '@rapport/shared/domain/followup';
import { followUpStatus } from '@rapport/shared/domain/followup';
import { followUpWithTasks, openTasksOf } from '@rapport/shared/domain/tasks';
import type { Task } from '@rapport/shared/schemas/task';
import type { BadgeData, FollowUpItem } from '@rapport/shared/sync/messages';
import type { OpenTask } from '@rapport/shared/sync/sales-messages';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';

/** The signed-in user's open tasks on these contacts, earliest due first (open tasks only are indexed). */
export async function openTasksByContact(
  db: RapportDB,
  contactIds: string[],
  ctx: ReadContext,
): Promise<Map<string, OpenTask[]>> {
  const me = ctx.account?.user.id ?? null;
  const out = new Map<string, OpenTask[]>();
  if (me === null || contactIds.length === 0) return out;
  const rows = (await db.tasks.where('contactId').anyOf(contactIds).toArray()).map(liveData);
  for (const t of openTasksOf(
    rows.filter((r): r is Task => r !== null),
    me,
  )) {
    if (!t.contactId) continue;
    out.set(t.contactId, [...(out.get(t.contactId) ?? []), { id: t.id, title: t.title, due: t.due }]);
  }
  return out;
}

/** A badge with the rep's tasks on its contact: follow-up due/overdue by the earliest, the tasks named. */
export function badgeWithTasks(badge: BadgeData, tasks: OpenTask[] | undefined, ctx: ReadContext): BadgeData {
  if (!tasks || tasks.length === 0) return badge;
  const today = todayIn(ctx.timeZone, ctx.now);
  const before = { due: badge.followUp.dueOn, status: badge.followUp.status };
  const after = followUpWithTasks(
    before,
    tasks.map((t) => t.due),
    today,
  );
  return { ...badge, followUp: { status: after.status, dueOn: after.due }, openTasks: tasks };
}

/** One of the rep's open tasks as a follow-up row. */
export interface TaskFollowUp {
  kind: 'task';
  task: Task;
  status: FollowUpStatus;
  dueOn: string;
  /** The contact's name, when the task is about a contact. */
  contactName: string | null;
  customerName: string | null;
}

export type FollowUpRowItem = (FollowUpItem & { kind?: undefined }) | TaskFollowUp;

/** The signed-in user's open tasks that are overdue, due today or (with includeSoon) due soon, earliest first. */
export async function listTaskFollowUps(
  db: RapportDB,
  ctx: ReadContext,
  options: { includeSoon: boolean },
): Promise<TaskFollowUp[]> {
  const me = ctx.account?.user.id ?? null;
  if (me === null) return [];
  const today = todayIn(ctx.timeZone, ctx.now);
  const wanted = new Set<FollowUpStatus>(
    options.includeSoon ? ['overdue', 'due', 'soon'] : ['overdue', 'due'],
  );
  return db.transaction('r', [db.tasks, db.contacts, db.customers], async () => {
    const tasks = openTasksOf(
      (await db.tasks.where('assigneeId').equals(me).toArray())
        .map(liveData)
        .filter((t): t is Task => t !== null),
      me,
    );
    const out: TaskFollowUp[] = [];
    for (const task of tasks) {
      const status = followUpStatus(task.due, today);
      if (!wanted.has(status)) continue;
      const contact = task.contactId ? liveData(await db.contacts.get(task.contactId)) : null;
      const customerId = task.customerId ?? contact?.customerId ?? null;
      const customer = customerId ? liveData(await db.customers.get(customerId)) : null;
      out.push({
        kind: 'task',
        task,
        status,
        dueOn: task.due,
        contactName: contact?.name ?? null,
        customerName: customer?.name ?? null,
      });
    }
    return out;
  });
}

/**
 * Tasks merged into the cadence follow-ups: the list's own order is kept, and each task goes before the
 * first follow-up of its status group due later than the task (or at the group's end), so overdue,
 * due and soon each read by due day.
 */
export function mergeTaskFollowUps(items: FollowUpItem[], tasks: TaskFollowUp[]): FollowUpRowItem[] {
  const out: FollowUpRowItem[] = [...items];
  for (const task of tasks) {
    let at = out.length;
    let seenGroup = false;
    for (const [i, item] of out.entries()) {
      if (item.status !== task.status) {
        if (seenGroup) {
          at = i;
          break;
        }
        continue;
      }
      seenGroup = true;
      if (item.dueOn !== null && item.dueOn > task.dueOn) {
        at = i;
        break;
      }
    }
    if (!seenGroup) {
      // No item of its status yet: after the groups that come before it.
      const rank = { overdue: 0, due: 1, soon: 2, ok: 3, none: 4 } as const;
      const next = out.findIndex((item) => rank[item.status] > rank[task.status]);
      at = next < 0 ? out.length : next;
    }
    out.splice(at, 0, task);
  }
  return out;
}
