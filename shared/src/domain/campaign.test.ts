import { describe, expect, it } from 'vitest';
import { attributedCampaign, type CampaignTouch, campaignResults } from './campaign.ts';

const touch = (campaignId: string, memberId: string, day: string): CampaignTouch => ({
  campaignId,
  memberId,
  day,
});

describe('attributedCampaign', () => {
  const touches = [touch('c1', 'm', '2026-03-01'), touch('c2', 'm', '2026-03-10')];

  it('takes the latest touch within 30 days before the response', () => {
    expect(attributedCampaign(touches, '2026-03-05')).toBe('c1'); // only c1 is before
    expect(attributedCampaign(touches, '2026-03-10')).toBe('c2'); // same day counts
    expect(attributedCampaign(touches, '2026-04-09')).toBe('c2'); // 30 days after c2
    expect(attributedCampaign(touches, '2026-04-10')).toBeNull(); // 31 days
    expect(attributedCampaign(touches, '2026-02-28')).toBeNull(); // before any touch
    // With a 7-day window, 2026-03-09 is 8 days after c1: nothing.
    expect(attributedCampaign(touches, '2026-03-09', 7)).toBeNull();
  });

  it('gives a same-day tie to the larger (later-created) campaign id', () => {
    expect(
      attributedCampaign([touch('b', 'm', '2026-03-01'), touch('a', 'm', '2026-03-01')], '2026-03-02'),
    ).toBe('b');
  });
});

describe('campaignResults', () => {
  it('reports reach, responders, orders, social interactions, revenue and profit', () => {
    // c1 touches x and y on 03-01; c2 touches x on 03-10.
    // x: order O-1 on 03-05 (two lines: 100/20 and 50/−5) -> c1; social 03-12 -> c2 (latest);
    //    order O-2 on 04-20 (41 days after c2) -> nothing.
    // y: order O-3 on 03-31 (30 days after c1) 10/3 -> c1. z (never touched): ignored.
    // c1: reach 2, responders 2, orders 2, revenue 160, profit 20 − 5 + 3 = 18. c2: reach 1, 1 social.
    const rows = campaignResults(
      [touch('c1', 'x', '2026-03-01'), touch('c1', 'y', '2026-03-01'), touch('c2', 'x', '2026-03-10')],
      [
        {
          kind: 'line',
          memberId: 'x',
          day: '2026-03-05',
          orderId: 'O-1',
          revenue: 1_000_000n,
          profit: 200_000n,
        },
        {
          kind: 'line',
          memberId: 'x',
          day: '2026-03-05',
          orderId: 'O-1',
          revenue: 500_000n,
          profit: -50_000n,
        },
        { kind: 'social', memberId: 'x', day: '2026-03-12' },
        { kind: 'line', memberId: 'x', day: '2026-04-20', orderId: 'O-2', revenue: 9n, profit: 9n },
        {
          kind: 'line',
          memberId: 'y',
          day: '2026-03-31',
          orderId: 'O-3',
          revenue: 100_000n,
          profit: 30_000n,
        },
        { kind: 'social', memberId: 'z', day: '2026-03-02' },
      ],
    );
    expect(rows).toEqual([
      {
        campaignId: 'c1',
        reach: 2,
        responders: 2,
        orders: 2,
        socialInteractions: 0,
        revenue: 1_600_000n,
        profit: 180_000n,
      },
      {
        campaignId: 'c2',
        reach: 1,
        responders: 1,
        orders: 0,
        socialInteractions: 1,
        revenue: 0n,
        profit: 0n,
      },
    ]);
    expect(() => campaignResults([], [], -1)).toThrow(/window/);
  });
});
