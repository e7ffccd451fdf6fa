import type { AppRouteHandler } from '../../lib/app-env.ts';
import { errorBody } from '../../lib/errors.ts';
import { SERVER_VERSION } from '../../version.ts';
import type { healthRoute } from './health.routes.ts';

export const health: AppRouteHandler<typeof healthRoute> = async (c) => {
  try {
    // Not a pooled or queued statement: health must answer while pushes and pulls wait their turn.
    await c.var.store.ping();
  } catch (err) {
    // The server is up but cannot serve: 503 tells a load balancer or monitor to wait, not that we broke.
    c.var.log.warn('health: the database does not answer', { error: String(err) });
    return c.json(errorBody('unavailable', `The ${c.var.store.dialect} database does not answer`), 503, {
      'Retry-After': '5',
    });
  }
  return c.json(
    {
      ok: true as const,
      version: SERVER_VERSION,
      database: c.var.store.dialect,
      time: c.var.clock.now().toISOString(),
    },
    200,
  );
};
