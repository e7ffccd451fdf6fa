import { z } from 'zod';
import { TIERS } from '../domain/tiers.ts';
import { isoDate } from './dates.ts';
import { uuidSchema } from './ids.ts';
import { moneyString } from './money.ts';
import { monthKeySchema, ratioString } from './primitives.ts';

export const tierSchema = z.enum(TIERS, { error: "tier must be 'A', 'B', 'C', 'D' or 'none'" });

export const MonthFigures = z.strictObject({
  month: monthKeySchema,
  revenue: moneyString,
  profit: moneyString,
});
export type MonthFigures = z.infer<typeof MonthFigures>;

/** The tier window the figures cover: [from, to) days (null = unbounded), as of `asOf`. */
export const MetricsWindow = z.strictObject({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  asOf: isoDate,
  /** True when asOf is the newest order line's date rather than today (historical imports). */
  historical: z.boolean(),
});
export type MetricsWindow = z.infer<typeof MetricsWindow>;

/** Server-computed, read-only figures for one Customer over the team's tier window. Row id = customerId. */
export const CustomerMetrics = z.strictObject({
  customerId: uuidSchema,
  revenue: moneyString,
  profit: moneyString,
  orders: z.int().min(0),
  /** profit / revenue rounded for display; null when revenue is 0. */
  margin: ratioString.nullable(),
  tier: tierSchema,
  /** Day of the newest order line in the window, null when none. */
  lastOrderAt: isoDate.nullable(),
  /**
   * Profit of each of the 12 calendar months ending with window.asOf's month, oldest first (the side
   * panel's bars); the month keys follow from asOf (`monthProfitsOf` in domain/month-profits.ts).
   * Revenue and orders by month are the customer orders report's (`GET /customers/{id}/orders`).
   * Absent only on rows a client stored before the server's migration 010.
   */
  monthProfits: z.array(moneyString).max(120).optional(),
  /**
   * Legacy: the 12 months as objects (month, revenue, profit), as rows held them before migration
   * 010 (the server no longer writes it; a client may still hold it on rows stored before).
   */
  months: z.array(MonthFigures).max(120).optional(),
  window: MetricsWindow,
  /**
   * The churn inputs that do not move with the calendar (shared churnAsOf scores them against a
   * day): the newest order day ever, the expected interval in days, normalised satisfaction and open
   * complaints. Null without any order; absent on rows written before the field existed.
   */
  churn: z
    .strictObject({
      lastOrderAt: isoDate,
      interval: z.number().min(0).nullable(),
      satisfaction: z.number().min(0).max(1).nullable(),
      openComplaints: z.int().min(0),
    })
    .nullable()
    .optional(),
  /** The category with the largest share of spend in the window (the card's "buys mostly …"). */
  buysMostly: z
    .strictObject({ category: z.string().min(1).max(200), share: z.number().min(0).max(1) })
    .nullable()
    .optional(),
});
export type CustomerMetrics = z.infer<typeof CustomerMetrics>;
