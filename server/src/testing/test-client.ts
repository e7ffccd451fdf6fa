import { OpenAPIHono } from '@hono/zod-openapi';
import { testClient } from 'hono/testing';
import type { Schema } from 'hono/types';
import { API_PREFIX } from '../app.ts';
import type { AppEnv } from '../lib/app-env.ts';
import type { ApiResponse, TestApp } from './test-app.ts';

/**
 * Hono's typed `testClient` over the whole real app (auth, error handler, store), typed by one router
 * mounted at `/api/v1<path>`: paths, params, query and JSON bodies are checked against the route
 * contracts at compile time, and `res.json()` has the handler's type. `token` signs every request in.
 */
export function routeClient<P extends string, S extends Schema, B extends string>(
  t: TestApp,
  path: P,
  router: OpenAPIHono<AppEnv, S, B>,
  token?: string,
) {
  // Only for its type: the routes as the app mounts them. Requests go to t.app itself.
  const mounted = new OpenAPIHono<AppEnv>().route(`${API_PREFIX}${path}` as `/api/v1${P}`, router);
  return testClient(
    t.app as unknown as typeof mounted,
    undefined,
    undefined,
    token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
  );
}

/**
 * A typed client's answer read as `t.request` reads one: status, headers and the JSON body, typed
 * loosely because tests read refusals (the error shape) and successes through the same variable.
 */
export async function read(
  answer: Promise<{ status: number; headers: Headers; json(): Promise<unknown> }>,
): Promise<ApiResponse> {
  const res = await answer;
  return { status: res.status, body: await res.json(), headers: res.headers };
}
