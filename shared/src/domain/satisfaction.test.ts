import { describe, expect, it } from 'vitest';
import {
  type CrmData,
  conversion,
  crmCoefficient,
  crmCoefficientForWindow,
  csatNormalised,
  loyalty,
  nps,
  type OpportunityOutcome,
  previousWindow,
} from './satisfaction.ts';

describe('csatNormalised', () => {
  it('averages (x − 1) / 4, counting ticket feedback', () => {
    expect(csatNormalised([5, 4, 3])).toBe(0.75); // (4 + 3 + 2) / 12
    expect(csatNormalised([5, 4, 3], [1])).toBe(0.5625); // 9 / 16
    expect(csatNormalised([], [5])).toBe(1);
    expect(csatNormalised([])).toBeNull();
  });

  it.each([0, 6, 3.5, Number.NaN])('rejects %s', (score) => {
    expect(() => csatNormalised([score])).toThrow(`Invalid CSAT score ${score}: expected a whole number 1–5`);
  });
});

describe('nps', () => {
  it('is % promoters minus % detractors', () => {
    expect(nps([10, 9, 8, 7, 6, 0])).toBe(0);
    expect(nps([10, 10, 10, 5])).toBe(50);
    expect(nps([9])).toBe(100);
    expect(nps([0, 8])).toBe(-50);
    expect(nps([])).toBeNull();
  });

  it('rejects scores outside 0–10', () => {
    expect(() => nps([11])).toThrow('Invalid NPS score 11');
    expect(() => nps([Number.NaN])).toThrow('Invalid NPS score NaN');
  });
});

describe('loyalty', () => {
  const lines = [
    { customerId: 'c1', orderId: 'o1', orderedAt: '2026-01-02' },
    { customerId: 'c1', orderId: 'o1', orderedAt: '2026-01-02' }, // second line of the same order
    { customerId: 'c2', orderId: 'o2', orderedAt: '2026-01-05' },
    { customerId: 'c2', orderId: 'o3', orderedAt: '2026-01-06' },
    { customerId: 'c3', orderId: 'o4', orderedAt: '2025-06-01' },
  ];

  it('counts customers with two or more orders in the window', () => {
    expect(loyalty(lines, { from: '2026-01-01', to: '2026-02-01' })).toBe(0.5);
    expect(loyalty(lines)).toBeCloseTo(1 / 3, 15);
    expect(loyalty(lines, { from: '2027-01-01', to: null })).toBeNull();
  });
});

describe('conversion', () => {
  const opportunities: OpportunityOutcome[] = [
    { stage: 'won', closeDate: '2026-01-10' },
    { stage: 'won', closeDate: '2026-02-28' },
    { stage: 'lost', closeDate: '2026-01-20' },
    { stage: 'lost', closeDate: '2026-03-01' }, // the window's end is exclusive
    { stage: 'proposal', closeDate: '2026-01-15' }, // still open
    { stage: 'won', closeDate: null },
  ];

  it('is won / (won + lost) closed in the window', () => {
    expect(conversion(opportunities, { from: '2026-01-01', to: '2026-03-01' })).toBeCloseTo(2 / 3, 15);
    expect(conversion(opportunities)).toBe(0.5);
    expect(conversion(opportunities, { from: '2026-04-01', to: null })).toBeNull();
    expect(conversion([{ stage: 'lost', closeDate: '2026-01-01' }])).toBe(0);
  });

  it('rejects an impossible close date', () => {
    expect(() => conversion([{ stage: 'won', closeDate: '2026-02-30' }])).toThrow(
      'Invalid opportunity close date: 2026-02-30 does not exist',
    );
  });
});

describe('crmCoefficient', () => {
  const factors = { satisfaction: 0.75, loyalty: 0.5, conversion: 2 / 3 };

  it('divides the product of the factors by the baseline', () => {
    const c = crmCoefficient(factors, 0.2);
    expect(c.kind).toBe('value');
    if (c.kind === 'value') expect(c.value).toBeCloseTo(1.25, 12); // 0.25 / 0.2
    expect(c).toMatchObject({ factors, baseline: 0.2 });
  });

  it('names what is missing', () => {
    expect(crmCoefficient({ ...factors, conversion: null }, 0.2)).toEqual({
      kind: 'insufficient',
      missing: ['conversion'],
      factors: { ...factors, conversion: null },
      baseline: 0.2,
    });
    expect(crmCoefficient({ satisfaction: null, loyalty: 0.5, conversion: null }, null)).toMatchObject({
      kind: 'insufficient',
      missing: ['satisfaction', 'conversion', 'baseline'],
    });
    expect(crmCoefficient(factors, 0)).toMatchObject({
      kind: 'insufficient',
      missing: ['baseline'],
      baseline: 0,
    });
  });

  it('rejects values that are not rates', () => {
    expect(() => crmCoefficient({ ...factors, loyalty: 1.5 }, 1)).toThrow('Invalid loyalty 1.5');
    expect(() => crmCoefficient({ ...factors, satisfaction: Number.NaN }, 1)).toThrow(
      'Invalid satisfaction NaN',
    );
    expect(() => crmCoefficient(factors, -1)).toThrow('Invalid baseline -1');
  });
});

