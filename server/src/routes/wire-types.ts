// Response shapes of the server's routes as TypeScript types, inferred from the route schemas, for
// the dashboard (`import type` only: no server code or zod reaches its bundle, and a contract
// change breaks the dashboard at compile time). Shapes defined in shared are imported from there.
import type { z } from 'zod';
import type { CampaignReportSchema, CampaignSchema } from '../campaigns/campaigns.ts';
import type { AffinityReportSchema } from '../reports/affinity.ts';
import type { ChurnReportSchema } from '../reports/churn.ts';
import type * as detail from '../reports/customer-detail.ts';
import type { ForecastReportSchema } from '../reports/forecast.ts';
import type { RelationshipsReportSchema } from '../reports/relationships.ts';
import type { SegmentsReportSchema } from '../reports/segments.ts';
import type { TierMixSchema } from '../reports/tier-mix.ts';
import type { MeSchema, SessionSchema } from './auth/auth.routes.ts';
import type {
  ImportProgressSchema,
  OrderImportSummarySchema,
  SurveyImportSummarySchema,
} from './imports/imports.routes.ts';
import type * as reports from './reports/reports.schemas.ts';

export type Session = z.infer<typeof SessionSchema>;
export type Me = z.infer<typeof MeSchema>;
export type User = Session['user'];
export type OrderImportSummary = z.infer<typeof OrderImportSummarySchema>;
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type SurveyImportSummary = z.infer<typeof SurveyImportSummarySchema>;

export type CustomersReport = z.infer<typeof reports.CustomersReportSchema>;
export type CustomerRow = CustomersReport['items'][number];
export type ReportWindow = CustomersReport['window'];
export type ProfitReport = z.infer<typeof reports.ProfitReportSchema>;
export type TierMixReport = z.infer<typeof TierMixSchema>;
export type ProfitByRepReport = z.infer<typeof reports.ProfitByRepSchema>;
export type CommissionReport = z.infer<typeof reports.CommissionSchema>;
export type FollowUpsReport = z.infer<typeof reports.FollowUpsSchema>;
export type FunnelReport = z.infer<typeof reports.FunnelSchema>;
export type SatisfactionReport = z.infer<typeof reports.SatisfactionSchema>;
export type CoefficientReport = z.infer<typeof reports.CoefficientSchema>;
export type CustomerDetail = z.infer<typeof detail.CustomerDetailSchema>;
export type CustomerLines = z.infer<typeof detail.CustomerLinesSchema>;

/** A page of a REST entity list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type SegmentsReport = z.infer<typeof SegmentsReportSchema>;
export type Segment = SegmentsReport['segments'][number]['segment'];
export type AffinityReport = z.infer<typeof AffinityReportSchema>;
export type ChurnReport = z.infer<typeof ChurnReportSchema>;
export type ForecastReport = z.infer<typeof ForecastReportSchema>;
export type ForecastSeries = ForecastReport['team'];
export type RelationshipsReport = z.infer<typeof RelationshipsReportSchema>;
export type Campaign = z.infer<typeof CampaignSchema>;
export type CampaignReport = z.infer<typeof CampaignReportSchema>;
export type ServiceReport = z.infer<typeof reports.ServiceSchema>;
export type PulseReport = z.infer<typeof reports.PulseSchema>;
