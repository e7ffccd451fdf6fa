import { describe, expect, it } from 'vitest';
import {
  churnScore,
  isLate,
  median,
  ownPurchaseInterval,
  rankForFollowUp,
  teamPurchaseInterval,
} from './churn.ts';

describe('purchase interval', () => {
  it('is the median gap between distinct order days, from 3 days on', () => {
    // Days 01-01, 01-11, 01-31: gaps 10 and 20 -> median 15.
    expect(ownPurchaseInterval(['2026-01-31', '2026-01-01', '2026-01-11'])).toBe(15);
    // 01-01, 01-11, 01-31, 02-02: gaps 10, 20, 2 -> sorted 2, 10, 20 -> 10.
    expect(ownPurchaseInterval(['2026-01-01', '2026-01-11', '2026-01-31', '2026-02-02'])).toBe(10);
    // Same-day orders are one purchase day: 3 order dates but only 2 distinct days -> null.
    expect(ownPurchaseInterval(['2026-01-01', '2026-01-01', '2026-01-05'])).toBeNull();
    expect(ownPurchaseInterval([])).toBeNull();
  });

  it("falls back to the team's median of own intervals", () => {
    // Own intervals 15, 10, 30 (nulls ignored) -> 15; 10 and 15 -> 12.5.
    expect(teamPurchaseInterval([15, null, 10, 30])).toBe(15);
    expect(teamPurchaseInterval([10, 15])).toBe(12.5);
    expect(teamPurchaseInterval([null])).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is late only beyond 1.5 × the interval', () => {
    expect(isLate(30, 20)).toBe(false); // 30 = 1.5 × 20, not beyond
    expect(isLate(31, 20)).toBe(true);
    expect(isLate(19, 12.5)).toBe(true); // 1.5 × 12.5 = 18.75
    expect(isLate(18, 12.5)).toBe(false);
    expect(isLate(1000, null)).toBe(false);
  });
});

describe('churnScore', () => {
  it('weighs lateness, tier, satisfaction and complaints', () => {
    // 40 days against 20: ratio 2 -> lateness 40 × (2 − 1)/2 = 20; tier C 10; CSAT 0.75 -> 20 × 0.25 = 5;
    // 1 open complaint 10: 20 + 10 + 5 + 10 = 45, late (40 > 30).
    expect(
      churnScore({ daysSinceLastOrder: 40, interval: 20, tier: 'C', satisfaction: 0.75, openComplaints: 1 }),
    ).toEqual({ score: 45, late: true, parts: { lateness: 20, tier: 10, satisfaction: 5, complaints: 10 } });
  });

  it('runs from 0 (A, on time, happy) to 100 (no orders in window, very late, unhappy, complaints)', () => {
    expect(
      churnScore({ daysSinceLastOrder: 5, interval: 20, tier: 'A', satisfaction: 1, openComplaints: 0 })
        .score,
    ).toBe(0);
    // ratio 4 ≥ 3 -> 40; none 20; CSAT 0 -> 20; 3 complaints capped at 20.
    expect(
      churnScore({ daysSinceLastOrder: 80, interval: 20, tier: 'none', satisfaction: 0, openComplaints: 3 })
        .score,
    ).toBe(100);
  });

  it('uses half weight for what is unknown', () => {
    // No interval: lateness 20; tier B 5; no CSAT: 10; none open: 0 -> 35, not late.
    expect(
      churnScore({
        daysSinceLastOrder: 400,
        interval: null,
        tier: 'B',
        satisfaction: null,
        openComplaints: 0,
      }),
    ).toEqual({ score: 35, late: false, parts: { lateness: 20, tier: 5, satisfaction: 10, complaints: 0 } });
  });

  it('rounds the sum: 25 days against 20 -> lateness 40 × 0.125 = 5; D 15; CSAT 0.9 -> 2 (float) -> 22', () => {
    expect(
      churnScore({ daysSinceLastOrder: 25, interval: 20, tier: 'D', satisfaction: 0.9, openComplaints: 0 })
        .score,
    ).toBe(22);
  });

  it('refuses impossible inputs', () => {
    const ok = { daysSinceLastOrder: 1, interval: 1, tier: 'A' as const, satisfaction: 1, openComplaints: 0 };
    expect(() => churnScore({ ...ok, daysSinceLastOrder: -1 })).toThrow(/≥ 0/);
    expect(() => churnScore({ ...ok, satisfaction: 2 })).toThrow(/0–1/);
    expect(() => churnScore({ ...ok, openComplaints: 0.5 })).toThrow(/whole/);
  });
});

describe('rankForFollowUp', () => {
  it('puts high-value at-risk customers first', () => {
    const rows = [
      { id: 'calm-high-score', score: 45, late: false, profit: 9_000_000n },
      { id: 'late-small', score: 30, late: true, profit: 100n },
      { id: 'risky-big', score: 60, late: false, profit: 5_000_000n },
      { id: 'calm-low', score: 10, late: false, profit: 1n },
      { id: 'late-big', score: 55, late: true, profit: 5_000_000n },
    ];
    // At risk: risky-big and late-big (5,000,000 each; equal profit -> score 60 before 55), then
    // late-small; then the rest by score.
    expect(rankForFollowUp(rows).map((r) => r.id)).toEqual([
      'risky-big',
      'late-big',
      'late-small',
      'calm-high-score',
      'calm-low',
    ]);
  });
});
