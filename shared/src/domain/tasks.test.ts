import { describe, expect, it } from 'vitest';
import { followUpWithTasks, isOpenTask, openTasksOf } from './tasks.ts';

const REP = '0190f5a0-0000-7000-8000-000000000001';
const OTHER = '0190f5a0-0000-7000-8000-000000000002';
const task = (
  due: string,
  extra: Partial<{ assigneeId: string; done: boolean; deletedAt: string | null }> = {},
) => ({
  assigneeId: REP,
  contactId: null,
  due,
  done: false,
  ...extra,
});

describe('tasks as follow-ups', () => {
  it('keeps only the assignee’s open tasks, earliest due first', () => {
    const tasks = [
      task('2026-03-25'),
      task('2026-03-18'),
      task('2026-03-10', { done: true }),
      task('2026-03-11', { deletedAt: '2026-03-12T00:00:00.000Z' }),
      task('2026-03-01', { assigneeId: OTHER }),
    ];
    expect(openTasksOf(tasks, REP).map((t) => t.due)).toEqual(['2026-03-18', '2026-03-25']);
    expect(openTasksOf(tasks, null)).toEqual([]);
    expect(isOpenTask({ done: false, deletedAt: null })).toBe(true);
    expect(isOpenTask({ done: true })).toBe(false);
  });

  it('makes the follow-up due or overdue by the earliest open task, today 2026-03-20', () => {
    const cadence = { due: '2026-04-10', status: 'ok' as const };
    expect(followUpWithTasks(cadence, ['2026-03-20'], '2026-03-20')).toEqual({
      due: '2026-03-20',
      status: 'due',
    });
    expect(followUpWithTasks(cadence, ['2026-03-25', '2026-03-19'], '2026-03-20')).toEqual({
      due: '2026-03-19',
      status: 'overdue',
    });
    expect(followUpWithTasks(cadence, ['2026-03-22'], '2026-03-20')).toEqual({
      due: '2026-03-22',
      status: 'soon',
    });
    // No cadence at all (tier none, no opportunity): the task alone gives the follow-up.
    expect(followUpWithTasks({ due: null, status: 'none' }, ['2026-03-20'], '2026-03-20')).toEqual({
      due: '2026-03-20',
      status: 'due',
    });
  });

  it('leaves an earlier cadence due day and a contact without tasks as they were', () => {
    const overdue = { due: '2026-03-01', status: 'overdue' as const };
    expect(followUpWithTasks(overdue, ['2026-03-30'], '2026-03-20')).toBe(overdue);
    expect(followUpWithTasks(overdue, [], '2026-03-20')).toBe(overdue);
    expect(() => followUpWithTasks(overdue, ['2026-02-30'], '2026-03-20')).toThrow(/task due date/);
  });
});
