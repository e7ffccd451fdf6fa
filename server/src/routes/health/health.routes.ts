import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema } from '../../lib/errors.ts';
import { jsonResponse, publicRoute } from '../../lib/openapi.ts';

export const HealthSchema = z
  .object({
    ok: z.literal(true),
    version: z.string(),
    database: z.enum(['sqlite', 'postgres']),
    time: z.string(),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['health'],
  summary: 'Liveness and database check',
  ...publicRoute,
  responses: {
    200: jsonResponse(HealthSchema, 'The server and its database answer'),
    503: jsonResponse(ErrorSchema, 'The database does not answer (code unavailable)'),
  },
});
