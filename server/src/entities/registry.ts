import { ENTITIES, ENTITY_NAMES, type EntityFacts, type RestEntityName } from '@rapport/shared/entities';

/** An entity served by the generic REST routes (/api/v1/<path>), as the entity table declares it. */
export interface RestEntity {
  entity: RestEntityName;
  /** URL segment, e.g. 'contacts'. */
  path: string;
  /** Plural for messages and docs. */
  plural: string;
  /** Wire field that defaults to the caller on create: the entity's owner field. */
  selfField: EntityFacts['owner'];
  /** Insert-only entities refuse PATCH (an edit is a new record naming the one it supersedes). */
  insertOnly: boolean;
}

/** Every entity of the table with a REST resource, in table order. */
export const REST_ENTITIES: readonly RestEntity[] = ENTITY_NAMES.flatMap((entity) => {
  const { rest, owner }: EntityFacts = ENTITIES[entity];
  return rest ? [{ entity: entity as RestEntityName, ...rest, selfField: owner }] : [];
});
