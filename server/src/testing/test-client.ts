import { OpenAPIHono } from '@hono/zod-openapi';
import { testClient } from 'hono/testing';
import type { Schema } from 'hono/types';
import { API_PREFIX } from '../app.ts';
import { REST_ENTITIES, type RestEntity } from '../entities/registry.ts';
import type { AppEnv } from '../lib/app-env.ts';
import { authRouter } from '../routes/auth/auth.index.ts';
import { editableEntityRouter, insertOnlyEntityRouter } from '../routes/entities/entities.index.ts';
import { exportsRouter } from '../routes/exports/exports.index.ts';
import { healthRouter } from '../routes/health/health.index.ts';
import { importsRouter } from '../routes/imports/imports.index.ts';
import { reportsRouter } from '../routes/reports/reports.index.ts';
import { settingsRouter } from '../routes/settings/settings.index.ts';
import { teamsRouter } from '../routes/teams/teams.index.ts';
import { usersRouter } from '../routes/users/users.index.ts';
import type { ApiResponse, TestApp } from './test-app.ts';

/**
 * Hono's typed `testClient` over the whole real app (auth, error handler, store), typed by one router
 * mounted at `/api/v1<path>`: paths, params, query and JSON bodies are checked against the route
 * contracts at compile time, and `res.json()` has the handler's type. `token` signs every request in;
 * `ip` is the peer address the requests come from (as `t.request`'s `ip`; none by default).
 */
export function routeClient<P extends string, S extends Schema, B extends string>(
  t: TestApp,
  path: P,
  router: OpenAPIHono<AppEnv, S, B>,
  token?: string,
  ip?: string,
) {
  // Only for its type: the routes as the app mounts them. Requests go to t.app itself.
  const mounted = new OpenAPIHono<AppEnv>().route(`${API_PREFIX}${path}` as `/api/v1${P}`, router);
  return testClient(
    t.app as unknown as typeof mounted,
    // The node server's bindings, as far as the app reads them (the client address).
    ip === undefined
      ? undefined
      : ({ incoming: { socket: { remoteAddress: ip } } } as unknown as AppEnv['Bindings']),
    undefined,
    token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
  );
}

/**
 * A typed client's answer read as `t.request` reads one: status, headers and the body (parsed when it
 * is JSON, else the text), typed loosely because tests read refusals (the error shape) and successes
 * through the same variable.
 */
export async function read(
  answer: Promise<{ status: number; headers: Headers; text(): Promise<string> }>,
): Promise<ApiResponse> {
  const res = await answer;
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: json ? JSON.parse(text) : text, headers: res.headers };
}

const restAt = (path: string) => REST_ENTITIES.find((r) => r.path === path) as RestEntity;
const editable = (path: string) => editableEntityRouter(restAt(path));
const routers = {
  contacts: editable('contacts'),
  companies: editable('companies'),
  customers: editable('customers'),
  interactions: insertOnlyEntityRouter(restAt('interactions')),
  opportunities: editable('opportunities'),
  products: editable('products'),
  surveys: editable('surveys'),
  tasks: editable('tasks'),
  tickets: editable('tickets'),
};

/** The REST entity routes and users/:id/reassign through the typed client, signed in with `token`. */
export const restClient = (t: TestApp, token: string) => ({
  contacts: routeClient(t, '/contacts', routers.contacts, token).api.v1.contacts,
  companies: routeClient(t, '/companies', routers.companies, token).api.v1.companies,
  customers: routeClient(t, '/customers', routers.customers, token).api.v1.customers,
  interactions: routeClient(t, '/interactions', routers.interactions, token).api.v1.interactions,
  opportunities: routeClient(t, '/opportunities', routers.opportunities, token).api.v1.opportunities,
  products: routeClient(t, '/products', routers.products, token).api.v1.products,
  surveys: routeClient(t, '/surveys', routers.surveys, token).api.v1.surveys,
  tickets: routeClient(t, '/tickets', routers.tickets, token).api.v1.tickets,
  tasks: routeClient(t, '/tasks', routers.tasks, token).api.v1.tasks,
  users: routeClient(t, '/users', usersRouter, token).api.v1.users,
});

const reportsOf = (t: TestApp, token?: string) =>
  routeClient(t, '/reports', reportsRouter, token).api.v1.reports;

/**
 * One report route of the typed client, e.g. `reportRoute(t, 'profit', token).$get({ query })` (the
 * `/customers/:id` routes give the client an index signature, so the known name is asserted present).
 */
export function reportRoute<K extends keyof ReturnType<typeof reportsOf>>(
  t: TestApp,
  name: K,
  token?: string,
) {
  return reportsOf(t, token)[name] as NonNullable<ReturnType<typeof reportsOf>[K]>;
}

/** The team settings route (GET, PUT, PATCH) through the typed client, signed in with `token`. */
export const settingsApi = (t: TestApp, token: string) =>
  routeClient(t, '/settings', settingsRouter, token).api.v1.settings;

/**
 * The auth routes (login, me, password, logout) through the typed client, signed in when `token` is
 * given, from the peer address `ip` when given (login limits count per address).
 */
export const authApi = (t: TestApp, token?: string, ip?: string) =>
  routeClient(t, '/auth', authRouter, token, ip).api.v1.auth;

/** The team routes (current team, new team) through the typed client, signed in with `token`. */
export const teamsApi = (t: TestApp, token: string) =>
  routeClient(t, '/teams', teamsRouter, token).api.v1.teams;

/** The contacts export through the typed client, signed in with `token`. */
export const exportsApi = (t: TestApp, token: string) =>
  routeClient(t, '/exports', exportsRouter, token).api.v1.exports;

/** The import list and progress routes through the typed client (uploads stay raw: see imports.test.ts). */
export const importsApi = (t: TestApp, token: string) =>
  routeClient(t, '/imports', importsRouter, token).api.v1.imports;

/** The public health check through the typed client. */
export const healthApi = (t: TestApp) => routeClient(t, '/health', healthRouter).api.v1.health;
