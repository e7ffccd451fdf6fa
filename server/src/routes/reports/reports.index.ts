import { createRouter } from '../../lib/create-router.ts';
import * as ih from './insight.handlers.ts';
import * as ir from './insight.routes.ts';
import * as h from './reports.handlers.ts';
import * as r from './reports.routes.ts';

export const reportsRouter = createRouter()
  .openapi(r.customersRoute, h.customers)
  // Before /customers/{id}, which would otherwise take "export" for an id.
  .openapi(r.customersExportRoute, h.customersExport)
  .openapi(r.customerDetailRoute, h.customer)
  .openapi(r.customerLinesRoute, h.lines)
  .openapi(r.tierMixRoute, h.tierMix)
  .openapi(r.profitRoute, h.profit)
  .openapi(r.profitByRepRoute, h.profitByRep)
  .openapi(r.productMarginsRoute, h.productMargins)
  .openapi(r.commissionRoute, h.commission)
  .openapi(r.followUpsRoute, h.followUps)
  .openapi(r.funnelRoute, h.funnel)
  .openapi(r.satisfactionRoute, h.satisfaction)
  .openapi(r.serviceRoute, h.service)
  .openapi(r.pulseRoute, h.pulse)
  .openapi(r.coefficientRoute, h.coefficient)
  .openapi(r.linkSuggestionsRoute, h.suggestions)
  .openapi(ir.segmentsRoute, ih.segments)
  .openapi(ir.churnRoute, ih.churn)
  .openapi(ir.forecastRoute, ih.forecast)
  .openapi(ir.affinityRoute, ih.affinity)
  .openapi(ir.relationshipsRoute, ih.relationships);
