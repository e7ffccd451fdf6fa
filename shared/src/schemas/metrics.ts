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
  /** The last 12 months ending at asOf, oldest first. */
  months: z.array(MonthFigures).max(120),
  window: MetricsWindow,
});
export type CustomerMetrics = z.infer<typeof CustomerMetrics>;
