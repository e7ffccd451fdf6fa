import { ValidationError } from '@rapport/shared/schemas/errors';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ForeignKeyViolationError, UniqueViolationError } from '../store/store.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, type ErrorCode, errorBody } from './errors.ts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Hono's own exceptions (malformed JSON, body limits) carry client faults; keep their status. */
function fromHttpException(err: HTTPException): ApiError {
  const status = err.status as ContentfulStatusCode;
  if (status >= 500) return new ApiError(500, 'internal', 'Internal server error');
  const code = /malformed json/i.test(err.message)
    ? 'invalid_json'
    : (CODE_BY_STATUS[status] ?? 'bad_request');
  const message =
    code === 'invalid_json' ? 'The request body is not valid JSON' : err.message || 'Bad request';
  return new ApiError(status, code, message);
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  let api: ApiError;
  if (err instanceof ApiError) api = err;
  else if (err instanceof HTTPException) api = fromHttpException(err);
  else if (err instanceof ValidationError)
    api = new ApiError(400, 'validation_failed', err.message, err.details);
  else if (err instanceof UniqueViolationError)
    api = new ApiError(409, 'conflict', 'This would duplicate an existing record');
  else if (err instanceof ForeignKeyViolationError)
    api = new ApiError(409, 'conflict', 'This refers to a record that does not exist');
  else {
    c.var.log?.error('unhandled error', {
      method: c.req.method,
      path: c.req.path,
      error: String(err),
      stack: (err as Error)?.stack,
    });
    api = new ApiError(500, 'internal', 'Internal server error');
  }
  return c.json(errorBody(api.code, api.message, api.details), api.status, api.headers);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
