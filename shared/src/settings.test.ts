import { describe, expect, it } from 'vitest';
import {
  CadenceDays,
  CommissionBps,
  checkCadenceDays,
  checkCommissionBps,
  checkHoliday,
  checkMarginTiers,
  checkTierThresholds,
  checkTierWindow,
  DEFAULT_HOLIDAYS,
  defaultTeamSettings,
  Holiday,
  MarginTiers,
  TeamSettings,
  TierThresholds,
  TierWindowSetting,
} from './schemas/settings.ts';

function messages(input: unknown): string[] {
  const result = TeamSettings.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('TeamSettings defaults', () => {
  it('parse({}) gives every default', () => {
    expect(TeamSettings.parse({})).toEqual({
      tierWindow: { kind: 'trailing', days: 365 },
      tierThresholds: { a: 70, b: 90 },
      cadenceDays: { A: 14, B: 30, C: 60, D: 90, noneWithOpenOpportunity: 30 },
      marginTiers: { highPct: 40, mediumPct: 20 },
      commissionBps: { high: 800, medium: 500, low: 200 },
      stageProbabilities: { lead: 10, qualified: 25, proposal: 50, negotiation: 75, won: 100, lost: 0 },
      ticketCategories: [
        { id: 'product-quality', label: 'Product quality' },
        { id: 'delivery', label: 'Delivery' },
        { id: 'billing', label: 'Billing' },
        { id: 'service-attitude', label: 'Service attitude' },
        { id: 'other', label: 'Other' },
      ],
      currency: 'USD',
      holidays: [
        { kind: 'fixed', id: 'new-year', name: "New Year's Day", month: 1, day: 1 },
        { kind: 'lunar', id: 'spring-festival', name: 'Spring Festival', month: 1, day: 1 },
        { kind: 'lunar', id: 'mid-autumn', name: 'Mid-Autumn Festival', month: 8, day: 15 },
        { kind: 'fixed', id: 'christmas', name: 'Christmas Day', month: 12, day: 25 },
      ],
      coefficientBaseline: null,
      phoneRegion: null,
    });
  });

  it('reads the phone region in upper case', () => {
    expect(TeamSettings.parse({ phoneRegion: 'cn' }).phoneRegion).toBe('CN');
    expect(TeamSettings.parse({ phoneRegion: null }).phoneRegion).toBeNull();
  });

  it('fills missing nested fields', () => {
    const s = TeamSettings.parse({
      tierThresholds: { a: 60 },
      cadenceDays: { A: 7 },
      tierWindow: { kind: 'trailing' },
    });
    expect(s.tierThresholds).toEqual({ a: 60, b: 90 });
    expect(s.cadenceDays.A).toBe(7);
    expect(s.cadenceDays.D).toBe(90);
    expect(s.tierWindow).toEqual({ kind: 'trailing', days: 365 });
  });

  it('hands out independent copies', () => {
    expect(defaultTeamSettings()).toEqual(TeamSettings.parse({}));
    const a = defaultTeamSettings();
    a.holidays.pop();
    const first = a.ticketCategories[0];
    if (first) first.label = 'changed';
    expect(defaultTeamSettings().holidays).toHaveLength(4);
    expect(defaultTeamSettings().ticketCategories[0]?.label).toBe('Product quality');
    expect(Object.isFrozen(DEFAULT_HOLIDAYS) && DEFAULT_HOLIDAYS.every(Object.isFrozen)).toBe(true);
  });

  it('accepts the other window kinds and custom holidays', () => {
    expect(TeamSettings.parse({ tierWindow: { kind: 'all' } }).tierWindow).toEqual({ kind: 'all' });
    expect(
      TeamSettings.parse({ tierWindow: { kind: 'range', from: '2024-01-01', to: '2025-01-01' } }).tierWindow,
    ).toEqual({
      kind: 'range',
      from: '2024-01-01',
      to: '2025-01-01',
    });
    const holidays = [
      { kind: 'weekday', id: 'thanksgiving', name: 'Thanksgiving', month: 11, weekday: 4, nth: 4 },
      { kind: 'fixed', id: 'leap', name: 'Leap day', month: 2, day: 29 },
      { kind: 'date', id: 'launch', name: 'Launch', date: '2027-05-04' },
    ];
    expect(TeamSettings.parse({ holidays, coefficientBaseline: 0.12 }).holidays).toEqual(holidays);
  });
});

describe('TeamSettings validation', () => {
  it.each([
    [
      { tierThresholds: { a: 90, b: 90 } },
      'tierThresholds.a: tierThresholds.a must be less than tierThresholds.b',
    ],
    [{ tierThresholds: { a: 70, b: 101 } }, 'tierThresholds.b: tierThresholds.b must be at most 100'],
    [{ tierThresholds: { a: 0 } }, 'tierThresholds.a: tierThresholds.a must be at least 1'],
    [{ tierThresholds: { a: 70.5 } }, 'tierThresholds.a: tierThresholds.a must be a whole number'],
    [{ tierThresholds: { a: Number.NaN } }, 'tierThresholds.a: tierThresholds.a must be a number'],
    [{ tierWindow: { kind: 'trailing', days: 0 } }, 'tierWindow.days: tierWindow.days must be at least 1'],
    [
      { tierWindow: { kind: 'weekly' } },
      "tierWindow.kind: tierWindow.kind must be 'trailing', 'range' or 'all'",
    ],
    [
      { tierWindow: { kind: 'range', from: '2026-02-30', to: '2026-04-01' } },
      'tierWindow.from: 2026-02-30 does not exist (month 02 of 2026 has 28 days)',
    ],
    [
      { tierWindow: { kind: 'range', from: '2026-04-01', to: '2026-04-01' } },
      'tierWindow.to: tierWindow.from must be before tierWindow.to (the end day is exclusive)',
    ],
    [{ cadenceDays: { B: -1 } }, 'cadenceDays.B: cadenceDays.B must be at least 1'],
    [
      { marginTiers: { highPct: 20, mediumPct: 20 } },
      'marginTiers.mediumPct: marginTiers.mediumPct must be less than marginTiers.highPct',
    ],
    [{ commissionBps: { high: 10_001 } }, 'commissionBps.high: commissionBps.high must be at most 10000'],
    [{ stageProbabilities: { won: 90 } }, 'stageProbabilities.won: stageProbabilities.won must be 100'],
    [
      { stageProbabilities: { lead: 120 } },
      'stageProbabilities.lead: stageProbabilities.lead must be at most 100',
    ],
    [{ ticketCategories: [] }, 'ticketCategories: at least one ticket category is needed'],
    [
      {
        ticketCategories: [
          { id: 'x', label: 'X' },
          { id: 'x', label: 'Y' },
        ],
      },
      'ticketCategories: ticket category ids must be unique',
    ],
    [
      { ticketCategories: [{ id: 'Bad Id', label: 'X' }] },
      'ticketCategories.0.id: id must be lower-case letters, digits and single hyphens',
    ],
    [{ currency: 'usd' }, "currency: currency must be an ISO 4217 code such as 'USD'"],
    [
      { holidays: [{ kind: 'fixed', id: 'x', name: 'X', month: 2, day: 30 }] },
      'holidays.0.day: day does not exist in that month',
    ],
    [
      { holidays: [{ kind: 'fixed', id: 'x', name: ' ', month: 1, day: 1 }] },
      'holidays.0.name: holiday name must not be empty',
    ],
    [
      { holidays: [{ kind: 'weekday', id: 'x', name: 'X', month: 1, weekday: 1, nth: 0 }] },
      'holidays.0.nth: nth must be 1–5, or -1 for the last',
    ],
    [{ coefficientBaseline: 0 }, 'coefficientBaseline: coefficientBaseline must be greater than 0'],
    [
      { coefficientBaseline: Number.POSITIVE_INFINITY },
      'coefficientBaseline: coefficientBaseline must be a finite number',
    ],
    [
      { phoneRegion: 'ZZ' },
      "phoneRegion: phoneRegion must be a supported two-letter region such as 'US' or 'CN'",
    ],
    [
      { phoneRegion: 'USA' },
      "phoneRegion: phoneRegion must be a supported two-letter region such as 'US' or 'CN'",
    ],
    [
      { phoneRegion: 1 },
      "phoneRegion: phoneRegion must be a supported two-letter region such as 'US' or 'CN'",
    ],
  ])('%j -> %s', (input, message) => {
    expect(messages(input)).toContain(message);
  });
});

describe('core checks agree with the schemas', () => {
  const zodMessage = (
    schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } },
    v: unknown,
  ) => schema.safeParse(v).error?.issues[0]?.message ?? null;
  const coreMessage = (check: (v: never) => unknown, v: unknown) => {
    try {
      check(v as never);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  it.each<[string, unknown]>([
    ['tierThresholds', { a: 70, b: 90 }],
    ['tierThresholds', { a: 90, b: 70 }],
    ['tierThresholds', { a: 0, b: 70 }],
    ['tierThresholds', { a: 10.5, b: 70 }],
    ['marginTiers', { highPct: 20, mediumPct: 40 }],
    ['marginTiers', { highPct: 101, mediumPct: 40 }],
    ['commissionBps', { high: 800, medium: 500, low: -1 }],
    ['cadenceDays', { A: 14, B: 30, C: 60, D: 3651, noneWithOpenOpportunity: 30 }],
    ['tierWindow', { kind: 'trailing', days: 0 }],
    ['tierWindow', { kind: 'range', from: '2025-01-01', to: '2024-01-01' }],
    ['tierWindow', { kind: 'weekly' }],
    ['holiday', { kind: 'fixed', id: 'x', name: 'X', month: 4, day: 31 }],
    ['holiday', { kind: 'fixed', id: 'leap', name: 'Leap', month: 2, day: 29 }],
    ['holiday', { kind: 'weekday', id: 'x', name: 'X', month: 11, weekday: 4, nth: 6 }],
    ['holiday', { kind: 'lunar', id: 'x', name: 'X', month: 13, day: 1 }],
  ])('%s %j', (kind, value) => {
    const pairs = {
      tierThresholds: [TierThresholds, checkTierThresholds],
      marginTiers: [MarginTiers, checkMarginTiers],
      commissionBps: [CommissionBps, checkCommissionBps],
      cadenceDays: [CadenceDays, checkCadenceDays],
      tierWindow: [TierWindowSetting, checkTierWindow],
      holiday: [Holiday, checkHoliday],
    } as const;
    const [schema, check] = pairs[kind as keyof typeof pairs];
    expect(coreMessage(check, value)).toBe(zodMessage(schema, value));
  });
});
