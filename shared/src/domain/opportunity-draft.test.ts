import { describe, expect, it } from 'vitest';
import {
  checkOpportunityDraft,
  nextStage,
  normaliseAmount,
  percentToRatio,
  ratioToPercent,
} from './opportunity-draft.ts';

const base = {
  title: 'Office chairs',
  amount: '12500',
  marginPct: '',
  closeDate: '',
  stage: 'lead' as const,
};

describe('opportunity drafts', () => {
  it('turns what was typed into wire values', () => {
    expect(
      checkOpportunityDraft({
        ...base,
        title: '  Office chairs ',
        amount: '12,500.50',
        marginPct: '35',
        closeDate: '2026-04-30',
      }),
    ).toEqual({
      ok: true,
      draft: {
        title: 'Office chairs',
        amount: '12500.50',
        expectedMargin: '0.35',
        closeDate: '2026-04-30',
        stage: 'lead',
      },
    });
    expect(checkOpportunityDraft(base)).toEqual({
      ok: true,
      draft: {
        title: 'Office chairs',
        amount: '12500.00',
        expectedMargin: null,
        closeDate: null,
        stage: 'lead',
      },
    });
  });

  it('names every bad field at once', () => {
    const bad = checkOpportunityDraft({
      title: ' ',
      amount: '12.34567',
      marginPct: '120',
      closeDate: '2026-02-30',
      stage: 'won',
    });
    expect(bad).toEqual({
      ok: false,
      problems: [
        { field: 'title', code: 'required' },
        { field: 'amount', code: 'money', detail: 'has more than 4 decimal places' },
        { field: 'margin', code: 'margin' },
        { field: 'closeDate', code: 'date' },
      ],
    });
    expect(checkOpportunityDraft({ ...base, amount: '' })).toMatchObject({
      problems: [{ field: 'amount', code: 'required' }],
    });
    expect(checkOpportunityDraft({ ...base, amount: '-5' })).toMatchObject({
      problems: [{ field: 'amount', code: 'negative' }],
    });
    expect(checkOpportunityDraft({ ...base, amount: '1e5' })).toMatchObject({
      problems: [{ field: 'amount', code: 'money' }],
    });
    expect(checkOpportunityDraft({ ...base, amount: '12,5' })).toMatchObject({
      problems: [{ field: 'amount', code: 'money' }],
    });
    expect(checkOpportunityDraft({ ...base, title: 'x'.repeat(301) })).toMatchObject({
      problems: [{ field: 'title', code: 'tooLong' }],
    });
  });

  it('converts margins between percent and ratio exactly', () => {
    expect(['35', '12.5', '5', '0.01', '0', '100', '40 %'].map(percentToRatio)).toEqual([
      '0.35',
      '0.125',
      '0.05',
      '0.0001',
      '0',
      '1',
      '0.4',
    ]);
    expect(['100.01', '-5', '12.345', 'abc', ''].map(percentToRatio)).toEqual([null, null, null, null, null]);
    expect(['0.35', '0.125', '1', '-0.05', '0.0001', '0'].map(ratioToPercent)).toEqual([
      '35',
      '12.5',
      '100',
      '-5',
      '0.01',
      '0',
    ]);
    expect(normaliseAmount(' 1 250 000.5 ')).toBe('1250000.5');
    expect(normaliseAmount('1,250,000')).toBe('1250000');
  });

  it('moves an open deal one stage on, negotiation to won', () => {
    expect(nextStage('lead')).toBe('qualified');
    expect(nextStage('qualified')).toBe('proposal');
    expect(nextStage('proposal')).toBe('negotiation');
    expect(nextStage('negotiation')).toBe('won');
    expect(nextStage('won')).toBeNull();
    expect(nextStage('lost')).toBeNull();
  });
});
