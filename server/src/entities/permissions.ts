import type { EntityName } from '@rapport/shared/sync/entities';
import type { Role } from '../store/store.ts';

export type WriteAction = 'create' | 'update' | 'delete';

type Data = Record<string, unknown> | null;

const OWNED: ReadonlySet<EntityName> = new Set(['contact', 'customer', 'opportunity', 'ticket']);

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
  if (user.role !== 'rep') return null;
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
