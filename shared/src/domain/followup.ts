import { type CadenceDays, checkCadenceDays } from '../settings.ts';
import { compareCodeUnits } from './collections.ts';
import { addDays, assertIsoDate, daysBetween, type IsoDate, localDate, todayIn } from './dates.ts';
import type { Tier } from './tiers.ts';

export const FOLLOW_UP_STATUSES = ['overdue', 'due', 'soon', 'ok', 'none'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** "Soon" means due within this many days after today. */
export const SOON_DAYS = 3;

/** Days between follow-ups for a tier; tier none has one only while an opportunity is open. */
export function cadenceFor(tier: Tier, hasOpenOpportunity: boolean, cadenceDays: CadenceDays): number | null {
  const cadence = checkCadenceDays(cadenceDays);
  if (tier === 'none') return hasOpenOpportunity ? cadence.noneWithOpenOpportunity : null;
  return cadence[tier];
}

export interface DueDateInput {
  /** An explicit follow-up date (set by scheduling or snoozing); wins over the cadence. */
  scheduledDate: IsoDate | null;
  /** The latest interaction of any kind, either direction (ISO instant with zone). */
  lastInteractionAt: string | Date | null;
  cadenceDays: number | null;
}

/** The user's day and zone: days are counted in the user's time zone. */
export interface LocalDay {
  today: IsoDate;
  timeZone: string;
}

/**
 * The follow-up due date: the scheduled date when set; else the local day of the last
 * interaction + cadence. A contact with a cadence that was never contacted is due today (now, not
 * at some invented past date), so it shows as "due" until someone reaches out. No cadence -> null.
 */
export function dueDate(input: DueDateInput, day: LocalDay): IsoDate | null {
  assertIsoDate(day.today, 'today');
  if (input.scheduledDate !== null) return assertIsoDate(input.scheduledDate, 'scheduled follow-up date');
  if (input.cadenceDays === null) return null;
  if (!Number.isInteger(input.cadenceDays) || input.cadenceDays < 1) {
    throw new RangeError(`Invalid cadence ${input.cadenceDays}: expected a whole number of days ≥ 1`);
  }
  if (input.lastInteractionAt === null) return day.today;
  return addDays(localDate(input.lastInteractionAt, day.timeZone), input.cadenceDays);
}

/** overdue (before today), due (today), soon (within SOON_DAYS), ok (later), none (no due date). */
export function followUpStatus(due: IsoDate | null, today: IsoDate, soonDays = SOON_DAYS): FollowUpStatus {
  assertIsoDate(today, 'today');
  if (due === null) return 'none';
  const days = daysBetween(today, assertIsoDate(due, 'due date'));
  return days < 0 ? 'overdue' : days === 0 ? 'due' : days <= soonDays ? 'soon' : 'ok';
}

export interface FollowUpInput {
  tier: Tier;
  hasOpenOpportunity: boolean;
  scheduledDate: IsoDate | null;
  lastInteractionAt: string | Date | null;
}

export interface FollowUpState {
  cadenceDays: number | null;
  due: IsoDate | null;
  status: FollowUpStatus;
  today: IsoDate;
}

/** Cadence, due date and status of one contact at `now` in the user's time zone. */
export function followUpState(
  contact: FollowUpInput,
  clock: { now: Date; timeZone: string },
  cadenceDays: CadenceDays,
): FollowUpState {
  const today = todayIn(clock.timeZone, clock.now);
  const cadence = cadenceFor(contact.tier, contact.hasOpenOpportunity, cadenceDays);
  const due = dueDate(
    {
      scheduledDate: contact.scheduledDate,
      lastInteractionAt: contact.lastInteractionAt,
      cadenceDays: cadence,
    },
    { today, timeZone: clock.timeZone },
  );
  return { cadenceDays: cadence, due, status: followUpStatus(due, today), today };
}

export interface FollowUpSortKey {
  id: string;
  status: FollowUpStatus;
  tier: Tier;
  /** 0–1 when a churn model knows it; higher sorts first. */
  churnRisk?: number | null;
  due: IsoDate | null;
}

const TIER_RANK: Record<Tier, number> = { A: 0, B: 1, C: 2, D: 3, none: 4 };
const known = (risk: number | null | undefined): risk is number =>
  typeof risk === 'number' && Number.isFinite(risk);

/** Overdue first, then tier A > B > C > D > none, then churn risk (known, highest first), then due date, then id. */
export function sortFollowUps<T extends FollowUpSortKey>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const overdue = Number(b.status === 'overdue') - Number(a.status === 'overdue');
    if (overdue !== 0) return overdue;
    const tier = TIER_RANK[a.tier] - TIER_RANK[b.tier];
    if (tier !== 0) return tier;
    const riskA = known(a.churnRisk) ? a.churnRisk : null;
    const riskB = known(b.churnRisk) ? b.churnRisk : null;
    if (riskA !== riskB) {
      if (riskA === null) return 1;
      if (riskB === null) return -1;
      return riskB - riskA;
    }
    if (a.due !== b.due) {
      if (a.due === null) return 1;
      if (b.due === null) return -1;
      return a.due < b.due ? -1 : 1;
    }
    return compareCodeUnits(a.id, b.id);
  });
}
