import { affinityReport } from '../../reports/affinity.ts';
import { churnReport } from '../../reports/churn.ts';
import { forecastReport } from '../../reports/forecast.ts';
import { relationshipsReport } from '../../reports/relationships.ts';
import { segmentsReport } from '../../reports/segments.ts';
import type * as r from './insight.routes.ts';
import { teamReport, viewerReport } from './reports.handlers.ts';

export const segments = teamReport<typeof r.segmentsRoute>(segmentsReport);
export const churn = teamReport<typeof r.churnRoute>(churnReport);
export const forecast = viewerReport<typeof r.forecastRoute>(forecastReport);
export const affinity = teamReport<typeof r.affinityRoute>(affinityReport);
export const relationships = teamReport<typeof r.relationshipsRoute>(relationshipsReport);
