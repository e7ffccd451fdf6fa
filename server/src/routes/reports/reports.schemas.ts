import { z } from '@hono/zod-openapi';
import { MARGIN_TIERS } from '@rapport/shared/domain/commission';
import { FOLLOW_UP_STATUSES } from '@rapport/shared/domain/followup';
import { LINK_REASONS } from '@rapport/shared/domain/link-suggestions';
import { FACTORS, type Factor } from '@rapport/shared/domain/satisfaction';
import { TIERS } from '@rapport/shared/domain/tiers';
import { CommissionBps, MarginTiers, OPPORTUNITY_STAGES } from '@rapport/shared/schemas/settings';
import { CustomerReportRow } from '../../reports/customers.ts';
import { Change, MoneyFigures } from '../../reports/money-figures.ts';
import { ReportWindowSchema } from '../../reports/window.ts';

const money = z.string().openapi({ description: 'Exact decimal string', example: '1234.5678' });
const count = z.number().int();

export const CustomersReportSchema = z
  .object({
    window: ReportWindowSchema,
    total: count,
    totals: z.object({ revenue: money, profit: money, orders: count, lines: count, customers: count }),
    matching: z
      .object({ revenue: money, profit: money, orders: count, lines: count, margin: z.string().nullable() })
      .openapi({ description: 'Totals of the rows matching the filters, over all pages' }),
    items: z.array(CustomerReportRow),
  })
  .openapi('CustomersReport');

export const ProfitReportSchema = z
  .object({
    window: ReportWindowSchema,
    by: z.enum(['month', 'year']),
    periods: z.array(MoneyFigures.extend({ period: z.string(), change: Change.nullable() })),
    totals: MoneyFigures,
    comparison: z.object({ from: z.string(), to: z.string(), base: MoneyFigures, change: Change }).nullable(),
  })
  .openapi('ProfitReport');

