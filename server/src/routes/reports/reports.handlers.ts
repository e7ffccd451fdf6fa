import type { Context } from 'hono';
import { linkSuggestions } from '../../imports/contact-links.ts';
import type { AppEnv, AppRouteHandler } from '../../lib/app-env.ts';
import { coefficientReport } from '../../reports/coefficient.ts';
import { commissionReport } from '../../reports/commission.ts';
import { customerDetail, customerLines } from '../../reports/customer-detail.ts';
import { customersReport } from '../../reports/customers.ts';
import { customersCsv } from '../../reports/customers-csv.ts';
import { followUpsReport } from '../../reports/followups.ts';
import { funnelReport } from '../../reports/funnel.ts';
import { productMarginReport } from '../../reports/products.ts';
import { profitReport } from '../../reports/profit.ts';
import { pulseReport } from '../../reports/pulse.ts';
import { profitByRepReport } from '../../reports/reps.ts';
import { satisfactionReport } from '../../reports/satisfaction.ts';
import type { Viewer } from '../../reports/scope.ts';
import { serviceReport } from '../../reports/service.ts';
import { tierMixReport } from '../../reports/tier-mix.ts';
import type * as r from './reports.routes.ts';

const viewer = (c: Context<AppEnv>): Viewer => ({
  teamId: c.var.auth.team.id,
  userId: c.var.auth.user.id,
  role: c.var.auth.user.role,
});

export const customers: AppRouteHandler<typeof r.customersRoute> = async (c) =>
  c.json(await customersReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const tierMix: AppRouteHandler<typeof r.tierMixRoute> = async (c) =>
  c.json(await tierMixReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const profit: AppRouteHandler<typeof r.profitRoute> = async (c) =>
  c.json(await profitReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const profitByRep: AppRouteHandler<typeof r.profitByRepRoute> = async (c) =>
  c.json(await profitByRepReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const productMargins: AppRouteHandler<typeof r.productMarginsRoute> = async (c) =>
  c.json(await productMarginReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const commission: AppRouteHandler<typeof r.commissionRoute> = async (c) =>
  c.json(await commissionReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const followUps: AppRouteHandler<typeof r.followUpsRoute> = async (c) =>
  c.json(await followUpsReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const funnel: AppRouteHandler<typeof r.funnelRoute> = async (c) =>
  c.json(await funnelReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const satisfaction: AppRouteHandler<typeof r.satisfactionRoute> = async (c) =>
  c.json(await satisfactionReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const service: AppRouteHandler<typeof r.serviceRoute> = async (c) =>
  c.json(await serviceReport(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query')), 200);

export const pulse: AppRouteHandler<typeof r.pulseRoute> = async (c) =>
  c.json(await pulseReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const coefficient: AppRouteHandler<typeof r.coefficientRoute> = async (c) =>
  c.json(await coefficientReport(c.var.store, c.var.clock, viewer(c), c.req.valid('query')), 200);

export const suggestions: AppRouteHandler<typeof r.linkSuggestionsRoute> = async (c) => {
  const { limit, offset } = c.req.valid('query');
  const all = await linkSuggestions(c.var.store, c.var.auth.team.id);
  return c.json({ total: all.length, items: all.slice(offset, offset + limit) }, 200);
};

export const customersExport: AppRouteHandler<typeof r.customersExportRoute> = async (c) => {
  const file = await customersCsv(c.var.store, c.var.clock, c.var.auth.team.id, c.req.valid('query'));
  return c.body(file.body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'X-Record-Count': String(file.count),
  });
};

export const customer: AppRouteHandler<typeof r.customerDetailRoute> = async (c) =>
  c.json(
    await customerDetail(
      c.var.store,
      c.var.clock,
      c.var.auth.team.id,
      c.req.valid('param').id,
      c.req.valid('query'),
    ),
    200,
  );

export const lines: AppRouteHandler<typeof r.customerLinesRoute> = async (c) =>
  c.json(
    await customerLines(
      c.var.store,
      c.var.clock,
      c.var.auth.team.id,
      c.req.valid('param').id,
      c.req.valid('query'),
    ),
    200,
  );
