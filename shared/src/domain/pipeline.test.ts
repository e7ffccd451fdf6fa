import { describe, expect, it } from 'vitest';
import { parseMoney } from '../money.ts';
import { DEFAULT_MARGIN_TIERS, DEFAULT_STAGE_PROBABILITIES } from '../settings.ts';
import {
  closedOn,
  closingInMonth,
  type DealInput,
  discountBps,
  forecastByRepMonth,
  pipelineSummary,
  quoteTotals,
  stageConversion,
} from './pipeline.ts';

const P = { ...DEFAULT_STAGE_PROBABILITIES };
const TIERS = { ...DEFAULT_MARGIN_TIERS };
const deal = (d: Partial<DealInput> & Pick<DealInput, 'stage' | 'amount'>): DealInput => ({
  ownerId: 'rep-a',
  closeDate: null,
  stageChangedOn: null,
  ...d,
});

describe('pipelineSummary', () => {
  it('sums the issue example: 10,000 at proposal + 5,000 at negotiation open, 2,000 won, one lost', () => {
    const deals = [
      deal({ stage: 'proposal', amount: parseMoney('10000') }),
      deal({ stage: 'negotiation', amount: parseMoney('5000') }),
      // Won and lost without a close date: closed on the day the stage changed.
      deal({ stage: 'won', amount: parseMoney('2000'), stageChangedOn: '2026-12-06' }),
      deal({ stage: 'lost', amount: parseMoney('700'), stageChangedOn: '2026-12-05' }),
    ];
    const s = pipelineSummary(deals, P, { from: '2026-12-01', to: '2026-12-31' });
    expect(s.count).toBe(2);
    expect(s.amount).toBe(parseMoney('15000'));
    // 10,000 × 50 % + 5,000 × 75 % = 5,000 + 3,750
    expect(s.weighted).toBe(parseMoney('8750'));
    expect(s).toMatchObject({ won: 1, lost: 1, conversion: 0.5, wonAmount: parseMoney('2000') });
  });

  it('leaves a closed deal out when it closed outside the window or its day is unknown', () => {
    const deals = [
      deal({ stage: 'won', amount: 1n, stageChangedOn: '2026-11-30' }),
      deal({ stage: 'lost', amount: 1n }),
    ];
    expect(pipelineSummary(deals, P, { from: '2026-12-01', to: '2026-12-31' }).conversion).toBeNull();
    expect(pipelineSummary(deals, P).won).toBe(1);
  });

  it('prefers closeDate over the stage change day', () => {
    expect(closedOn({ stage: 'won', closeDate: '2026-10-01', stageChangedOn: '2026-12-06' })).toBe(
      '2026-10-01',
    );
    expect(closedOn({ stage: 'lost', closeDate: null, stageChangedOn: '2026-12-06' })).toBe('2026-12-06');
    expect(closedOn({ stage: 'proposal', closeDate: '2026-10-01', stageChangedOn: null })).toBeNull();
  });

  it('rounds the weighted sum once: 0.0001 at lead (10 %) three times is 0.0000, not 3 × rounding', () => {
    const tiny = [1, 2, 3].map(() => deal({ stage: 'qualified', amount: 2n }));
    // 3 × 0.0002 × 25 % = 0.00015 -> 0.0002 (halves away from zero), where per-deal rounding gives 0.0003
    expect(pipelineSummary(tiny, P).weighted).toBe(2n);
  });

  it('refuses a probability that is not a whole percent', () => {
    expect(() => pipelineSummary([deal({ stage: 'lead', amount: 1n })], { ...P, lead: 10.5 })).toThrow(
      /whole percent/,
    );
  });
});

describe('stageConversion', () => {
  it('computes reached-stage ratios from a snapshot', () => {
    // 4 lead, 3 qualified, 2 proposal, 1 negotiation, 2 won, 2 lost
    const steps = stageConversion({ lead: 4, qualified: 3, proposal: 2, negotiation: 1, won: 2, lost: 2 });
    // reached lead = 14, qualified = 8, proposal = 5, negotiation = 3, won = 2
    expect(steps.map((s) => s.rate)).toEqual([8 / 14, 5 / 8, 3 / 5, 2 / 3]);
    expect(stageConversion({})[0]).toEqual({ from: 'lead', to: 'qualified', rate: null });
  });
});

