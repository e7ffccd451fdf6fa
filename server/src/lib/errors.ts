import { z } from '@hono/zod-openapi';

export * from './api-error.ts';

/** The documented error envelope (OpenAPI component). */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      details: z
        .unknown()
        .nullable()
        .openapi({ description: 'null, or structured detail such as [{ path, message }]' }),
    }),
  })
  .openapi('Error');
