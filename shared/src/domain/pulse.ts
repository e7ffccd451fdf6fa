import { compareCodeUnits, getOrInsert } from './collections.ts';
import { addDays, type IsoDate, monthKey, weekdayOf } from './dates.ts';

/** What the pulse rules read of one score. */
export interface PulseScore {
  userId: string;
  date: IsoDate;
  score: number;
  comment: string | null;
  shared: boolean;
}

/** The Monday starting the week of `date` (ISO weeks). */
export const weekOf = (date: IsoDate): IsoDate => addDays(date, -((weekdayOf(date) + 6) % 7));

export interface PulsePeriod {
  /** The week's Monday, or the month "YYYY-MM". */
  period: string;
  /** Mean of the scores (1–5); each employee's latest score in the period counts once. */
  average: number;
  /** How many employees answered. */
  count: number;
}

function averages(scores: readonly PulseScore[], key: (d: IsoDate) => string): PulsePeriod[] {
  // One voice per employee and period: the latest score they gave in it.
  const latest = new Map<string, Map<string, PulseScore>>();
  for (const s of scores) {
    const byUser = getOrInsert(latest, key(s.date), () => new Map<string, PulseScore>());
    const held = byUser.get(s.userId);
    if (!held || held.date <= s.date) byUser.set(s.userId, s);
  }
  return [...latest]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([period, byUser]) => {
      const values = [...byUser.values()].map((s) => s.score);
      return { period, average: values.reduce((a, b) => a + b, 0) / values.length, count: values.length };
    });
}

/** The team's pulse by week and by month: averages and counts only, never whose score is whose. */
export function pulseTrend(scores: readonly PulseScore[]): { byWeek: PulsePeriod[]; byMonth: PulsePeriod[] } {
  return { byWeek: averages(scores, weekOf), byMonth: averages(scores, monthKey) };
}

/** The comments `viewerId` may read: their own, and others' only when shared. */
export function visibleComments<T extends PulseScore>(scores: readonly T[], viewerId: string): T[] {
  return scores.filter((s) => s.comment !== null && (s.userId === viewerId || s.shared));
}

/** A weekly reminder is due when the user has no score in the current week (Monday-based). */
export function pulseDue(lastDate: IsoDate | null, today: IsoDate): boolean {
  return lastDate === null || weekOf(lastDate) < weekOf(today);
}
