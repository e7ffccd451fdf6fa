// API shapes, type-only from the server's own route schemas, so the dashboard breaks at compile
// time when a contract changes, and no server code (or zod) reaches the bundle.
import type { Role } from '@rapport/shared/schemas/team';
import type { TeamSettings } from '@rapport/shared/settings';
import type { z } from 'zod';
import type * as detail from '../../src/reports/customer-detail.ts';
import type { MeSchema, SessionSchema } from '../../src/routes/auth/auth.routes.ts';
import type { OrderImportSummarySchema } from '../../src/routes/imports/imports.routes.ts';
import type * as reports from '../../src/routes/reports/reports.schemas.ts';

export type { Role, TeamSettings };
export type Session = z.infer<typeof SessionSchema>;
export type Me = z.infer<typeof MeSchema>;
export type User = Session['user'];
export type OrderImportSummary = z.infer<typeof OrderImportSummarySchema>;

export type CustomersReport = z.infer<typeof reports.CustomersReportSchema>;
export type CustomerRow = CustomersReport['items'][number];
export type ReportWindow = CustomersReport['window'];
export type ProfitReport = z.infer<typeof reports.ProfitReportSchema>;
export type ProfitByRepReport = z.infer<typeof reports.ProfitByRepSchema>;
export type CommissionReport = z.infer<typeof reports.CommissionSchema>;
export type FollowUpsReport = z.infer<typeof reports.FollowUpsSchema>;
export type FunnelReport = z.infer<typeof reports.FunnelSchema>;
export type SatisfactionReport = z.infer<typeof reports.SatisfactionSchema>;
export type CoefficientReport = z.infer<typeof reports.CoefficientSchema>;
export type ServiceReport = z.infer<typeof reports.ServiceSchema>;
export type PulseReport = z.infer<typeof reports.PulseSchema>;
export type Tier = CustomerRow['tier'];

/** Tiers in display order. (Value copies of shared constants: importing shared at runtime would bundle zod.) */
export const TIERS = ['A', 'B', 'C', 'D', 'none'] as const satisfies readonly Tier[];

export type { Contact } from '@rapport/shared/schemas/contact';
export type { Interaction } from '@rapport/shared/schemas/interaction';
export type { Opportunity, Ticket } from '@rapport/shared/schemas/pipeline';
export type CustomerDetail = z.infer<typeof detail.CustomerDetailSchema>;
export type CustomerLines = z.infer<typeof detail.CustomerLinesSchema>;
export type FollowUpStatus = CustomerRow['followUp'];
/** Follow-up statuses, most urgent first (a value copy, as TIERS). */
export const FOLLOW_UPS = [
  'overdue',
  'due',
  'soon',
  'ok',
  'none',
] as const satisfies readonly FollowUpStatus[];
/** A page of a REST entity list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
