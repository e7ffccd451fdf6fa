import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_PROBABILITIES } from '../settings.ts';
import { fitSes, forecastProfit, pipelineByMonth, seasonalIndex, seasonalNaive } from './forecast.ts';

describe('forecastProfit', () => {
  it('picks seasonal naive when the backtest says so', () => {
    // 15 months: 100 every January, else 0. Horizon 3 holds out months 13–15 (100, 0, 0).
    // Seasonal naive on months 1–12 repeats months 1–3: 100, 0, 0 -> MAE 0.
    // SES on [100, 0 × 11]: SSE = 100² · Σ (1 − α)^2k falls with α -> α = 0.9, level 100 · 0.1^11 ≈ 0,
    //   forecast ≈ 0 -> MAE (100 + 0 + 0) / 3 = 33.3 -> 33; scale (m = 1, 12 months): 100 / 11 -> MASE 3.667.
    const history = [100n, ...Array(11).fill(0n), 100n, 0n, 0n];
    const f = forecastProfit(history, 3);
    expect(f.method).toBe('seasonal-naive');
    expect(f.heldOut).toBe(3);
    expect(f.backtest[0]).toEqual({ method: 'seasonal-naive', mae: 0n, mase: 0 });
    expect(f.backtest[1]?.method).toBe('ses');
    expect(f.backtest[1]?.mae).toBe(33n);
    expect(f.backtest[1]?.mase).toBeCloseTo(33.3333 / (100 / 11), 3);
    // Refit on all 15: months 16–18 repeat months 4–6 -> 0, 0, 0.
    expect(f.forecast).toEqual([0n, 0n, 0n]);
  });

  it('picks SES on a short history and gives its MASE', () => {
    // [0, 100, 100, 100], horizon 1: train [0, 100, 100], test [100]. No seasonal naive (< 12 months).
    // SES SSE = 100² + (100 − 100α)² is least at α = 0.9: levels 90, 99 -> forecast 99, MAE 1.
    // Scale m = 1: |100 − 0|, |100 − 100| -> 50; MASE 1 / 50 = 0.02.
    // Refit on all four (α = 0.9 again): levels 90, 99, 99.9 -> 99.9 rounds to 100.
    const f = forecastProfit([0n, 100n, 100n, 100n], 1);
    expect(f).toEqual({
      method: 'ses',
      alpha: 0.9,
      forecast: [100n],
      backtest: [{ method: 'ses', mae: 1n, mase: 0.02 }],
      heldOut: 1,
    });
  });

  it('says when the history is too short to backtest', () => {
    // Two months, horizon 3: nothing to hold out; SES fitted on both. Its only one-step error is
    // (20 − 10)² whatever α, so the smallest α 0.1 stays: level 0.1 · 20 + 0.9 · 10 = 11.
    expect(forecastProfit([10n, 20n], 3)).toEqual({
      method: 'ses',
      alpha: 0.1,
      forecast: [11n, 11n, 11n],
      backtest: [],
      heldOut: 0,
    });
    expect(forecastProfit([], 2)).toMatchObject({ method: 'none', forecast: [0n, 0n] });
    expect(() => forecastProfit([1n], 0)).toThrow(/horizon/);
  });

  it('has the building blocks behave as documented', () => {
    expect(seasonalNaive([1, 2, 3], 2)).toBeNull();
    // 13 months: the next two repeat months 2 and 3.
    expect(seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 2)).toEqual([2, 3]);
    expect(fitSes([5])).toBeNull();
    // A flat series has zero error for every α: the smallest (0.1) is kept.
    expect(fitSes([5, 5, 5])).toEqual({ alpha: 0.1, level: 5 });
  });
});

describe('seasonalIndex', () => {
  it("divides each calendar month's mean by the mean month", () => {
    // Mean of all = (100 + 300 + 200) / 3 = 200; January (100 + 200) / 2 = 150 -> 0.75; February 300 -> 1.5.
    const idx = seasonalIndex([
      { month: '2025-01', value: 100n },
      { month: '2025-02', value: 300n },
      { month: '2026-01', value: 200n },
    ]);
    expect(idx.slice(0, 3)).toEqual([0.75, 1.5, null]);
    expect(idx).toHaveLength(12);
  });
});

describe('pipelineByMonth', () => {
  it('weights open deals by stage, places them by close month, and adds won', () => {
    const rows = pipelineByMonth(
      [
        // a, April: 1,000 × 50 % + 333.3333 (no closeDate -> April, the month after 2026-03-15) × 25 %
        //   = 500 + 83.333325 = 583.333325 -> 583.3333 (one rounding at the end).
        { ownerId: 'a', amount: 10_000_000n, stage: 'proposal', closeDate: '2026-04-10' },
        { ownerId: 'a', amount: 3_333_333n, stage: 'qualified', closeDate: null },
        { ownerId: 'a', amount: 2_000_000n, stage: 'won', closeDate: '2026-04-02' },
        // b: lost counts nowhere; 0.0001 × 75 % = 0.000075 -> 0.0001 in May.
        { ownerId: 'b', amount: 50_000_000n, stage: 'lost', closeDate: '2026-04-02' },
        { ownerId: 'b', amount: 1n, stage: 'negotiation', closeDate: '2026-05-01' },
        // A won deal without a close day cannot be placed.
        { ownerId: 'b', amount: 7n, stage: 'won', closeDate: null },
      ],
      '2026-03-15',
      DEFAULT_STAGE_PROBABILITIES,
    );
    expect(rows).toEqual([
      { ownerId: 'a', month: '2026-04', weighted: 5_833_333n, won: 2_000_000n },
      { ownerId: 'b', month: '2026-05', weighted: 1n, won: 0n },
    ]);
  });
});