describe('forecastByRepMonth', () => {
  it('places open deals by close month (none: next month) and won deals by the day they closed', () => {
    const cells = forecastByRepMonth(
      [
        deal({ stage: 'proposal', amount: parseMoney('10000'), closeDate: '2027-01-15' }),
        deal({ stage: 'negotiation', amount: parseMoney('5000'), ownerId: 'rep-b' }),
        deal({ stage: 'won', amount: parseMoney('2000'), stageChangedOn: '2026-12-06' }),
        deal({ stage: 'lost', amount: parseMoney('900'), stageChangedOn: '2026-12-06' }),
      ],
      '2026-12-06',
      P,
    );
    expect(cells).toEqual([
      { ownerId: 'rep-a', month: '2026-12', weighted: 0n, won: parseMoney('2000') },
      { ownerId: 'rep-a', month: '2027-01', weighted: parseMoney('5000'), won: 0n },
      { ownerId: 'rep-b', month: '2027-01', weighted: parseMoney('3750'), won: 0n },
    ]);
  });

  it('lists deals closing in a month', () => {
    const a = deal({ stage: 'proposal', amount: 1n, closeDate: '2026-12-20' });
    const b = deal({ stage: 'won', amount: 1n, stageChangedOn: '2026-12-02' });
    const c = deal({ stage: 'lead', amount: 1n });
    expect(closingInMonth([a, b, c], '2026-12')).toEqual([a, b]);
  });
});

describe('quoteTotals', () => {
  it('computes revenue, profit, margin and tier from line items', () => {
    const margins = new Map([
      ['p-chair', '0.40'],
      ['p-desk', '0.1'],
    ]);
    const q = quoteTotals(
      [
        // 3 × 19.99 = 59.97, −10 % = 53.973; profit 40 % = 21.5892
        { productId: 'p-chair', quantity: 3, unitPrice: parseMoney('19.99'), discountBps: discountBps('10') },
        // 1 × 100 = 100; profit 10 % = 10
        { productId: 'p-desk', quantity: 1, unitPrice: parseMoney('100'), discountBps: 0 },
      ],
      margins,
      TIERS,
    );
    expect(q.gross).toBe(parseMoney('159.97'));
    expect(q.revenue).toBe(parseMoney('153.973'));
    expect(q.discount).toBe(parseMoney('5.997'));
    expect(q.profit).toBe(parseMoney('31.5892'));
    // 31.5892 / 153.973 = 0.205160…: medium (≥ 20 %, < 40 %)
    expect(q.margin).toBeCloseTo(0.20516, 5);
    expect(q.marginTier).toBe('medium');
    expect(q.lines[0]).toEqual({
      gross: parseMoney('59.97'),
      revenue: parseMoney('53.973'),
      profit: parseMoney('21.5892'),
    });
  });

  it('rounds each line to 1/10,000 halves away from zero and reports lines without a margin', () => {
    const q = quoteTotals(
      [
        { productId: 'p', quantity: 1, unitPrice: 1n, discountBps: 5000 },
        { productId: null, quantity: 2, unitPrice: parseMoney('5'), discountBps: 0 },
      ],
      new Map([['p', '0.5']]),
      TIERS,
    );
    // 0.0001 × 50 % = 0.00005 -> 0.0001
    expect(q.lines[0]?.revenue).toBe(1n);
    expect(q.revenue).toBe(parseMoney('10.0001'));
    expect(q).toMatchObject({ profit: null, margin: null, marginTier: null, unknownMarginLines: [1] });
  });

  it('puts a loss-making quote in the low tier', () => {
    const q = quoteTotals(
      [{ productId: 'p', quantity: 1, unitPrice: parseMoney('10'), discountBps: 0 }],
      new Map([['p', '-0.2']]),
      TIERS,
    );
    expect(q.profit).toBe(parseMoney('-2'));
    expect(q.marginTier).toBe('low');
  });

  it('refuses bad quantities and discounts', () => {
    expect(() => discountBps('100.5')).toThrow(/at most 100/);
    expect(() => discountBps('ten')).toThrow(/percentage/);
    expect(discountBps('12.5')).toBe(1250);
    expect(() =>
      quoteTotals([{ productId: null, quantity: 0, unitPrice: 1n, discountBps: 0 }], new Map(), TIERS),
    ).toThrow(/quantity/);
  });
});