describe('previousWindow', () => {
  it.each([
    [
      { from: '2026-03-01', to: '2026-04-01' },
      { from: '2026-02-01', to: '2026-03-01' },
    ], // a month
    [
      { from: '2026-04-01', to: '2026-07-01' },
      { from: '2026-01-01', to: '2026-04-01' },
    ], // a quarter
    [
      { from: '2026-01-01', to: '2027-01-01' },
      { from: '2025-01-01', to: '2026-01-01' },
    ], // a year
    [
      { from: '2026-01-10', to: '2026-01-20' },
      { from: '2025-12-31', to: '2026-01-10' },
    ], // 10 days
    [
      { from: '2026-03-01', to: '2026-03-15' },
      { from: '2026-02-15', to: '2026-03-01' },
    ], // 14 days
  ])('%j -> %j', (window, expected) => {
    expect(previousWindow(window)).toEqual(expected);
  });

  it('has none for unbounded windows and rejects inverted ones', () => {
    expect(previousWindow({ from: null, to: null })).toBeNull();
    expect(previousWindow({ from: '2026-01-01', to: null })).toBeNull();
    expect(() => previousWindow({ from: '2026-02-01', to: '2026-01-01' })).toThrow('must be before end');
  });
});

describe('crmCoefficientForWindow', () => {
  function data(overrides: Partial<CrmData> = {}): CrmData {
    return {
      // January: satisfaction (2 + 4) / 8 = 0.75, loyalty 1/2, conversion 1/2 -> 0.1875.
      // February: satisfaction 1, loyalty 1, conversion 2/3 -> 2/3.
      csat: [
        { at: '2026-01-05', score: 3 },
        { at: '2026-02-03', score: 5 },
        { at: '2026-02-04', score: 5 },
      ],
      ticketFeedback: [{ at: '2026-01-20', score: 5 }],
      lines: (function* () {
        yield { customerId: 'c1', orderId: 'o1', orderedAt: '2026-01-02' };
        yield { customerId: 'c1', orderId: 'o2', orderedAt: '2026-01-25' };
        yield { customerId: 'c2', orderId: 'o3', orderedAt: '2026-01-10' };
        yield { customerId: 'c1', orderId: 'o4', orderedAt: '2026-02-02' };
        yield { customerId: 'c1', orderId: 'o5', orderedAt: '2026-02-20' };
        yield { customerId: 'c2', orderId: 'o6', orderedAt: '2026-02-10' };
        yield { customerId: 'c2', orderId: 'o7', orderedAt: '2026-02-11' };
      })(),
      opportunities: [
        { stage: 'won', closeDate: '2026-01-15' },
        { stage: 'lost', closeDate: '2026-01-16' },
        { stage: 'won', closeDate: '2026-02-10' },
        { stage: 'won', closeDate: '2026-02-11' },
        { stage: 'lost', closeDate: '2026-02-12' },
      ],
      ...overrides,
    };
  }
  const february = { from: '2026-02-01', to: '2026-03-01' };

  it('uses the previous window as the baseline', () => {
    const report = crmCoefficientForWindow(data(), february, null);
    expect(report.previousWindow).toEqual({ from: '2026-01-01', to: '2026-02-01' });
    expect(report.previousFactors).toEqual({ satisfaction: 0.75, loyalty: 0.5, conversion: 0.5 });
    expect(report.baselineSource).toBe('previous-window');
    expect(report.coefficient.kind).toBe('value');
    if (report.coefficient.kind === 'value') {
      expect(report.coefficient.baseline).toBe(0.1875);
      expect(report.coefficient.value).toBeCloseTo(2 / 3 / 0.1875, 12); // 3.5556: improving
      expect(report.coefficient.factors.conversion).toBeCloseTo(2 / 3, 15);
    }
  });

  it('prefers a configured baseline', () => {
    const report = crmCoefficientForWindow(data(), february, 0.5);
    expect(report.baselineSource).toBe('configured');
    expect(report.coefficient.kind === 'value' && report.coefficient.value).toBeCloseTo(4 / 3, 12);
  });

  it('reports missing factors and a missing baseline', () => {
    const noOpportunities = crmCoefficientForWindow(data({ opportunities: [] }), february, null);
    expect(noOpportunities.coefficient).toMatchObject({
      kind: 'insufficient',
      missing: ['conversion', 'baseline'],
    });
    const noHistory = crmCoefficientForWindow(data(), { from: '2026-03-01', to: '2026-04-01' }, null);
    expect(noHistory.coefficient).toMatchObject({
      kind: 'insufficient',
      missing: ['satisfaction', 'loyalty', 'conversion'],
    });
    const onlyBaselineMissing = crmCoefficientForWindow(
      data({ csat: [{ at: '2026-02-03', score: 5 }], ticketFeedback: [] }),
      february,
      null,
    );
    expect(onlyBaselineMissing.coefficient).toMatchObject({
      kind: 'insufficient',
      missing: ['baseline'],
      baseline: null,
    });
  });
});
