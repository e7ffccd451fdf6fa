// @vitest-environment happy-dom
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { MessageResponseData } from '@rapport/shared/sync/messages';
import { h, render } from 'preact';
import { describe, expect, it } from 'vitest';
import { knowsBest } from '../../background/insight.ts';
import { createT } from '../../i18n/index.ts';
import { InsightLines } from './InsightLines.tsx';

const ME = { id: '0190f2a4-6c1e-7a3b-9c4d-000000000001', name: 'Sam' };
const RITA = '0190f2a4-6c1e-7a3b-9c4d-000000000002';
const NOW = new Date('2026-12-06T12:00:00.000Z');

const email = (authorId: string, daysAgo: number, direction: 'in' | 'out', kind = 'email') =>
  ({
    authorId,
    kind,
    direction,
    at: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
  }) as Interaction;

const metrics = (over: Partial<CustomerMetrics>): CustomerMetrics =>
  ({
    tier: 'B',
    window: { from: '2015-12-31', to: '2016-12-31', asOf: '2016-12-30', historical: true },
    ...over,
  }) as CustomerMetrics;

function lines(detail: Partial<MessageResponseData<'contact.get'>>, lang: 'en' | 'zh-CN' = 'en'): string[] {
  const el = document.createElement('div');
  render(
    h(InsightLines, { detail: detail as MessageResponseData<'contact.get'>, t: createT(lang), lang }),
    el,
  );
  return [...el.querySelectorAll('li')].map((li) => li.textContent ?? '');
}

describe('card insight lines', () => {
  it('knows best: the strongest member by the shared rule, with their most frequent kind this quarter', () => {
    // Sam: 3 emails 10–30 days ago, two-way; Rita: one call 100 days ago (2 × 0.5^(100/60) ≈ 0.63).
    const list = [
      email(ME.id, 10, 'out'),
      email(ME.id, 20, 'in'),
      email(ME.id, 30, 'out'),
      email(RITA, 100, 'out', 'call'),
    ];
    expect(knowsBest(list, NOW, ME)).toMatchObject({
      memberId: ME.id,
      self: true,
      name: 'Sam',
      kind: 'email',
      count: 3,
    });
    // Seen from Rita's extension: Sam is a teammate whose name it does not know.
    expect(knowsBest(list, NOW, { id: RITA, name: 'Rita' })).toMatchObject({ self: false, name: null });
    expect(knowsBest([email(ME.id, 3, 'out', 'note')], NOW, ME)).toBeNull();
  });

  it('churn against the data day, buys mostly and ask …, in English and Chinese', () => {
    // Historical data: counted to 2016-12-30. Last order 2016-10-31 = 60 days, interval 20 → 3× → lateness 40,
    // tier B 5, satisfaction 0.5 → 10, one open complaint 10: 65, late (60 > 30).
    const detail = {
      metrics: metrics({
        churn: { lastOrderAt: '2016-10-31', interval: 20, satisfaction: 0.5, openComplaints: 1 },
        buysMostly: { category: 'Furniture', share: 0.8812 },
      }),
      knowsBest: {
        memberId: RITA,
        self: false,
        name: 'Sam',
        kind: 'email',
        count: 12,
        warmth: 'hot' as const,
      },
    };
    expect(lines(detail)).toEqual([
      'Churn risk 65/100 · late — usually orders every 20 days, last 60 days ago',
      'Buys mostly Furniture (88 % of spend)',
      'Ask Sam — 12 emails this quarter',
    ]);
    expect(lines(detail, 'zh-CN')).toEqual([
      '流失风险 65/100 · 逾期——通常每 20 天下单一次，上次在 60 天前',
      '主要购买Furniture（占消费 88%）',
      '问 Sam——本季度 12 次邮件',
    ]);
    // No metrics insight and nobody knows them: no list at all.
    expect(lines({ metrics: null, knowsBest: null })).toEqual([]);
  });
});
