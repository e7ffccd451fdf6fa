import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam, jsonResponse, notFoundResponse } from '../../lib/openapi.ts';
import { CoefficientQuery } from '../../reports/coefficient.ts';
import { CommissionQuery } from '../../reports/commission.ts';
import {
  CustomerDetailSchema,
  CustomerLinesQuery,
  CustomerLinesSchema,
} from '../../reports/customer-detail.ts';
import { CustomersQuery } from '../../reports/customers.ts';
import { FollowUpsQuery } from '../../reports/followups.ts';
import { FunnelQuery } from '../../reports/funnel.ts';
import { ProfitQuery } from '../../reports/profit.ts';
import { PulseQuery } from '../../reports/pulse.ts';
import { RepsQuery } from '../../reports/reps.ts';
import { SatisfactionQuery } from '../../reports/satisfaction.ts';
import { ServiceQuery } from '../../reports/service.ts';
import { TierMixQuery, TierMixSchema } from '../../reports/tier-mix.ts';
import { WindowQuery } from '../../reports/window.ts';
import * as s from './reports.schemas.ts';

const WINDOW_NOTE =
  "The window is [from, to) when given, every line with allTime=true, else the team's tier window (`window` in the answer says which).";

/** A GET report: its query, its JSON answer, and the window note after the description (the path stays literal for typed clients). */
export const report = <P extends string, Q extends z.ZodObject, R extends z.ZodType>(
  path: P,
  summary: string,
  query: Q,
  response: R,
  description = '',
) =>
  createRoute({
    method: 'get',
    path,
    tags: ['reports'],
    summary,
    description: `${description} ${WINDOW_NOTE} Money is exact decimal strings.`.trim(),
    request: { query },
    responses: { 200: jsonResponse(response, summary), ...errorResponses },
  });

export const customersRoute = report(
  '/customers',
  'Customers with revenue, profit, orders, margin and tier',
  CustomersQuery,
  s.CustomersReportSchema,
  'Tiers rank the whole team over the chosen window. customerId is the external id when there is one.',
);
export const tierMixRoute = report(
  '/tier-mix',
  'Customers, revenue and profit per tier (the tier mix) in one summary',
  TierMixQuery,
  TierMixSchema,
  'Tiers rank the whole team over the chosen window, as in the customers report; `losing` counts customers with negative profit.',
);
export const profitRoute = report(
  '/profit',
  'Profit and revenue by month or year, with period comparisons',
  ProfitQuery,
  s.ProfitReportSchema,
);
export const profitByRepRoute = report(
  '/profit-by-rep',
  "Profit by rep (the customer's current owner)",
  RepsQuery,
  s.ProfitByRepSchema,
  'A rep sees only their own row.',
);
export const productMarginsRoute = report(
  '/product-margins',
  'Product margins and margin tiers',
  WindowQuery,
  s.ProductMarginSchema,
);
export const commissionRoute = report(
  '/commission',
  'Commission per rep per month',
  CommissionQuery,
  s.CommissionSchema,
  "Each line earns its product's margin-tier rate × revenue (0 for loss-making lines), rounded to cents once per rep-month. A rep sees only their own.",
);
export const followUpsRoute = report(
  '/follow-ups',
  'Follow-ups overdue, due and soon per rep',
  FollowUpsQuery,
  s.FollowUpsSchema,
  "Days count in each rep's time zone. A rep sees only their own contacts.",
);
export const funnelRoute = report(
  '/funnel',
  'Opportunities by stage and conversion',
  FunnelQuery,
  s.FunnelSchema,
);
export const satisfactionRoute = report(
  '/satisfaction',
  'CSAT (surveys + ticket feedback) and NPS',
  SatisfactionQuery,
  s.SatisfactionSchema,
);
export const serviceRoute = report(
  '/service',
  'Tickets by category, status, assignee and open age; resolution time and post-resolution satisfaction',
  ServiceQuery,
  s.ServiceSchema,
  'Per category: tickets opened and resolved in the window (by UTC day), median and mean hours from creation to resolution, mean satisfaction (1–5) of those resolved. Status, assignee and open-age figures are as of now. Without from/to/allTime the window is the last 90 days.',
);
export const pulseRoute = report(
  '/pulse',
  'Employee pulse: the team trend by week and month',
  PulseQuery,
  s.PulseSchema,
  "Averages and counts only. Comments: the caller's own, and teammates' only when they shared them (unnamed). Without from/to the window is all time.",
);
export const coefficientRoute = report(
  '/coefficient',
  'CRM coefficient with its three factors',
  CoefficientQuery,
  s.CoefficientSchema,
  'satisfaction × loyalty × conversion / baseline (configured, or the previous window of equal length). A factor without data is named in missing and the value is null.',
);
export const linkSuggestionsRoute = report(
  '/link-suggestions',
  'Suggested contact-to-customer links (same normalised name, same company)',
  z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  s.LinkSuggestionsSchema,
);

export const customersExportRoute = createRoute({
  method: 'get',
  path: '/customers/export',
  tags: ['reports'],
  summary: 'The customers report as CSV: the same filters and sort, every page',
  description: `Columns: customerId, name, tier, revenue, profit, margin, orders, lines, lastOrderAt, followUp, owner, ownerEmail, ownerId, id. Cells a spreadsheet would run as formulas are quoted. limit and offset are ignored. ${WINDOW_NOTE}`,
  request: { query: CustomersQuery },
  responses: {
    200: {
      description: 'The file (Content-Disposition: attachment; X-Record-Count: rows)',
      content: { 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

export const customerDetailRoute = createRoute({
  method: 'get',
  path: '/customers/{id}',
  tags: ['reports'],
  summary: "One customer's page: money by month and year with the previous period, products, contacts",
  description: `Tier as ranked over the whole team. ${WINDOW_NOTE} Money is exact decimal strings.`,
  request: { params: IdParam, query: WindowQuery },
  responses: {
    200: jsonResponse(CustomerDetailSchema, 'The customer'),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const customerLinesRoute = createRoute({
  method: 'get',
  path: '/customers/{id}/lines',
  tags: ['reports'],
  summary: "One customer's order lines: filter, sort, page",
  description: `${WINDOW_NOTE} Money is exact decimal strings.`,
  request: { params: IdParam, query: CustomerLinesQuery },
  responses: {
    200: jsonResponse(CustomerLinesSchema, 'A page of lines with the totals of every matching line'),
    ...errorResponses,
    ...notFoundResponse,
  },
});
