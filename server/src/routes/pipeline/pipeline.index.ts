import type { AppRouteHandler } from '../../lib/app-env.ts';
import { createRouter } from '../../lib/create-router.ts';
import { pipelineReport } from '../../reports/pipeline.ts';
import { pipelineRoute } from './pipeline.routes.ts';

const pipeline: AppRouteHandler<typeof pipelineRoute> = async (c) =>
  c.json(
    await pipelineReport(
      c.var.store,
      c.var.clock,
      { teamId: c.var.auth.team.id, userId: c.var.auth.user.id, role: c.var.auth.user.role },
      c.req.valid('query'),
    ),
    200,
  );

/** GET /api/v1/pipeline: the Pipeline screen's figures. */
export const pipelineRouter = createRouter().openapi(pipelineRoute, pipeline);
