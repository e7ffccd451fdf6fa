import { z } from 'zod';
import { daysInMonth, isoDate } from './domain/dates.ts';

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

/** Which order lines rank customers into tiers. A range's `to` is exclusive. */
export const TierWindowSetting = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('trailing'), days: wholeNumber('tierWindow.days', 1, 3660).default(365) }),
    z.object({ kind: z.literal('range'), from: isoDate, to: isoDate }).refine((w) => w.from < w.to, {
      error: 'tierWindow.from must be before tierWindow.to (the end day is exclusive)',
      path: ['to'],
    }),
    z.object({ kind: z.literal('all') }),
  ],
  { error: "tierWindow.kind must be 'trailing', 'range' or 'all'" },
);
export type TierWindowSetting = z.infer<typeof TierWindowSetting>;

/** Cumulative shares of positive profit, in whole percent, that end tiers A and B. */
export const TierThresholds = z
  .object({
    a: wholeNumber('tierThresholds.a', 1, 100).default(70),
    b: wholeNumber('tierThresholds.b', 1, 100).default(90),
  })
  .refine((t) => t.a < t.b, { error: 'tierThresholds.a must be less than tierThresholds.b', path: ['a'] });
export type TierThresholds = z.infer<typeof TierThresholds>;

const cadence = (tier: string, days: number) => wholeNumber(`cadenceDays.${tier}`, 1, 3650).default(days);

/** Follow-up cadence in days per tier; tier 'none' only has one while an opportunity is open. */
export const CadenceDays = z.object({
  A: cadence('A', 14),
  B: cadence('B', 30),
  C: cadence('C', 60),
  D: cadence('D', 90),
  noneWithOpenOpportunity: cadence('noneWithOpenOpportunity', 30),
});
export type CadenceDays = z.infer<typeof CadenceDays>;

/** Product margin tier bounds in whole percent: high ≥ highPct, medium ≥ mediumPct, else low. */
export const MarginTiers = z
  .object({
    highPct: wholeNumber('marginTiers.highPct', -100, 100).default(40),
    mediumPct: wholeNumber('marginTiers.mediumPct', -100, 100).default(20),
  })
  .refine((t) => t.mediumPct < t.highPct, {
    error: 'marginTiers.mediumPct must be less than marginTiers.highPct',
    path: ['mediumPct'],
  });
export type MarginTiers = z.infer<typeof MarginTiers>;

const bps = (tier: string, value: number) => wholeNumber(`commissionBps.${tier}`, 0, 10_000).default(value);

/** Commission rates in basis points (8% = 800) per product margin tier. */
export const CommissionBps = z.object({
  high: bps('high', 800),
  medium: bps('medium', 500),
  low: bps('low', 200),
});
export type CommissionBps = z.infer<typeof CommissionBps>;

export const OPPORTUNITY_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const OPEN_OPPORTUNITY_STAGES = [
  'lead',
  'qualified',
  'proposal',
  'negotiation',
] as const satisfies readonly OpportunityStage[];

const probability = (stage: string, value: number) =>
  wholeNumber(`stageProbabilities.${stage}`, 0, 100).default(value);

/** Win probability in whole percent per opportunity stage (weighted pipeline). */
export const StageProbabilities = z
  .object({
    lead: probability('lead', 10),
    qualified: probability('qualified', 25),
    proposal: probability('proposal', 50),
    negotiation: probability('negotiation', 75),
    won: probability('won', 100),
    lost: probability('lost', 0),
  })
  .refine((p) => p.won === 100, { error: 'stageProbabilities.won must be 100', path: ['won'] })
  .refine((p) => p.lost === 0, { error: 'stageProbabilities.lost must be 0', path: ['lost'] });
export type StageProbabilities = z.infer<typeof StageProbabilities>;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'id must be lower-case letters, digits and single hyphens' });

/** Ticket categories: a stable id stored on tickets, and the team's label (UI may translate default ids). */
export const TicketCategory = z.object({
  id: slug.max(60, { error: 'a category id must be at most 60 characters' }),
  label: z
    .string()
    .trim()
    .min(1, { error: 'label must not be empty' })
    .max(100, { error: 'label must be at most 100 characters' }),
});
export type TicketCategory = z.infer<typeof TicketCategory>;

