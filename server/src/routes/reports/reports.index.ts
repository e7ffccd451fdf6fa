import { createRouter } from '../../lib/create-router.ts';
import { affinityReport } from '../../reports/affinity.ts';
import { churnReport } from '../../reports/churn.ts';
import { coefficientReport } from '../../reports/coefficient.ts';
import { commissionReport } from '../../reports/commission.ts';
import { customersReport } from '../../reports/customers.ts';
import { followUpsReport } from '../../reports/followups.ts';
import { forecastReport } from '../../reports/forecast.ts';
import { funnelReport } from '../../reports/funnel.ts';
import { productMarginReport } from '../../reports/products.ts';
import { profitReport } from '../../reports/profit.ts';
import { pulseReport } from '../../reports/pulse.ts';
import { relationshipsReport } from '../../reports/relationships.ts';
import { profitByRepReport } from '../../reports/reps.ts';
import { satisfactionReport } from '../../reports/satisfaction.ts';
import { segmentsReport } from '../../reports/segments.ts';
import { serviceReport } from '../../reports/service.ts';
import { tierMixReport } from '../../reports/tier-mix.ts';
import * as ir from './insight.routes.ts';
import * as h from './reports.handlers.ts';
import { teamReport, viewerReport } from './reports.handlers.ts';
import * as r from './reports.routes.ts';

export const reportsRouter = createRouter()
  .openapi(r.customersRoute, teamReport<typeof r.customersRoute>(customersReport))
  // Before /customers/{id}, which would otherwise take "export" for an id.
  .openapi(r.customersExportRoute, h.customersExport)
  .openapi(r.customerDetailRoute, h.customer)
  .openapi(r.customerLinesRoute, h.lines)
  .openapi(r.tierMixRoute, teamReport<typeof r.tierMixRoute>(tierMixReport))
  .openapi(r.profitRoute, teamReport<typeof r.profitRoute>(profitReport))
  .openapi(r.profitByRepRoute, viewerReport<typeof r.profitByRepRoute>(profitByRepReport))
  .openapi(r.productMarginsRoute, teamReport<typeof r.productMarginsRoute>(productMarginReport))
  .openapi(r.commissionRoute, viewerReport<typeof r.commissionRoute>(commissionReport))
  .openapi(r.followUpsRoute, viewerReport<typeof r.followUpsRoute>(followUpsReport))
  .openapi(r.funnelRoute, viewerReport<typeof r.funnelRoute>(funnelReport))
  .openapi(r.satisfactionRoute, viewerReport<typeof r.satisfactionRoute>(satisfactionReport))
  .openapi(r.serviceRoute, teamReport<typeof r.serviceRoute>(serviceReport))
  .openapi(r.pulseRoute, viewerReport<typeof r.pulseRoute>(pulseReport))
  .openapi(r.coefficientRoute, viewerReport<typeof r.coefficientRoute>(coefficientReport))
  .openapi(r.linkSuggestionsRoute, h.suggestions)
  .openapi(ir.segmentsRoute, teamReport<typeof ir.segmentsRoute>(segmentsReport))
  .openapi(ir.churnRoute, teamReport<typeof ir.churnRoute>(churnReport))
  .openapi(ir.forecastRoute, viewerReport<typeof ir.forecastRoute>(forecastReport))
  .openapi(ir.affinityRoute, teamReport<typeof ir.affinityRoute>(affinityReport))
  .openapi(ir.relationshipsRoute, teamReport<typeof ir.relationshipsRoute>(relationshipsReport));
