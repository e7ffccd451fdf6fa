import { loadSession } from './session.ts';

/** An API failure: the server's { error: { code, message, details } }, or a network problem (status 0). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
  /** Send no token (sign-in). */
  anonymous?: boolean;
}

/** Called when the server says the token is no longer valid (the app signs out). */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** "/reports/customers" + query -> "/api/v1/reports/customers?sort=profit"; empty values are left out. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const retryAfter = Number(res.headers.get('Retry-After')) || null;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ApiError(
        res.status,
        body.error.code ?? 'error',
        body.error.message,
        body.error.details ?? null,
        retryAfter,
      );
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(res.status, 'http_error', `${res.status} ${res.statusText}`.trim(), null, retryAfter);
}

/** One API call with the session's bearer token; resolves to the JSON body or throws ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const session = options.anonymous ? null : loadSession();
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401 && !options.anonymous) onUnauthorized();
    throw error;
  }
  return (await res.json()) as T;
}

/**
 * Downloads an API file (CSV) with the session's token: fetched, then saved through a temporary
 * object URL (a plain link could not send the Authorization header). Resolves to the row count
 * the server reports, when it does.
 */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<number | null> {
  const headers = new Headers();
  const session = loadSession();
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { headers });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message);
  }
  if (!res.ok) {
    const error = await errorFrom(res);
    if (res.status === 401) onUnauthorized();
    throw error;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  const count = Number(res.headers.get('X-Record-Count'));
  return Number.isFinite(count) ? count : null;
}
