import type { AppRouteHandler } from '../../lib/app-env.ts';
import { SERVER_VERSION } from '../../version.ts';
import type { healthRoute } from './health.routes.ts';

export const health: AppRouteHandler<typeof healthRoute> = async (c) => {
  await c.var.store.db.get('SELECT 1 AS ok');
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
