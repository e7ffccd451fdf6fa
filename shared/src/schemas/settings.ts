import { z } from 'zod';
import { isPhoneCountry } from '../identity/normalize.ts';
import type * as core from '../settings.ts';
import {
  DEFAULT_CADENCE_DAYS,
  DEFAULT_COMMISSION_BPS,
  DEFAULT_CURRENCY,
  DEFAULT_HOLIDAYS,
  DEFAULT_MARGIN_TIERS,
  DEFAULT_STAGE_PROBABILITIES,
  DEFAULT_TICKET_CATEGORIES,
  DEFAULT_TIER_THRESHOLDS,
  DEFAULT_TIER_WINDOW_DAYS,
  fixedDayExists,
  HOLIDAY_DAY_ERROR,
  HOLIDAY_KIND_ERROR,
  HOLIDAY_NTH_ERROR,
  isHolidayNth,
  MARGIN_TIERS_ORDER_ERROR,
  SETTING_LIMITS,
  SLUG,
  TIER_RANGE_ORDER_ERROR,
  TIER_THRESHOLDS_ORDER_ERROR,
  TIER_WINDOW_ERROR,
} from '../settings.ts';
import { isoDate } from './dates.ts';

/*
 * zod schemas for team settings, built on the zod-free core in ../settings.ts (types, limits,
 * defaults, messages). `export *` re-exports the core so this module is a drop-in for both; the
 * schemas below shadow the core's type-only names with schema + type.
 */
export * from '../settings.ts';

const wholeNumber = (what: string, [min, max]: readonly [number, number]) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

/** Which order lines rank customers into tiers. A range's `to` is exclusive. */
export const TierWindowSetting = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('trailing'),
      days: wholeNumber('tierWindow.days', SETTING_LIMITS.tierWindowDays).default(DEFAULT_TIER_WINDOW_DAYS),
    }),
    z.object({ kind: z.literal('range'), from: isoDate, to: isoDate }).refine((w) => w.from < w.to, {
      error: TIER_RANGE_ORDER_ERROR,
      path: ['to'],
    }),
    z.object({ kind: z.literal('all') }),
  ],
  { error: TIER_WINDOW_ERROR },
) satisfies z.ZodType<core.TierWindowSetting, unknown>;
export type TierWindowSetting = core.TierWindowSetting;

/** Cumulative shares of positive profit, in whole percent, that end tiers A and B. */
export const TierThresholds = z
  .object({
    a: wholeNumber('tierThresholds.a', SETTING_LIMITS.tierThreshold).default(DEFAULT_TIER_THRESHOLDS.a),
    b: wholeNumber('tierThresholds.b', SETTING_LIMITS.tierThreshold).default(DEFAULT_TIER_THRESHOLDS.b),
  })
  .refine((t) => t.a < t.b, {
    error: TIER_THRESHOLDS_ORDER_ERROR,
    path: ['a'],
  }) satisfies z.ZodType<core.TierThresholds, unknown>;
export type TierThresholds = core.TierThresholds;

const cadence = (tier: keyof core.CadenceDays) =>
  wholeNumber(`cadenceDays.${tier}`, SETTING_LIMITS.cadenceDays).default(DEFAULT_CADENCE_DAYS[tier]);

/** Follow-up cadence in days per tier; tier 'none' only has one while an opportunity is open. */
export const CadenceDays = z.object({
  A: cadence('A'),
  B: cadence('B'),
  C: cadence('C'),
  D: cadence('D'),
  noneWithOpenOpportunity: cadence('noneWithOpenOpportunity'),
}) satisfies z.ZodType<core.CadenceDays, unknown>;
export type CadenceDays = core.CadenceDays;

/** Product margin tier bounds in whole percent: high ≥ highPct, medium ≥ mediumPct, else low. */
export const MarginTiers = z
  .object({
    highPct: wholeNumber('marginTiers.highPct', SETTING_LIMITS.marginPct).default(
      DEFAULT_MARGIN_TIERS.highPct,
    ),
    mediumPct: wholeNumber('marginTiers.mediumPct', SETTING_LIMITS.marginPct).default(
      DEFAULT_MARGIN_TIERS.mediumPct,
    ),
  })
  .refine((t) => t.mediumPct < t.highPct, {
    error: MARGIN_TIERS_ORDER_ERROR,
    path: ['mediumPct'],
  }) satisfies z.ZodType<core.MarginTiers, unknown>;
export type MarginTiers = core.MarginTiers;

const bps = (tier: keyof core.CommissionBps) =>
  wholeNumber(`commissionBps.${tier}`, SETTING_LIMITS.commissionBps).default(DEFAULT_COMMISSION_BPS[tier]);

/** Commission rates in basis points (8% = 800) per product margin tier. */
export const CommissionBps = z.object({
  high: bps('high'),
  medium: bps('medium'),
  low: bps('low'),
}) satisfies z.ZodType<core.CommissionBps, unknown>;
export type CommissionBps = core.CommissionBps;

const probability = (stage: core.OpportunityStage) =>
  wholeNumber(`stageProbabilities.${stage}`, SETTING_LIMITS.stageProbability).default(
    DEFAULT_STAGE_PROBABILITIES[stage],
  );

