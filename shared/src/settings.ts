import { daysInMonth, type IsoDate, isoDateProblem } from './domain/dates.ts';

/*
 * Team settings as plain types, defaults and the checks the domain engine runs: no zod, so the
 * content scripts and the dashboard can import them. The zod schemas that parse settings from the
 * wire (with defaults for missing fields) are in schemas/settings.ts and use the same limits.
 */

/** Inclusive bounds of each whole-number setting. */
export const SETTING_LIMITS = {
  tierWindowDays: [1, 3660],
  tierThreshold: [1, 100],
  cadenceDays: [1, 3650],
  marginPct: [-100, 100],
  commissionBps: [0, 10_000],
  stageProbability: [0, 100],
  month: [1, 12],
  weekday: [0, 6],
} as const satisfies Record<string, readonly [number, number]>;

/** Why `value` is not a whole number in [min, max] (messages name the setting), or null. */
export function wholeNumberProblem(what: string, value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return `${what} must be a number`;
  if (!Number.isInteger(value)) return `${what} must be a whole number`;
  if (value < min) return `${what} must be at least ${min}`;
  if (value > max) return `${what} must be at most ${max}`;
  return null;
}

function check(problem: string | null): void {
  if (problem) throw new RangeError(problem);
}

function checkWhole(what: string, value: unknown, [min, max]: readonly [number, number]): void {
  check(wholeNumberProblem(what, value, min, max));
}

/** Which order lines rank customers into tiers. A range's `to` is exclusive. */
export type TierWindowSetting =
  | { kind: 'trailing'; days: number }
  | { kind: 'range'; from: IsoDate; to: IsoDate }
  | { kind: 'all' };

export const TIER_WINDOW_ERROR = "tierWindow.kind must be 'trailing', 'range' or 'all'";
export const TIER_RANGE_ORDER_ERROR =
  'tierWindow.from must be before tierWindow.to (the end day is exclusive)';

/** Throws a RangeError when `w` is not a usable tier window; returns it otherwise. */
export function checkTierWindow(w: TierWindowSetting): TierWindowSetting {
  switch (w?.kind) {
    case 'trailing':
      checkWhole('tierWindow.days', w.days, SETTING_LIMITS.tierWindowDays);
      return w;
    case 'range': {
      const problem = isoDateProblem(w.from) ?? isoDateProblem(w.to);
      if (problem) throw new RangeError(`Invalid tier window: ${problem}`);
      if (!(w.from < w.to)) throw new RangeError(TIER_RANGE_ORDER_ERROR);
      return w;
    }
    case 'all':
      return w;
    default:
      throw new RangeError(TIER_WINDOW_ERROR);
  }
}

/** Cumulative shares of positive profit, in whole percent, that end tiers A and B. */
export type TierThresholds = {
  a: number;
  b: number;
};

export const TIER_THRESHOLDS_ORDER_ERROR = 'tierThresholds.a must be less than tierThresholds.b';

export function checkTierThresholds(t: TierThresholds): TierThresholds {
  checkWhole('tierThresholds.a', t.a, SETTING_LIMITS.tierThreshold);
  checkWhole('tierThresholds.b', t.b, SETTING_LIMITS.tierThreshold);
  if (!(t.a < t.b)) throw new RangeError(TIER_THRESHOLDS_ORDER_ERROR);
  return t;
}

/** Follow-up cadence in days per tier; tier 'none' only has one while an opportunity is open. */
export type CadenceDays = {
  A: number;
  B: number;
  C: number;
  D: number;
  noneWithOpenOpportunity: number;
};

export function checkCadenceDays(c: CadenceDays): CadenceDays {
  for (const key of ['A', 'B', 'C', 'D', 'noneWithOpenOpportunity'] as const)
    checkWhole(`cadenceDays.${key}`, c[key], SETTING_LIMITS.cadenceDays);
  return c;
}

/** Product margin tier bounds in whole percent: high ≥ highPct, medium ≥ mediumPct, else low. */
export type MarginTiers = {
  highPct: number;
  mediumPct: number;
};

export const MARGIN_TIERS_ORDER_ERROR = 'marginTiers.mediumPct must be less than marginTiers.highPct';

export function checkMarginTiers(t: MarginTiers): MarginTiers {
  checkWhole('marginTiers.highPct', t.highPct, SETTING_LIMITS.marginPct);
  checkWhole('marginTiers.mediumPct', t.mediumPct, SETTING_LIMITS.marginPct);
  if (!(t.mediumPct < t.highPct)) throw new RangeError(MARGIN_TIERS_ORDER_ERROR);
  return t;
}

/** Commission rates in basis points (8% = 800) per product margin tier. */
export type CommissionBps = {
  high: number;
  medium: number;
  low: number;
};

export function checkCommissionBps(r: CommissionBps): CommissionBps {
  for (const key of ['high', 'medium', 'low'] as const)
    checkWhole(`commissionBps.${key}`, r[key], SETTING_LIMITS.commissionBps);
  return r;
}

export const OPPORTUNITY_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const OPEN_OPPORTUNITY_STAGES = [
  'lead',
  'qualified',
  'proposal',
  'negotiation',
] as const satisfies readonly OpportunityStage[];

/** Win probability in whole percent per opportunity stage (weighted pipeline). */
export type StageProbabilities = Record<OpportunityStage, number>;

/** Ticket categories: a stable id stored on tickets, and the team's label (UI may translate default ids). */
export type TicketCategory = {
  id: string;
  label: string;
};

