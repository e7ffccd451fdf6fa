import { z } from '@hono/zod-openapi';
import { acceptor, UNSURE } from '@rapport/shared/schemas/accept';
import { ErrorSchema } from './errors.ts';

/**
 * A JSON request body for createRoute (required, so a missing or non-JSON body is refused). `example` is shown
 * and pre-filled by the API reference at /api/v1/docs (documentation only; it is not validated).
 */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string, example?: z.input<T>) {
  return { required: true, description, content: { 'application/json': { schema, example } } } as const;
}

/**
 * `schema` for a request body that is checked by its accept-only validator first
 * (`shared/src/schemas/accept.ts`): a body it accepts has exactly zod's value, and anything else is
 * parsed by zod, so rejections and their messages stay zod's. The route's validator calls
 * `safeParseAsync`; the copy (same definition, same OpenAPI document) overrides only that.
 */
export function acceptedFirst<T extends z.ZodType>(schema: T): T {
  const copy = schema.clone() as T;
  const accept = acceptor(schema);
  const parse: T['safeParseAsync'] = async (value, params) => {
    const fast = accept(value);
    if (fast !== UNSURE) return { success: true, data: fast as z.output<T> };
    return schema.safeParseAsync(value, params);
  };
  (copy as { safeParseAsync: unknown }).safeParseAsync = parse;
  return copy;
}

/** A JSON response for createRoute, with an optional example for the API reference. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string, example?: z.output<T>) {
  return { description, content: { 'application/json': { schema, example } } } as const;
}

const error = (description: string, code: string, message: string, details: unknown = null) =>
  jsonResponse(ErrorSchema, description, { error: { code, message, details } });

/** The error responses most routes share (documentation only; any route may answer the envelope). */
export const errorResponses = {
  400: error(
    'Invalid input: malformed JSON or a field failed validation',
    'validation_failed',
    'Invalid request body: name: name must not be empty',
    { target: 'body', issues: [{ path: 'name', message: 'name must not be empty' }] },
  ),
  401: error(
    'Missing, invalid or expired bearer token',
    'unauthorized',
    'The token is invalid or has expired; sign in again',
  ),
  403: error('Your role does not allow this', 'forbidden', 'Only an admin may do this'),
} as const;

export const notFoundResponse = {
  404: error('No such record in your team', 'not_found', 'No such record'),
} as const;
export const conflictResponse = {
  409: error('Conflicts with an existing record', 'conflict', 'This would duplicate an existing record'),
} as const;

/** Routes open to anyone (health, login, the API description). */
export const publicRoute: { security: [] } = { security: [] };

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');
