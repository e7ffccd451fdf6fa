import type { RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { linkSuggestions } from '../../imports/contact-links.ts';
import type { AppEnv, AppRouteHandler } from '../../lib/app-env.ts';
import type { Clock } from '../../lib/clock.ts';
import type { IdParam } from '../../lib/openapi.ts';
import { customerDetail, customerLines } from '../../reports/customer-detail.ts';
import { customersCsv } from '../../reports/customers-csv.ts';
import type { Viewer } from '../../reports/scope.ts';
import type { Store } from '../../store/store.ts';
import type * as r from './reports.routes.ts';

type ReportRoute = RouteConfig & {
  request: { query: z.ZodType };
  responses: { 200: { content: { 'application/json': { schema: z.ZodType } } } };
};
/** A report function: the route's 200 body from the store, the clock, its scope arguments and the route's query. */
type Report<R extends ReportRoute, S extends unknown[]> = (
  store: Store,
  clock: Clock,
  ...args: [...S, z.output<R['request']['query']>]
) => Promise<z.input<R['responses'][200]['content']['application/json']['schema']>>;

const viewer = (c: Context<AppEnv>): Viewer => ({
  teamId: c.var.auth.team.id,
  userId: c.var.auth.user.id,
  role: c.var.auth.user.role,
});

const reportHandler = <R extends ReportRoute, S extends unknown[]>(
  scope: (c: Context<AppEnv>) => S,
  run: Report<R, S>,
): AppRouteHandler<R> =>
  // The casts only bridge the generic route to Hono's handler type: `run`'s own type ties it to the route's query and 200 schema.
  (async (c: Context<AppEnv>) =>
    c.json(await run(c.var.store, c.var.clock, ...scope(c), c.req.valid('query' as never)), 200)) as never;

/** A GET report over the caller's team: JSON of `run(store, clock, teamId, query)`. */
export const teamReport = <R extends ReportRoute>(run: Report<R, [string]>) =>
  reportHandler<R, [string]>((c) => [c.var.auth.team.id], run);

/** A GET report whose rows depend on who asks (a rep sees their own): JSON of `run(store, clock, viewer, query)`. */
export const viewerReport = <R extends ReportRoute>(run: Report<R, [Viewer]>) =>
  reportHandler<R, [Viewer]>((c) => [viewer(c)], run);

/** A GET report on one customer (the path's `{id}`) of the caller's team: JSON of `run(store, clock, teamId, id, query)`. */
const customerReport = <R extends ReportRoute & { request: { params: typeof IdParam } }>(
  run: Report<R, [string, string]>,
) =>
  reportHandler<R, [string, string]>(
    (c) => [c.var.auth.team.id, (c.req.valid('param' as never) as z.output<typeof IdParam>).id],
    run,
  );

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

export const customer = customerReport<typeof r.customerDetailRoute>(customerDetail);

export const lines = customerReport<typeof r.customerLinesRoute>(customerLines);