/** Lower-case letters, digits and single hyphens: category and holiday ids. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A greeting holiday. 'fixed' recurs on a solar month/day (Feb 29 falls on Feb 28 in other years);
 * 'lunar' on a Chinese lunar month/day (day 30 means the month's last day); 'weekday' on the nth
 * (or last, -1) weekday of a month (0 = Sunday), e.g. US Thanksgiving; 'date' once.
 */
export type Holiday =
  | { kind: 'fixed'; id: string; name: string; month: number; day: number }
  | { kind: 'lunar'; id: string; name: string; month: number; day: number }
  | { kind: 'weekday'; id: string; name: string; month: number; weekday: number; nth: number }
  | { kind: 'date'; id: string; name: string; date: IsoDate };

export const HOLIDAY_KIND_ERROR = "holiday kind must be 'fixed', 'lunar', 'weekday' or 'date'";
export const HOLIDAY_DAY_ERROR = 'day does not exist in that month';
export const HOLIDAY_NTH_ERROR = 'nth must be 1–5, or -1 for the last';

/** Whether a fixed month/day exists in some year (a leap year: Feb 29 is allowed). */
export function fixedDayExists(h: { month: number; day: number }): boolean {
  return h.day <= daysInMonth(2000, h.month);
}

/** Whether `nth` picks a weekday of a month: 1–5, or -1 for the last. */
export function isHolidayNth(n: number): boolean {
  return n === -1 || (Number.isInteger(n) && n >= 1 && n <= 5);
}

/** Throws a RangeError when `h` is not a usable holiday; returns it otherwise. */
export function checkHoliday(h: Holiday): Holiday {
  if (!['fixed', 'lunar', 'weekday', 'date'].includes(h?.kind)) throw new RangeError(HOLIDAY_KIND_ERROR);
  if (typeof h.id !== 'string' || !SLUG.test(h.id))
    throw new RangeError('id must be lower-case letters, digits and single hyphens');
  if (typeof h.name !== 'string' || h.name.trim() === '')
    throw new RangeError('holiday name must not be empty');
  if (h.kind === 'date') {
    const problem = isoDateProblem(h.date);
    if (problem) throw new RangeError(`Invalid holiday date: ${problem}`);
    return h;
  }
  checkWhole('month', h.month, SETTING_LIMITS.month);
  if (h.kind === 'weekday') {
    checkWhole('weekday', h.weekday, SETTING_LIMITS.weekday);
    if (typeof h.nth !== 'number' || !isHolidayNth(h.nth)) throw new RangeError(HOLIDAY_NTH_ERROR);
    return h;
  }
  checkWhole('day', h.day, [1, h.kind === 'lunar' ? 30 : 31]);
  if (h.kind === 'fixed' && !fixedDayExists(h)) throw new RangeError(HOLIDAY_DAY_ERROR);
  return h;
}

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

export const DEFAULT_TIER_WINDOW_DAYS = 365;
export const DEFAULT_TIER_THRESHOLDS: Readonly<TierThresholds> = Object.freeze({ a: 70, b: 90 });
export const DEFAULT_CADENCE_DAYS: Readonly<CadenceDays> = Object.freeze({
  A: 14,
  B: 30,
  C: 60,
  D: 90,
  noneWithOpenOpportunity: 30,
});
export const DEFAULT_MARGIN_TIERS: Readonly<MarginTiers> = Object.freeze({ highPct: 40, mediumPct: 20 });
export const DEFAULT_COMMISSION_BPS: Readonly<CommissionBps> = Object.freeze({
  high: 800,
  medium: 500,
  low: 200,
});
export const DEFAULT_STAGE_PROBABILITIES: Readonly<StageProbabilities> = Object.freeze({
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
});
export const DEFAULT_CURRENCY = 'USD';

/** Team-wide settings (lead/admin). The schema `TeamSettings.parse({})` (schemas/settings.ts) gives the defaults. */
export type TeamSettings = {
  tierWindow: TierWindowSetting;
  tierThresholds: TierThresholds;
  cadenceDays: CadenceDays;
  marginTiers: MarginTiers;
  commissionBps: CommissionBps;
  stageProbabilities: StageProbabilities;
  ticketCategories: TicketCategory[];
  currency: string;
  holidays: Holiday[];
  /** A fixed CRM-coefficient baseline; when unset the previous window of equal length is used. */
  coefficientBaseline: number | null;
  /** ISO 3166 region for phone numbers typed or imported without "+" (e.g. 'US'); null: none. */
  phoneRegion: string | null;
};

/** A fresh copy of the defaults. */
export function defaultTeamSettings(): TeamSettings {
  return {
    tierWindow: { kind: 'trailing', days: DEFAULT_TIER_WINDOW_DAYS },
    tierThresholds: { ...DEFAULT_TIER_THRESHOLDS },
    cadenceDays: { ...DEFAULT_CADENCE_DAYS },
    marginTiers: { ...DEFAULT_MARGIN_TIERS },
    commissionBps: { ...DEFAULT_COMMISSION_BPS },
    stageProbabilities: { ...DEFAULT_STAGE_PROBABILITIES },
    ticketCategories: DEFAULT_TICKET_CATEGORIES.map((c) => ({ ...c })),
    currency: DEFAULT_CURRENCY,
    holidays: DEFAULT_HOLIDAYS.map((h) => ({ ...h })),
    coefficientBaseline: null,
    phoneRegion: null,
  };
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
