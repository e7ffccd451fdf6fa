import { ErrorBody } from '@rapport/shared/schemas/api';
import type { z } from 'zod';

/** fetch as the client uses it; tests pass a fake server, the lead may pass Hono's app.request. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * network: no answer (offline, DNS, reset); server: 5xx/429 or an unreadable answer; auth: 401;
 * forbidden: 403; gap: 409 (mutation ids out of step); client: another 4xx.
 */
export type HttpErrorKind = 'network' | 'server' | 'auth' | 'forbidden' | 'gap' | 'client';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly body: unknown = null,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** The server's { code, message, details } when its answer was an API error body (checked with zod). */
  get apiError(): ErrorBody['error'] | null {
    const parsed = ErrorBody.safeParse(this.body);
    return parsed.success ? parsed.data.error : null;
  }

  /** Worth retrying later with backoff. */
  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'server';
  }
}

function kindOf(status: number): HttpErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 409) return 'gap';
  if (status === 429 || status >= 500) return 'server';
  return 'client';
}

function retryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  token?: string | null;
  body?: unknown;
}

/** Sends a JSON request and parses the answer with `schema`; every failure is an HttpError. */
export async function requestJson<S extends z.ZodType>(
  fetch: Fetch,
  request: JsonRequest,
  schema: S,
  now = Date.now(),
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (error) {
    throw new HttpError('network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = ErrorBody.safeParse(json);
    const message = error.success ? error.data.error.message : `HTTP ${response.status}`;
    throw new HttpError(
      kindOf(response.status),
      message,
      response.status,
      json,
      retryAfter(response.headers.get('retry-after'), now),
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new HttpError(
      'server',
      `Unexpected answer from ${request.method} ${new URL(request.url).pathname}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      response.status,
      json,
    );
  return parsed.data;
}

/** "https://crm.example.com/" or "https://crm.example.com/app" -> "https://crm.example.com". */
export function serverOrigin(serverUrl: string): string {
  return new URL(serverUrl).origin;
}

export const API = '/api/v1';
