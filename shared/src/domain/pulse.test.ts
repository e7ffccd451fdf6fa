import { describe, expect, it } from 'vitest';
import { type PulseScore, pulseDue, pulseTrend, visibleComments, weekOf } from './pulse.ts';

const p = (
  userId: string,
  date: string,
  score: number,
  comment: string | null = null,
  shared = false,
): PulseScore => ({
  userId,
  date,
  score,
  comment,
  shared,
});

describe('pulse', () => {
  it('weeks start on Monday', () => {
    expect(weekOf('2026-03-16')).toBe('2026-03-16'); // a Monday
    expect(weekOf('2026-03-22')).toBe('2026-03-16'); // the Sunday after
    expect(weekOf('2026-03-01')).toBe('2026-02-23'); // a Sunday: back into February
  });

  it('averages each employee once per period (their latest score)', () => {
    const { byWeek, byMonth } = pulseTrend([
      p('a', '2026-03-16', 2),
      p('a', '2026-03-18', 4), // replaces a's 2 in that week
      p('b', '2026-03-17', 5),
      p('a', '2026-03-23', 3),
    ]);
    expect(byWeek).toEqual([
      { period: '2026-03-16', average: 4.5, count: 2 }, // (4 + 5) / 2
      { period: '2026-03-23', average: 3, count: 1 },
    ]);
    expect(byMonth).toEqual([{ period: '2026-03', average: 4, count: 2 }]); // a's latest 3, b's 5
  });

  it('shows comments to their author, and others only when shared', () => {
    const scores = [
      p('a', '2026-03-16', 2, 'tired'),
      p('b', '2026-03-16', 4, 'good week', true),
      p('c', '2026-03-16', 3, 'private'),
    ];
    expect(visibleComments(scores, 'a').map((s) => s.comment)).toEqual(['tired', 'good week']);
    expect(visibleComments(scores, 'lead').map((s) => s.comment)).toEqual(['good week']);
  });

  it('is due once a week', () => {
    expect(pulseDue(null, '2026-03-18')).toBe(true);
    expect(pulseDue('2026-03-16', '2026-03-22')).toBe(false);
    expect(pulseDue('2026-03-15', '2026-03-16')).toBe(true);
  });
});