/** Win probability in whole percent per opportunity stage (weighted pipeline). */
export const StageProbabilities = z
  .object({
    lead: probability('lead'),
    qualified: probability('qualified'),
    proposal: probability('proposal'),
    negotiation: probability('negotiation'),
    won: probability('won'),
    lost: probability('lost'),
  })
  .refine((p) => p.won === 100, { error: 'stageProbabilities.won must be 100', path: ['won'] })
  .refine((p) => p.lost === 0, {
    error: 'stageProbabilities.lost must be 0',
    path: ['lost'],
  }) satisfies z.ZodType<core.StageProbabilities, unknown>;
export type StageProbabilities = core.StageProbabilities;

const slug = z.string().regex(SLUG, { error: 'id must be lower-case letters, digits and single hyphens' });

/** Ticket categories: a stable id stored on tickets, and the team's label (UI may translate default ids). */
export const TicketCategory = z.object({
  id: slug.max(60, { error: 'a category id must be at most 60 characters' }),
  label: z
    .string()
    .trim()
    .min(1, { error: 'label must not be empty' })
    .max(100, { error: 'label must be at most 100 characters' }),
}) satisfies z.ZodType<core.TicketCategory, unknown>;
export type TicketCategory = core.TicketCategory;

const month = wholeNumber('month', SETTING_LIMITS.month);
const holidayName = z
  .string()
  .trim()
  .min(1, { error: 'holiday name must not be empty' })
  .max(100, { error: 'holiday name must be at most 100 characters' });

/** A greeting holiday; see core `Holiday`. */
export const Holiday = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('fixed'),
        id: slug,
        name: holidayName,
        month,
        day: wholeNumber('day', [1, 31]),
      })
      .refine(fixedDayExists, { error: HOLIDAY_DAY_ERROR, path: ['day'] }),
    z.object({
      kind: z.literal('lunar'),
      id: slug,
      name: holidayName,
      month,
      day: wholeNumber('day', [1, 30]),
    }),
    z.object({
      kind: z.literal('weekday'),
      id: slug,
      name: holidayName,
      month,
      weekday: wholeNumber('weekday', SETTING_LIMITS.weekday),
      nth: z.number({ error: 'nth must be a number' }).refine(isHolidayNth, { error: HOLIDAY_NTH_ERROR }),
    }),
    z.object({ kind: z.literal('date'), id: slug, name: holidayName, date: isoDate }),
  ],
  { error: HOLIDAY_KIND_ERROR },
) satisfies z.ZodType<core.Holiday, unknown>;
export type Holiday = core.Holiday;

export const PHONE_REGION_ERROR = "phoneRegion must be a supported two-letter region such as 'US' or 'CN'";

/** An ISO 3166 alpha-2 region libphonenumber can read national numbers in ('us' is kept as 'US'). */
export const phoneRegionSchema = z
  .string({ error: PHONE_REGION_ERROR })
  .trim()
  .toUpperCase()
  .refine((r): boolean => /^[A-Z]{2}$/.test(r) && isPhoneCountry(r), { error: PHONE_REGION_ERROR });

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

/** Team-wide settings (lead/admin). `TeamSettings.parse({})` gives every default; nested objects fill missing fields. */
export const TeamSettings = z.object({
  tierWindow: TierWindowSetting.default({ kind: 'trailing', days: DEFAULT_TIER_WINDOW_DAYS }),
  tierThresholds: TierThresholds.prefault({}),
  cadenceDays: CadenceDays.prefault({}),
  marginTiers: MarginTiers.prefault({}),
  commissionBps: CommissionBps.prefault({}),
  stageProbabilities: StageProbabilities.prefault({}),
  ticketCategories: z
    .array(TicketCategory)
    .min(1, { error: 'at least one ticket category is needed' })
    .max(50, { error: 'at most 50 ticket categories' })
    .refine(uniqueIds, { error: 'ticket category ids must be unique' })
    .default(() => DEFAULT_TICKET_CATEGORIES.map((c) => ({ ...c }))),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "currency must be an ISO 4217 code such as 'USD'" })
    .default(DEFAULT_CURRENCY),
  holidays: z
    .array(Holiday)
    .max(200, { error: 'at most 200 holidays' })
    .refine(uniqueIds, { error: 'holiday ids must be unique' })
    .default(() => DEFAULT_HOLIDAYS.map((h) => ({ ...h }))),
  /** A fixed CRM-coefficient baseline; when unset the previous window of equal length is used. */
  coefficientBaseline: z
    .number({ error: 'coefficientBaseline must be a finite number' })
    .positive({ error: 'coefficientBaseline must be greater than 0' })
    .nullable()
    .default(null),
  /** Region for phone numbers without "+" (captured, imported, typed into a lookup); a user may override it. */
  phoneRegion: phoneRegionSchema.nullable().default(null),
}) satisfies z.ZodType<core.TeamSettings, unknown>;
export type TeamSettings = core.TeamSettings;
export type TeamSettingsInput = z.input<typeof TeamSettings>;

// The core types and the schemas' outputs must stay the same shape both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.output<typeof TeamSettings>, core.TeamSettings> = true;
void sameShape;
