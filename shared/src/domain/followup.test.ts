import { describe, expect, it } from 'vitest';
import { defaultTeamSettings } from '../settings.ts';
import {
  cadenceFor,
  dueDate,
  type FollowUpSortKey,
  followUpState,
  followUpStatus,
  sortFollowUps,
} from './followup.ts';

const cadence = defaultTeamSettings().cadenceDays;
const utc = (today: string) => ({ today, timeZone: 'UTC' });

describe('cadenceFor', () => {
  it('follows the tier, and the open-opportunity rule for none', () => {
    expect(cadenceFor('A', false, cadence)).toBe(14);
    expect(cadenceFor('B', true, cadence)).toBe(30);
    expect(cadenceFor('C', false, cadence)).toBe(60);
    expect(cadenceFor('D', false, cadence)).toBe(90);
    expect(cadenceFor('none', false, cadence)).toBeNull();
    expect(cadenceFor('none', true, cadence)).toBe(30);
    expect(cadenceFor('none', true, { ...cadence, noneWithOpenOpportunity: 7 })).toBe(7);
  });
});

describe('dueDate', () => {
  it('adds the cadence to the last interaction', () => {
    expect(
      dueDate(
        { scheduledDate: null, lastInteractionAt: '2026-02-20T10:00:00Z', cadenceDays: 14 },
        utc('2026-03-09'),
      ),
    ).toBe('2026-03-06');
    expect(
      dueDate(
        { scheduledDate: null, lastInteractionAt: new Date('2024-02-15T10:00:00Z'), cadenceDays: 14 },
        utc('2024-03-09'),
      ),
    ).toBe('2024-02-29');
  });

  it('lets a scheduled date win, even without a cadence', () => {
    expect(
      dueDate(
        { scheduledDate: '2026-04-01', lastInteractionAt: '2026-02-20T10:00:00Z', cadenceDays: 14 },
        utc('2026-03-09'),
      ),
    ).toBe('2026-04-01');
    expect(
      dueDate({ scheduledDate: '2026-04-01', lastInteractionAt: null, cadenceDays: null }, utc('2026-03-09')),
    ).toBe('2026-04-01');
  });

  it('makes a never-contacted contact with a cadence due today', () => {
    expect(
      dueDate({ scheduledDate: null, lastInteractionAt: null, cadenceDays: 14 }, utc('2026-03-09')),
    ).toBe('2026-03-09');
  });

  it('has no due date without a cadence or schedule', () => {
    expect(
      dueDate(
        { scheduledDate: null, lastInteractionAt: '2026-02-20T10:00:00Z', cadenceDays: null },
        utc('2026-03-09'),
      ),
    ).toBeNull();
  });

  it('rejects impossible dates, unzoned times and bad cadences', () => {
    const day = utc('2026-03-09');
    expect(() =>
      dueDate({ scheduledDate: '2026-02-30', lastInteractionAt: null, cadenceDays: 14 }, day),
    ).toThrow('Invalid scheduled follow-up date: 2026-02-30 does not exist');
    expect(() =>
      dueDate({ scheduledDate: null, lastInteractionAt: 'yesterday', cadenceDays: 14 }, day),
    ).toThrow('is not an ISO-8601 time');
    expect(() =>
      dueDate({ scheduledDate: null, lastInteractionAt: null, cadenceDays: Number.NaN }, day),
    ).toThrow('Invalid cadence NaN');
    expect(() =>
      dueDate({ scheduledDate: null, lastInteractionAt: null, cadenceDays: 14 }, utc('2026-13-01')),
    ).toThrow('Invalid today');
    expect(() =>
      dueDate(
        { scheduledDate: null, lastInteractionAt: '2026-02-20T10:00:00Z', cadenceDays: 14 },
        { today: '2026-03-09', timeZone: 'Nowhere' },
      ),
    ).toThrow('Invalid time zone "Nowhere"');
  });
});

describe('followUpStatus', () => {
  it.each([
    ['2026-03-08', 'overdue'],
    ['2026-03-09', 'due'],
    ['2026-03-10', 'soon'],
    ['2026-03-12', 'soon'],
    ['2026-03-13', 'ok'],
    [null, 'none'],
  ] as const)('due %s on 2026-03-09 -> %s', (due, status) => {
    expect(followUpStatus(due, '2026-03-09')).toBe(status);
  });

  it('rejects an impossible due date', () => {
    expect(() => followUpStatus('2026-02-30', '2026-03-09')).toThrow('Invalid due date');
  });
});

