import { createRoute, z } from '@hono/zod-openapi';
import { entityDefs } from '@rapport/shared/sync/entities';
import type { RestEntity } from '../../entities/registry.ts';
import {
  conflictResponse,
  errorResponses,
  IdParam,
  jsonBody,
  jsonResponse,
  notFoundResponse,
  OkSchema,
} from '../../lib/openapi.ts';
import { queryFlag } from '../../reports/window.ts';

const flag = queryFlag.optional();

export const ListQuery = z.object({
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: 'Case-insensitive text in names, emails, handles, …' }),
  ownerId: z.string().max(100).optional(),
  customerId: z.string().max(100).optional(),
  contactId: z.string().max(100).optional(),
  includeDeleted: flag.openapi({ description: 'Include tombstones (deletedAt set)' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional().openapi({ description: 'nextCursor from the previous page' }),
});

export const DeleteQuery = z.object({
  erase: flag.openapi({
    description: 'Contacts only: also purge the content of the contact and all its interactions',
  }),
});

/** Bodies are checked field by field against the entity's schema by the shared change functions. */
const EntityInput = (rest: RestEntity, what: string) =>
  z
    .record(z.string(), z.unknown())
    .openapi({ description: `${what} of a ${rest.entity} (fields as in the response schema)` });

/** The route contracts of one REST entity. */
export function entityRoutes(rest: RestEntity) {
  const tags = [rest.path];
  const Entity = entityDefs[rest.entity].schema as unknown as z.ZodType;
  return {
    list: createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: `List ${rest.plural}, newest first`,
      request: { query: ListQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(Entity), nextCursor: z.string().nullable() }), 'A page'),
        ...errorResponses,
      },
    }),
    get: createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: `One ${rest.entity}`,
      request: { params: IdParam },
      responses: { 200: jsonResponse(Entity, 'Found'), ...errorResponses, ...notFoundResponse },
    }),
    create: createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: `Create a ${rest.entity}`,
      description: `id is optional (a UUIDv7 is generated).${rest.selfField ? ` ${rest.selfField} defaults to you.` : ''} Stamped with a new team version, so extensions receive it on their next pull.`,
      request: { body: jsonBody(EntityInput(rest, 'All required fields')) },
      responses: { 201: jsonResponse(Entity, 'Created'), ...errorResponses, ...conflictResponse },
    }),
    patch: createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: `Change some fields of a ${rest.entity}`,
      description:
        'Lists (emails, phones, handles, tags, domains) are replaced by the list sent; each element merges with concurrent edits.',
      request: { params: IdParam, body: jsonBody(EntityInput(rest, 'Any fields')) },
      responses: {
        200: jsonResponse(Entity, 'Updated'),
        ...errorResponses,
        ...notFoundResponse,
        ...conflictResponse,
      },
    }),
    remove: createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: `Delete a ${rest.entity} (a tombstone that syncs to every client)`,
      request: { params: IdParam, query: DeleteQuery },
      responses: {
        200: jsonResponse(OkSchema, 'Deleted (or already deleted)'),
        ...errorResponses,
        ...notFoundResponse,
      },
    }),
  };
}

export type EntityRoutes = ReturnType<typeof entityRoutes>;
