import type { AppRouteHandler } from '../../lib/app-env.ts';
import { SERVER_VERSION } from '../../version.ts';
import type { healthRoute } from './health.routes.ts';

export const health: AppRouteHandler<typeof healthRoute> = async (c) => {
  // Not a pooled or queued statement: health must answer while pushes and pulls wait their turn.
  await c.var.store.ping();
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
