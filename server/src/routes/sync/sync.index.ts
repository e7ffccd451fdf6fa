import { createRouter } from '../../lib/create-router.ts';
import { pokes } from '../../sync/pokes.ts';
import * as handlers from './sync.handlers.ts';
import * as routes from './sync.routes.ts';

export interface SyncRouterOptions {
  /** Interval of the SSE keep-alive comments (default 25 s, under common 30–60 s proxy idle limits). */
  heartbeatMs?: number;
}

/** /api/v1/sync: push, pull and the poke stream (see the README, "How sync works"). */
export function createSyncRouter({ heartbeatMs = 25_000 }: SyncRouterOptions = {}) {
  return createRouter()
    .openapi(routes.pushRoute, handlers.push)
    .openapi(routes.pullRoute, handlers.pull)
    .openapi(routes.eventsRoute, handlers.events({ hub: pokes, heartbeatMs }));
}

export const syncRouter = createSyncRouter();