describe('followUpState counts days in the user time zone', () => {
  // 06:00 UTC on Feb 24 is 14:00 in Shanghai (Feb 24) but 22:00 on Feb 23 in Los Angeles (PST).
  const contact = {
    tier: 'A' as const,
    hasOpenOpportunity: false,
    scheduledDate: null,
    lastInteractionAt: '2026-02-24T06:00:00Z',
  };

  it('on the evening of Mar 9 UTC', () => {
    // 20:00 UTC Mar 9 = 04:00 Mar 10 in Shanghai = 13:00 Mar 9 in Los Angeles (PDT since Mar 8).
    const now = new Date('2026-03-09T20:00:00Z');
    expect(followUpState(contact, { now, timeZone: 'UTC' }, cadence)).toEqual({
      cadenceDays: 14,
      due: '2026-03-10',
      status: 'soon',
      today: '2026-03-09',
    });
    expect(followUpState(contact, { now, timeZone: 'Asia/Shanghai' }, cadence)).toEqual({
      cadenceDays: 14,
      due: '2026-03-10',
      status: 'due',
      today: '2026-03-10',
    });
    expect(followUpState(contact, { now, timeZone: 'America/Los_Angeles' }, cadence)).toEqual({
      cadenceDays: 14,
      due: '2026-03-09',
      status: 'due',
      today: '2026-03-09',
    });
  });

  it('just after midnight in Los Angeles', () => {
    const now = new Date('2026-03-10T07:30:00Z'); // 00:30 Mar 10 in Los Angeles
    expect(followUpState(contact, { now, timeZone: 'America/Los_Angeles' }, cadence).status).toBe('overdue');
    expect(followUpState(contact, { now, timeZone: 'UTC' }, cadence).status).toBe('due');
    expect(followUpState(contact, { now, timeZone: 'Asia/Shanghai' }, cadence).status).toBe('due');
  });

  it('treats tier none without an opportunity as no follow-up', () => {
    const now = new Date('2026-03-09T20:00:00Z');
    expect(followUpState({ ...contact, tier: 'none' }, { now, timeZone: 'UTC' }, cadence)).toEqual({
      cadenceDays: null,
      due: null,
      status: 'none',
      today: '2026-03-09',
    });
    expect(
      followUpState(
        { ...contact, tier: 'none', hasOpenOpportunity: true, lastInteractionAt: null },
        { now, timeZone: 'UTC' },
        cadence,
      ).status,
    ).toBe('due');
  });
});

describe('sortFollowUps', () => {
  it('orders overdue first, then tier, churn risk, due date and id', () => {
    const items: FollowUpSortKey[] = [
      { id: 'ok-a', status: 'ok', tier: 'A', due: '2026-04-01' },
      { id: 'due-b', status: 'due', tier: 'B', due: '2026-03-09' },
      { id: 'over-d', status: 'overdue', tier: 'D', due: '2026-01-01' },
      { id: 'over-a-late', status: 'overdue', tier: 'A', due: '2026-03-08' },
      { id: 'over-a-early', status: 'overdue', tier: 'A', due: '2026-02-01' },
      { id: 'over-a-risky', status: 'overdue', tier: 'A', churnRisk: 0.9, due: '2026-03-08' },
      { id: 'over-a-safe', status: 'overdue', tier: 'A', churnRisk: 0.1, due: '2026-03-08' },
      { id: 'over-a-nan', status: 'overdue', tier: 'A', churnRisk: Number.NaN, due: '2026-03-08' },
      { id: 'none-none', status: 'none', tier: 'none', due: null },
      { id: 'soon-none', status: 'soon', tier: 'none', due: '2026-03-10' },
      { id: 'due-b2', status: 'due', tier: 'B', due: '2026-03-09' },
    ];
    expect(sortFollowUps(items).map((i) => i.id)).toEqual([
      'over-a-risky',
      'over-a-safe',
      'over-a-early',
      'over-a-late',
      'over-a-nan',
      'over-d',
      'ok-a',
      'due-b',
      'due-b2',
      'soon-none',
      'none-none',
    ]);
    expect(items[0]?.id).toBe('ok-a'); // the input is not reordered
  });
});