const month = wholeNumber('month', 1, 12);
const holidayName = z
  .string()
  .trim()
  .min(1, { error: 'holiday name must not be empty' })
  .max(100, { error: 'holiday name must be at most 100 characters' });
const fixedDayExists = (h: { month: number; day: number }) => h.day <= daysInMonth(2000, h.month); // leap year: Feb 29 allowed

/**
 * A greeting holiday. 'fixed' recurs on a solar month/day (Feb 29 falls on Feb 28 in other years);
 * 'lunar' on a Chinese lunar month/day (day 30 means the month's last day); 'weekday' on the nth
 * (or last, -1) weekday of a month (0 = Sunday), e.g. US Thanksgiving; 'date' once.
 */
export const Holiday = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('fixed'),
        id: slug,
        name: holidayName,
        month,
        day: wholeNumber('day', 1, 31),
      })
      .refine(fixedDayExists, { error: 'day does not exist in that month', path: ['day'] }),
    z.object({
      kind: z.literal('lunar'),
      id: slug,
      name: holidayName,
      month,
      day: wholeNumber('day', 1, 30),
    }),
    z.object({
      kind: z.literal('weekday'),
      id: slug,
      name: holidayName,
      month,
      weekday: wholeNumber('weekday', 0, 6),
      nth: z
        .number({ error: 'nth must be a number' })
        .refine((n) => n === -1 || (Number.isInteger(n) && n >= 1 && n <= 5), {
          error: 'nth must be 1–5, or -1 for the last',
        }),
    }),
    z.object({ kind: z.literal('date'), id: slug, name: holidayName, date: isoDate }),
  ],
  { error: "holiday kind must be 'fixed', 'lunar', 'weekday' or 'date'" },
);
export type Holiday = z.infer<typeof Holiday>;

const uniqueIds = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length;

const frozen = <T extends object>(items: T[]): readonly Readonly<T>[] =>
  Object.freeze(items.map((i) => Object.freeze(i)));

export const DEFAULT_TICKET_CATEGORIES = frozen<TicketCategory>([
  { id: 'product-quality', label: 'Product quality' },
  { id: 'delivery', label: 'Delivery' },
  { id: 'billing', label: 'Billing' },
  { id: 'service-attitude', label: 'Service attitude' },
  { id: 'other', label: 'Other' },
]);

export const DEFAULT_HOLIDAYS = frozen<Holiday>([
  { kind: 'fixed', id: 'new-year', name: "New Year's Day", month: 1, day: 1 },
  { kind: 'lunar', id: 'spring-festival', name: 'Spring Festival', month: 1, day: 1 },
  { kind: 'lunar', id: 'mid-autumn', name: 'Mid-Autumn Festival', month: 8, day: 15 },
  { kind: 'fixed', id: 'christmas', name: 'Christmas Day', month: 12, day: 25 },
]);

/** Team-wide settings (lead/admin). `TeamSettings.parse({})` gives every default; nested objects fill missing fields. */
export const TeamSettings = z.object({
  tierWindow: TierWindowSetting.default({ kind: 'trailing', days: 365 }),
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
    .default('USD'),
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
});
export type TeamSettings = z.infer<typeof TeamSettings>;
export type TeamSettingsInput = z.input<typeof TeamSettings>;

/** A fresh copy of the defaults. */
export function defaultTeamSettings(): TeamSettings {
  return TeamSettings.parse({});
}

/**
 * Paths of the keys in `input` that parsing dropped: settings objects strip keys they do not know, so
 * a misspelled key ({ cadenceDays: { AA: 7 } }) would silently mean "the default". Compare the input
 * with what TeamSettings made of it to refuse such keys instead.
 */
export function droppedKeys(input: unknown, output: unknown, path: (string | number)[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(output))
    return input.flatMap((v, i) => droppedKeys(v, output[i], [...path, i]));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.entries(input).flatMap(([k, v]) =>
    Object.hasOwn(output, k) ? droppedKeys(v, output[k], [...path, k]) : [[...path, k].join('.')],
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
