import { addDays, todayIn } from '@rapport/shared/domain/dates';
import type { FollowUpStatus } from '@rapport/shared/domain/followup';
import { SOON_DAYS } from '@rapport/shared/domain/followup';
import { type Greeting, upcomingGreetings } from '@rapport/shared/domain/greetings';
import type { Contact } from '@rapport/shared/schemas/contact';
import { OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import type { FollowUpItem } from '@rapport/shared/sync/messages';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';
import { churnScoreToday, orderFollowUps } from './followup-order.ts';
import { type PersonSummary, summarise } from './people.ts';

export interface FollowUpOptions {
  limit: number;
  /** Also list what falls due within the next SOON_DAYS days. */
  includeSoon: boolean;
}

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);

/** 'MM-DD' keys of the days from today through today + days (Feb 29 birthdays fall on Feb 28 in other years). */
function birthdayKeys(today: string, days: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i <= days; i++) {
    const key = addDays(today, i).slice(5);
    keys.push(key);
    if (key === '02-28') keys.push('02-29');
  }
  return keys;
}

/** Contacts that can have a follow-up at all: a tiered customer, a scheduled date, an open opportunity. */
async function candidates(
  db: RapportDB,
  ctx: ReadContext,
  days: number,
): Promise<{ cadence: Contact[]; birthdays: Contact[] }> {
  const tiered = (await db.customerMetrics.toArray()).flatMap((r) =>
    r.data && r.data.tier !== 'none' ? [r.id] : [],
  );
  const opportunities = (await db.opportunities.toArray())
    .map(liveData)
    .filter((o) => o !== null && OPEN.has(o.stage));
  const customerIds = [
    ...new Set([...tiered, ...opportunities.flatMap((o) => (o?.customerId ? [o.customerId] : []))]),
  ];
  const contactIds = opportunities.flatMap((o) => (o?.contactId ? [o.contactId] : []));
  const records = [
    ...(customerIds.length ? await db.contacts.where('customerId').anyOf(customerIds).toArray() : []),
    ...(await db.contacts.where('followUpOn').aboveOrEqual('').toArray()),
    ...(await db.contacts.bulkGet(contactIds)),
  ];
  const cadence = new Map<string, Contact>();
  for (const r of records) {
    const c = liveData(r);
    if (c) cadence.set(c.id, c);
  }
  const birthdayRecords = await db.contacts
    .where('birthdayKey')
    .anyOf(birthdayKeys(todayIn(ctx.timeZone, ctx.now), days))
    .toArray();
  return {
    cadence: [...cadence.values()],
    birthdays: birthdayRecords.map(liveData).filter((c): c is Contact => c !== null),
  };
}

/** Reps see their own contacts and customers (and unowned ones); leads and admins see the team's. */
function visibleTo(ctx: ReadContext): (s: PersonSummary) => boolean {
  const me = ctx.account?.user;
  if (me?.role !== 'rep') return () => true;
  return ({ contact, customer }) => {
    const owner = contact.ownerId ?? customer?.ownerId ?? null;
    return owner === null || owner === me?.id || customer?.ownerId === me?.id;
  };
}

/**
 * Follow-ups overdue and due today (and soon, when asked), plus birthdays in that span, in
 * orderFollowUps' order: overdue first, then tier value × churn score, then tier, then due date.
 */
export async function listFollowUps(
  db: RapportDB,
  ctx: ReadContext,
  options: FollowUpOptions,
): Promise<FollowUpItem[]> {
  const days = options.includeSoon ? SOON_DAYS : 0;
  const wanted = new Set<FollowUpStatus>(
    options.includeSoon ? ['overdue', 'due', 'soon'] : ['overdue', 'due'],
  );
  return db.transaction('r', db.tables, async () => {
    const { cadence, birthdays } = await candidates(db, ctx, days);
    const visible = visibleTo(ctx);
    const all = new Map([...cadence, ...birthdays].map((c) => [c.id, c]));
    const summaries = new Map(
      (await summarise(db, [...all.values()], ctx)).filter(visible).map((s) => [s.contact.id, s]),
    );
    type Item = FollowUpItem & {
      id: string;
      due: string | null;
      tier: PersonSummary['tier'];
      churnScore: number | null;
    };
    const items: Item[] = [];
    const item = (
      s: PersonSummary,
      status: FollowUpStatus,
      dueOn: string | null,
      greeting: string | null,
    ): Item => ({
      id: `${s.contact.id}${greeting ? `:${greeting}` : ''}`,
      due: dueOn,
      contactId: s.contact.id,
      name: s.contact.name,
      customerName: s.customer?.name ?? null,
      tier: s.tier,
      churnScore: churnScoreToday(s.metrics, ctx),
      status,
      dueOn,
      greeting,
    });
    for (const c of cadence) {
      const s = summaries.get(c.id);
      if (s && wanted.has(s.followUp.status)) items.push(item(s, s.followUp.status, s.followUp.due, null));
    }
    const greetings = upcomingGreetings({
      contacts: birthdays,
      holidays: [],
      now: ctx.now,
      timeZone: ctx.timeZone,
      days,
    });
    for (const g of greetings) {
      const s = g.kind === 'birthday' ? summaries.get(g.contactId) : undefined;
      if (s) items.push(item(s, g.daysAway === 0 ? 'due' : 'soon', g.date, 'birthday'));
    }
    return orderFollowUps(items)
      .slice(0, options.limit)
      .map(({ id: _id, due: _due, churnScore: _c, ...rest }) => rest);
  });
}

/** The team's holidays from today through today + days. */
export function upcomingHolidays(ctx: ReadContext, days: number): Extract<Greeting, { kind: 'holiday' }>[] {
  return upcomingGreetings({
    contacts: [],
    holidays: ctx.team.holidays,
    now: ctx.now,
    timeZone: ctx.timeZone,
    days,
  }).filter((g): g is Extract<Greeting, { kind: 'holiday' }> => g.kind === 'holiday');
}
