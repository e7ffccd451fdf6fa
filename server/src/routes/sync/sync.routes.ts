import { createRoute, z } from '@hono/zod-openapi';
import { entityNameSchema } from '@rapport/shared/sync/entities';
import { decodeCookie, PullQuery, PullResponse, PushBody, PushResponse } from '@rapport/shared/sync/protocol';
import { ErrorSchema } from '../../lib/errors.ts';
import { acceptedFirst, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';

const tags = ['sync'];

/** The shared query, plus: a cookie must be one this server issued (anything else is a 400). */
export const PullQueryParams = PullQuery.extend({
  cookie: z
    .string()
    .min(1)
    .max(300)
    .refine((cookie) => decodeCookie(cookie) !== null, {
      error: 'cookie is not one this server issued; pull without a cookie to start over',
    })
    .optional(),
});

// The generator cannot walk shared's recursive JSON-value schema, so a row's state is documented with
// `v` as any value; the response is still exactly shared's PullResponse.
const hlcDoc = z.string().openapi({ example: '1767225600000:0000:srv-1a2b3c4d' });
const RowStateDoc = z
  .object({
    id: z.string(),
    fields: z.record(z.string(), z.object({ v: z.unknown(), t: hlcDoc })),
    sets: z.record(
      z.string(),
      z.record(z.string(), z.object({ v: z.unknown(), on: z.boolean(), t: hlcDoc })),
    ),
    deleted: z.object({ at: z.string(), t: hlcDoc }).nullable(),
  })
  .openapi('RowState', {
    description: 'Per-field HLC registers, per-element sets and the tombstone (shared/sync/row.ts)',
  });
const PullResponseDoc = PullResponse.extend({
  rows: z.array(z.object({ entity: entityNameSchema, id: z.string(), version: z.int(), state: RowStateDoc })),
}).openapi('PullResponse');

export const pushRoute = createRoute({
  method: 'post',
  path: '/push',
  tags,
  summary: 'Push a client’s outbox mutations',
  description:
    'Mutation ids are per client, consecutive from 1. Already-applied ids are skipped (status duplicate); ' +
    'the rest apply in order in one transaction and are applied or rejected (with a reason). Rejected ' +
    'mutations still advance lastMutationId. Retrying the same body is always safe.',
  // The body's envelope checked by its accept-only validator first (zod decides anything else).
  request: { body: jsonBody(acceptedFirst(PushBody)) },
  responses: {
    200: jsonResponse(PushResponse, 'Per-mutation results and the client’s new lastMutationId'),
    ...errorResponses,
    403: jsonResponse(ErrorSchema, 'The client id belongs to another user, or your role does not allow this'),
    409: jsonResponse(
      ErrorSchema,
      'code mutation_gap: the first new mutation is not lastMutationId + 1; details.lastMutationId says where to resume',
    ),
  },
});

export const pullRoute = createRoute({
  method: 'get',
  path: '/pull',
  tags,
  summary: 'Pull the team’s changed rows after a cookie',
  description:
    'Rows ordered by (version, entity, id), at most `limit`; while hasMore, pull again with the new cookie. ' +
    'Aliases say which merged duplicate ids to re-point. reset: true means drop replicated rows (not the ' +
    'outbox) before applying the page.',
  request: { query: PullQueryParams },
  responses: {
    200: jsonResponse(PullResponseDoc, 'One page of rows'),
    ...errorResponses,
  },
});

export const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags,
  summary: 'Server-sent events: a `poke` whenever the team’s data changes',
  description:
    'An event stream of `event: poke` with data {"version": <team version>, "clientId": <pushing client or null>}, ' +
    'one on connect, then after every committed push or import; comment lines keep the connection alive. ' +
    'On a poke, pull. Without the stream, poll with backoff.',
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses,
  },
});
