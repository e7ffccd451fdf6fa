import { type EntityName, OWNED_ENTITIES } from '@rapport/shared/entities';
import type { Role } from '../store/store.ts';

export type WriteAction = 'create' | 'update' | 'delete';

type Data = Record<string, unknown> | null;

/** Entities owned through ownerId (the entity table's owner field): a rep edits the ones they own. */
const OWNED: ReadonlySet<EntityName> = new Set(OWNED_ENTITIES);

/**
 * Why `user` may not make this write, or null when allowed (a rep edits what they own and
 * adds interactions to any contact; a lead edits everything in the team). `before` is the row's
 * entity before the write (null on create), `after` after it (null on delete). Used by REST and sync.
 */
export function writeDenial(
  user: { id: string; role: Role },
  entity: EntityName,
  action: WriteAction,
  before: Data,
  after: Data,
): string | null {
  if (entity === 'customerMetrics') return 'customer metrics are computed by the server and read-only';
  if (entity === 'task' && action === 'create' && after?.createdBy !== user.id)
    return 'a task is created by its writer (createdBy must be you)';
  if (user.role !== 'rep') return null;
  if (entity === 'task') return taskDenial(user, action, before, after);
  if (OWNED.has(entity)) {
    if (action === 'create') {
      const owner = after?.ownerId ?? null;
      return owner === null || owner === user.id ? null : `a rep creates ${entity}s owned by themselves`;
    }
    if (before?.ownerId !== user.id) return `a rep may only change ${entity}s they own`;
    if (action === 'update' && after?.ownerId !== before.ownerId)
      return 'only a lead or admin may reassign an owner';
    return null;
  }
  switch (entity) {
    case 'interaction':
      if (action === 'create')
        return after?.authorId === user.id ? null : 'a rep logs interactions as themselves';
      return before?.authorId === user.id ? null : 'a rep may only change interactions they logged';
    case 'surveyResponse':
    case 'company':
      return action === 'create'
        ? null
        : `only a lead or admin may change ${entity === 'company' ? 'companies' : 'survey responses'}`;
    default:
      return `only a lead or admin may change ${entity}s`;
  }
}

/**
 * Tasks: a lead or admin gives any member a task and edits every task (checked above); a rep
 * creates tasks for themselves, and ticks done, re-dates or edits only tasks assigned to them,
 * never handing one to someone else. Everyone creates tasks as themselves (createdBy).
 */
function taskDenial(
  user: { id: string; role: Role },
  action: WriteAction,
  before: Data,
  after: Data,
): string | null {
  if (action === 'create') {
    return after?.assigneeId === user.id ? null : 'only a lead or admin may assign a task to someone else';
  }
  if (before?.assigneeId !== user.id) return 'a rep may only change tasks assigned to them';
  if (
    action === 'update' &&
    (after?.assigneeId !== before.assigneeId || after?.createdBy !== before.createdBy)
  )
    return 'only a lead or admin may reassign a task';
  return null;
}
