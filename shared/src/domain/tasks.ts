import { compareCodeUnits } from './collections.ts';
import { assertIsoDate, type IsoDate } from './dates.ts';
import { type FollowUpStatus, followUpStatus } from './followup.ts';

/**
 * Team tasks as follow-ups. An open task (not done, not deleted) given to a rep is a follow-up of that
 * rep's, due on its day; one about a contact also schedules that contact's follow-up for the rep: the
 * badge's due day is the earliest of the cadence's due day and the rep's open tasks on the contact, so
 * a task due today shows "due" and one due yesterday "overdue", whatever the cadence says.
 */
export interface TaskFacts {
  assigneeId: string;
  contactId: string | null;
  due: IsoDate;
  done: boolean;
  deletedAt?: string | null;
}

export const isOpenTask = (t: Pick<TaskFacts, 'done' | 'deletedAt'>): boolean => !t.done && !t.deletedAt;

/** The open tasks of `assigneeId`, earliest due first (ties keep their order). */
export function openTasksOf<T extends TaskFacts>(tasks: Iterable<T>, assigneeId: string | null): T[] {
  if (assigneeId === null) return [];
  return [...tasks]
    .filter((t) => isOpenTask(t) && t.assigneeId === assigneeId)
    .sort((a, b) => compareCodeUnits(a.due, b.due));
}

/** A contact's follow-up with its open tasks: the earliest due day wins, the status follows from it. */
export function followUpWithTasks(
  followUp: { due: IsoDate | null; status: FollowUpStatus },
  taskDues: readonly IsoDate[],
  today: IsoDate,
): { due: IsoDate | null; status: FollowUpStatus } {
  if (taskDues.length === 0) return followUp;
  let due = followUp.due;
  for (const d of taskDues) {
    assertIsoDate(d, 'task due date');
    if (due === null || d < due) due = d;
  }
  return due === followUp.due ? followUp : { due, status: followUpStatus(due, today) };
}
