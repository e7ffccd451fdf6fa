import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { createServerHlc, type HlcClock } from './entities/server-hlc.ts';
import { API_DOCS_ASSETS, mountApiDocs } from './lib/api-docs.ts';
import type { AppConfig, AppEnv } from './lib/app-env.ts';
import { requireAuth } from './lib/auth.ts';
import { type Clock, DAY_MS, systemClock } from './lib/clock.ts';
import { type ApiRouter, createRouter } from './lib/create-router.ts';
import { onError, onNotFound } from './lib/error-handler.ts';
import { errorBody } from './lib/errors.ts';
import { type Logger, silentLogger } from './lib/log.ts';
import { textRule } from './lib/text-rule.ts';
import { authRouter } from './routes/auth/auth.index.ts';
import { campaignsRouter } from './routes/campaigns/campaigns.index.ts';
import { customersRouter } from './routes/customers/customers.index.ts';
import { dashboardRouter } from './routes/dashboard/dashboard.index.ts';
import { entityRouters } from './routes/entities/entities.index.ts';
import { exportsRouter } from './routes/exports/exports.index.ts';
import { healthRouter } from './routes/health/health.index.ts';
import { importsRouter } from './routes/imports/imports.index.ts';
import { pipelineRouter } from './routes/pipeline/pipeline.index.ts';
import { reportsRouter } from './routes/reports/reports.index.ts';
import { settingsRouter } from './routes/settings/settings.index.ts';
import { syncRouter } from './routes/sync/sync.index.ts';
import { teamsRouter } from './routes/teams/teams.index.ts';
import { usersRouter } from './routes/users/users.index.ts';
import type { Store } from './store/store.ts';
import { SERVER_VERSION } from './version.ts';

export const API_PREFIX = '/api/v1';

/**
 * Every API router, in one list. To add one: build it with createRouter() in
 * routes/<name>/<name>.index.ts and append `{ path: '/<name>', router }` here.
 */
export const apiRouters: readonly ApiRouter[] = [
  { path: '/health', router: healthRouter },
  { path: '/auth', router: authRouter },
  { path: '/users', router: usersRouter },
  { path: '/teams', router: teamsRouter },
  { path: '/settings', router: settingsRouter },
  { path: '/sync', router: syncRouter },
  { path: '/imports', router: importsRouter },
  { path: '/reports', router: reportsRouter },
  { path: '/exports', router: exportsRouter },
  { path: '/customers', router: customersRouter },
  { path: '/pipeline', router: pipelineRouter },
  { path: '/campaigns', router: campaignsRouter },
  ...entityRouters,
];

/** The only /api/v1 paths reachable without a bearer token (plus PUBLIC_PREFIXES); everything else requires one. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  `${API_PREFIX}/health`,
  `${API_PREFIX}/auth/login`,
  `${API_PREFIX}/openapi.json`,
  `${API_PREFIX}/docs`,
]);

/** Public path prefixes: the API reference's static assets (the Scalar bundle and its init script). */
export const PUBLIC_PREFIXES: readonly string[] = [`${API_PREFIX}/docs${API_DOCS_ASSETS}/`];

export interface CreateAppOptions {
  store: Store;
  clock?: Clock;
  /** Defaults to a fresh server HLC over `clock`. */
  hlc?: HlcClock;
  log?: Logger;
  /** Bearer token lifetime (default 30 days). */
  tokenTtlMs?: number;
  /** Largest accepted request body (default 32 MiB). */
  maxBodyBytes?: number;
  /** The built dashboard served at `/` (default server/dashboard/dist). */
  dashboardDir?: string;
}

const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Rapport',
    version: SERVER_VERSION,
    description: [
      'Profit-aware CRM server: accounts, team settings, CRM records, sync, imports and reports.',
      '',
      'Sign in with `POST /api/v1/auth/login` (email and password) and send the token it returns as',
      '`Authorization: Bearer <token>` on every other request. In this reference, paste it under',
      'Authentication to try requests against this server.',
      '',
      'Errors always have the shape `{ "error": { "code": "...", "message": "...", "details": ... } }`.',
    ].join('\n'),
  },
  security: [{ bearerAuth: [] }],
};

export function createApp(options: CreateAppOptions): OpenAPIHono<AppEnv> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const hlc = options.hlc ?? createServerHlc(clock);
  const config: AppConfig = {
    tokenTtlMs: options.tokenTtlMs ?? 30 * DAY_MS,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
  };
  const app = createRouter();
  app.onError(onError);
  app.notFound(onNotFound);

  app.use('*', async (c, next) => {
    c.set('store', options.store);
    c.set('clock', clock);
    c.set('hlc', hlc);
    c.set('log', log);
    c.set('config', config);
    const started = performance.now();
    await next();
    log.debug('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  app.use(`${API_PREFIX}/*`, secureHeaders({ crossOriginResourcePolicy: false }));
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: (c) =>
        c.json(
          errorBody(
            'payload_too_large',
            `The request body is larger than ${Math.floor(config.maxBodyBytes / 1024)} KiB`,
          ),
          413,
        ),
    }),
  );
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const path = c.req.path.length > 1 ? c.req.path.replace(/\/+$/, '') : c.req.path;
    if (PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((p) => path.startsWith(p))) return next();
    return requireAuth(c, next);
  });
  app.use(`${API_PREFIX}/*`, textRule);

  for (const { path, router } of apiRouters) app.route(`${API_PREFIX}${path}`, router);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/v1/auth/login',
  });
  // The server's own origin, so request samples (curl, fetch, …) in the reference are commands that run.
  app.doc(`${API_PREFIX}/openapi.json`, (c) => ({
    ...OPENAPI_INFO,
    servers: [{ url: new URL(c.req.url).origin, description: 'This server' }],
  }));
  mountApiDocs(app, `${API_PREFIX}/docs`, `${API_PREFIX}/openapi.json`);
  // Last: API paths keep their JSON 404; every other GET gets the dashboard.
  app.route('/', dashboardRouter({ dir: options.dashboardDir }));
  return app;
}
