import { createRoute } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../lib/openapi.ts';
import { PipelineQuery, PipelineReportSchema } from '../../reports/pipeline.ts';

export const pipelineRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['reports'],
  summary: 'Sales pipeline: funnel, stage conversion, weighted forecast per rep and month',
  description:
    "Open deals now and won/lost ones that closed in the window ([from, to), else the team's tier window). A won or lost deal without a closeDate closed on the day its stage changed. Weighted = amount × the team's stage probability, summed exactly and rounded once. Money is exact decimal strings.",
  request: { query: PipelineQuery },
  responses: { 200: jsonResponse(PipelineReportSchema, 'The pipeline'), ...errorResponses },
});
