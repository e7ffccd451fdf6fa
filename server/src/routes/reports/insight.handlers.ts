import type { AppRouteHandler } from '../../lib/app-env.ts';
import { affinityReport } from '../../reports/affinity.ts';
import { churnReport } from '../../reports/churn.ts';
import { forecastReport } from '../../reports/forecast.ts';
import { relationshipsReport } from '../../reports/relationships.ts';
import type { Viewer } from '../../reports/scope.ts';
import { segmentsReport } from '../../reports/segments.ts';
import type * as r from './insight.routes.ts';

export const segments: AppRouteHandler<typeof r.segmentsRoute> = async (c) =>
  c.json(await segmentsReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const churn: AppRouteHandler<typeof r.churnRoute> = async (c) =>
  c.json(await churnReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const forecast: AppRouteHandler<typeof r.forecastRoute> = async (c) => {
  const viewer: Viewer = {
    teamId: c.var.auth.team.id,
    userId: c.var.auth.user.id,
    role: c.var.auth.user.role,
  };
  return c.json(await forecastReport(c.var.store, c.var.clock, viewer, c.req.valid('query')), 200);
};

export const affinity: AppRouteHandler<typeof r.affinityRoute> = async (c) =>
  c.json(await affinityReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const relationships: AppRouteHandler<typeof r.relationshipsRoute> = async (c) =>
  c.json(await relationshipsReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);
