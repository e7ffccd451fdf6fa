import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { ApiError, validationError } from './errors.ts';

/** A router and where it is mounted: /api/v1 + path (app.ts holds the list). */
export interface ApiRouter {
  path: string;
  router: OpenAPIHono<AppEnv>;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** True when the request declares a JSON body. */
export function isJsonRequest(c: Context): boolean {
  return JSON_TYPE.test(c.req.header('content-type') ?? '');
}

/**
 * A router whose zod validation failures become 400 { error: { code: 'validation_failed', … } }, and a
 * non-JSON body on a JSON route 415. Mount it in app.ts's router list.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result, c) => {
      if (result.success) return;
      if (result.target === 'json' && !isJsonRequest(c)) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          'Send the body as JSON with Content-Type: application/json',
        );
      }
      throw validationError(result.error, result.target);
    },
  });
}
