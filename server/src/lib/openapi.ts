import { z } from '@hono/zod-openapi';
import { ErrorSchema } from './errors.ts';

/** A JSON request body for createRoute (required, so a missing or non-JSON body is refused). */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } } as const;
}

/** A JSON response for createRoute. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

const error = (description: string) => jsonResponse(ErrorSchema, description);

/** The error responses most routes share (documentation only; any route may answer the envelope). */
export const errorResponses = {
  400: error('Invalid input: malformed JSON or a field failed validation'),
  401: error('Missing, invalid or expired bearer token'),
  403: error('Your role does not allow this'),
} as const;

export const notFoundResponse = { 404: error('No such record in your team') } as const;
export const conflictResponse = { 409: error('Conflicts with an existing record') } as const;

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
