import { describe, expect, it } from 'vitest';
import { nextBirthday } from './birthday.ts';
import { parseBirthday as fromGreetings } from './greetings.ts';

describe('nextBirthday', () => {
  it('counts days to this year’s birthday, or next year’s once it has passed', () => {
    // 2026-12-07 → 2026-12-10 is 3 days; 03-01 has passed, so 2027-03-01: 24 days of December + 31 + 28 + 1 = 84.
    expect(nextBirthday('12-10', '2026-12-07')).toEqual({ date: '2026-12-10', daysAway: 3, turns: null });
    expect(nextBirthday('03-01', '2026-12-07')).toEqual({ date: '2027-03-01', daysAway: 84, turns: null });
    expect(nextBirthday('12-07', '2026-12-07')).toEqual({ date: '2026-12-07', daysAway: 0, turns: null });
  });

  it('names the age reached when the year is known', () => {
    expect(nextBirthday('1980-12-10', '2026-12-07')).toEqual({ date: '2026-12-10', daysAway: 3, turns: 46 });
    expect(nextBirthday('1990-01-02', '2026-12-30')).toEqual({ date: '2027-01-02', daysAway: 3, turns: 37 });
  });

  it('puts Feb 29 on Feb 28 outside leap years and on Feb 29 in them', () => {
    expect(nextBirthday('02-29', '2027-02-20')).toEqual({ date: '2027-02-28', daysAway: 8, turns: null });
    expect(nextBirthday('2000-02-29', '2028-02-20')).toEqual({ date: '2028-02-29', daysAway: 9, turns: 28 });
  });

  it('has none for a birthday that is invalid or not yet reached', () => {
    expect(nextBirthday('13-01', '2026-12-07')).toBeNull();
    expect(nextBirthday('2028-05-01', '2026-12-07')).toBeNull();
  });

  it('is the same parser greetings use', () => {
    expect(fromGreetings('1980-12-10')).toEqual({ year: 1980, month: 12, day: 10 });
  });
});
