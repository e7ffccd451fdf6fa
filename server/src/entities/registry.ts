import type { EntityName } from '@rapport/shared/sync/entities';

/** An entity served by the generic REST routes (/api/v1/<path>). */
export interface RestEntity {
  entity: EntityName;
  /** URL segment, e.g. 'contacts'. */
  path: string;
  /** Plural for messages and docs. */
  plural: string;
  /** Wire field that defaults to the caller on create. */
  selfField: 'ownerId' | 'authorId' | 'assigneeId' | null;
  /** Insert-only entities refuse PATCH (an edit is a new record naming the one it supersedes). */
  insertOnly: boolean;
}

export const REST_ENTITIES: readonly RestEntity[] = [
  { entity: 'contact', path: 'contacts', plural: 'contacts', selfField: 'ownerId', insertOnly: false },
  { entity: 'customer', path: 'customers', plural: 'customers', selfField: 'ownerId', insertOnly: false },
  { entity: 'company', path: 'companies', plural: 'companies', selfField: null, insertOnly: false },
  {
    entity: 'interaction',
    path: 'interactions',
    plural: 'interactions',
    selfField: 'authorId',
    insertOnly: true,
  },
  {
    entity: 'opportunity',
    path: 'opportunities',
    plural: 'opportunities',
    selfField: 'ownerId',
    insertOnly: false,
  },
  { entity: 'ticket', path: 'tickets', plural: 'tickets', selfField: 'ownerId', insertOnly: false },
  {
    entity: 'surveyResponse',
    path: 'surveys',
    plural: 'survey responses',
    selfField: null,
    insertOnly: false,
  },
  { entity: 'product', path: 'products', plural: 'products', selfField: null, insertOnly: false },
  { entity: 'task', path: 'tasks', plural: 'tasks', selfField: 'assigneeId', insertOnly: false },
];
