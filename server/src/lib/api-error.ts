// ApiError and its helpers without the OpenAPI schema, so code outside the HTTP app (the CLI, accounts)
// does not load @hono/zod-openapi; errors.ts re-exports all of it.
import type { ApiErrorCode } from '@rapport/shared/api-errors';
import { type IssueDetail, issueParams } from '@rapport/shared/schemas/errors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

/**
 * Machine-readable error codes; clients branch on these, never on messages. The list is
 * API_ERROR_CODES in @rapport/shared/api-errors, where each has its sentence in every UI language.
 */
export type ErrorCode = ApiErrorCode;

/** A failure with a known HTTP status. Throw it anywhere under a handler; the app renders it as JSON. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Sign in first: send Authorization: Bearer <token>') =>
  new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details);

/** The envelope of every error (the same shape as ErrorBody in @rapport/shared/schemas/api). */
export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, details: details ?? null } };
}

/**
 * Zod issues as `{ path, message }` so a client can point at the offending field; the common ones
 * (too_small, too_big, invalid_type, invalid_format, invalid_value) also carry `code` and their
 * origin / minimum / maximum / expected / format, so a UI can translate the reason.
 */
export function zodIssues(error: ZodError): IssueDetail[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
    ...issueParams(i),
  }));
}

export function validationError(error: ZodError, target: string): ApiError {
  const issues = zodIssues(error);
  const first = issues[0];
  const where = target === 'json' ? 'body' : target;
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid input';
  return new ApiError(400, 'validation_failed', `Invalid request ${where}: ${summary}`, {
    target: where,
    issues,
  });
}
