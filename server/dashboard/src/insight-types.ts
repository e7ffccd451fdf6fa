// Insight report shapes, type-only from the server's report schemas (no server code reaches the bundle).
import type { z } from 'zod';
import type { AffinityReportSchema } from '../../src/reports/affinity.ts';
import type { ChurnReportSchema } from '../../src/reports/churn.ts';
import type { ForecastReportSchema } from '../../src/reports/forecast.ts';
import type { RelationshipsReportSchema } from '../../src/reports/relationships.ts';
import type { SegmentsReportSchema } from '../../src/reports/segments.ts';

export type SegmentsReport = z.infer<typeof SegmentsReportSchema>;
export type Segment = SegmentsReport['segments'][number]['segment'];
export type AffinityReport = z.infer<typeof AffinityReportSchema>;
export type ChurnReport = z.infer<typeof ChurnReportSchema>;
export type ForecastReport = z.infer<typeof ForecastReportSchema>;
export type ForecastSeries = ForecastReport['team'];
export type RelationshipsReport = z.infer<typeof RelationshipsReportSchema>;
export type Campaign = z.infer<typeof import('../../src/campaigns/campaigns.ts').CampaignSchema>;
export type CampaignReport = z.infer<typeof import('../../src/campaigns/campaigns.ts').CampaignReportSchema>;