export const ProfitByRepSchema = z
  .object({
    window: ReportWindowSchema,
    reps: z.array(
      MoneyFigures.extend({
        ownerId: z.string().nullable(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        customers: count,
      }),
    ),
  })
  .openapi('ProfitByRepReport');

const TierFigures = MoneyFigures.extend({ products: count });

export const ProductMarginSchema = z
  .object({
    window: ReportWindowSchema,
    bounds: MarginTiers,
    tiers: z.object({ high: TierFigures, medium: TierFigures, low: TierFigures }),
    products: z.array(
      MoneyFigures.extend({
        productId: z.string(),
        externalId: z.string().nullable(),
        name: z.string(),
        category: z.string().nullable(),
        subCategory: z.string().nullable(),
        standardMargin: z.string().nullable(),
        tier: z.enum(MARGIN_TIERS),
      }),
    ),
  })
  .openapi('ProductMarginReport');

export const CommissionSchema = z
  .object({
    window: ReportWindowSchema,
    rates: CommissionBps,
    rows: z.array(
      z.object({
        ownerId: z.string().nullable(),
        name: z.string().nullable(),
        month: z.string(),
        commission: money,
        revenue: money,
        lines: count,
      }),
    ),
    reps: z.array(
      z.object({
        ownerId: z.string().nullable(),
        name: z.string().nullable(),
        commission: money,
        revenue: money,
        lines: count,
      }),
    ),
  })
  .openapi('CommissionReport');

export const FollowUpsSchema = z
  .object({
    reps: z.array(
      z.object({
        ownerId: z.string().nullable(),
        name: z.string().nullable(),
        today: z.string(),
        timeZone: z.string(),
        counts: z.object(
          Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, count])) as Record<
            (typeof FOLLOW_UP_STATUSES)[number],
            typeof count
          >,
        ),
        items: z.array(
          z.object({
            contactId: z.string(),
            name: z.string(),
            customerId: z.string().nullable(),
            tier: z.enum(TIERS),
            status: z.enum(FOLLOW_UP_STATUSES),
            due: z.string().nullable(),
            lastInteractionAt: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .openapi('FollowUpsReport');

export const FunnelSchema = z
  .object({
    window: ReportWindowSchema,
    ownerId: z.string().nullable(),
    stages: z.array(
      z.object({
        stage: z.enum(OPPORTUNITY_STAGES),
        count,
        amount: money,
        probability: count,
        weighted: money,
      }),
    ),
    pipeline: z.object({ count, amount: money, weighted: money }),
    conversion: z.object({ won: count, lost: count, rate: z.number().nullable() }),
  })
  .openapi('FunnelReport');

const SatisfactionFigures = z.object({
  csat: z.number().nullable().openapi({ description: 'Mean CSAT normalised to 0–1' }),
  csatResponses: count,
  ticketFeedback: count,
  nps: z.number().nullable().openapi({ description: 'Net promoter score, −100…100' }),
  npsResponses: count,
});

export const SatisfactionSchema = SatisfactionFigures.extend({
  window: ReportWindowSchema,
  ownerId: z.string().nullable(),
  distribution: z.object({ csat: z.record(z.string(), count), nps: z.record(z.string(), count) }),
  byMonth: z.array(SatisfactionFigures.extend({ month: z.string() })),
}).openapi('SatisfactionReport');

const Factors = z.object(
  Object.fromEntries(FACTORS.map((f) => [f, z.number().nullable()])) as Record<
    Factor,
    z.ZodNullable<z.ZodNumber>
  >,
);
const Bounded = z.object({ from: z.string(), to: z.string() });

export const CoefficientSchema = z
  .object({
    window: Bounded,
    previousWindow: Bounded,
    ownerId: z.string().nullable(),
    value: z
      .number()
      .nullable()
      .openapi({ description: 'Null when a factor or the baseline has no data; see missing' }),
    missing: z.array(z.enum([...FACTORS, 'baseline'])),
    factors: Factors,
    previousFactors: Factors,
    baseline: z.number().nullable(),
    baselineSource: z.enum(['configured', 'previous-window']),
  })
  .openapi('CoefficientReport');

export const LinkSuggestionsSchema = z
  .object({
    total: count,
    items: z.array(
      z.object({
        contactId: z.string(),
        contactName: z.string(),
        customerId: z.string(),
        customerName: z.string(),
        externalId: z.string().nullable(),
        reason: z.enum(LINK_REASONS),
      }),
    ),
  })
  .openapi('LinkSuggestions');

const hours = z.number().nullable().openapi({ description: 'Hours from creation to resolution' });
const ServiceFigures = z.object({
  opened: count.openapi({ description: 'Tickets created in the window' }),
  resolved: count.openapi({ description: 'Tickets resolved in the window' }),
  medianResolutionHours: hours,
  meanResolutionHours: hours,
  satisfaction: z.number().nullable().openapi({ description: 'Mean post-resolution satisfaction, 1–5' }),
  satisfactionCount: count,
});
export const ServiceSchema = z
  .object({
    window: ReportWindowSchema,
    asOf: z.string(),
    byCategory: z.array(ServiceFigures.extend({ category: z.string(), label: z.string() })),
    byStatus: z.object({ open: count, 'in-progress': count, resolved: count, closed: count }),
    byAssignee: z.array(
      z.object({
        assigneeId: z.string().nullable(),
        name: z.string().nullable(),
        open: count,
        resolved: count,
      }),
    ),
    openAges: z.object({
      'under-1d': count,
      '1-3d': count,
      '3-7d': count,
      '7-30d': count,
      'over-30d': count,
    }),
    total: ServiceFigures,
  })
  .openapi('ServiceReport');

const PulsePeriod = z.object({
  period: z.string().openapi({ description: "The week's Monday (YYYY-MM-DD) or the month (YYYY-MM)" }),
  average: z
    .number()
    .openapi({ description: 'Mean score 1–5, each employee once (their latest in the period)' }),
  count,
});
export const PulseSchema = z
  .object({
    window: ReportWindowSchema,
    byWeek: z.array(PulsePeriod),
    byMonth: z.array(PulsePeriod),
    comments: z.array(z.object({ date: z.string(), score: count, comment: z.string(), mine: z.boolean() })),
  })
  .openapi('PulseReport');
