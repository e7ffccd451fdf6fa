import {
  FOLLOW_UP_STATUSES,
  type FollowUpState,
  type FollowUpStatus,
  followUpState,
} from '@rapport/shared/domain/followup';
import type { Tier } from '@rapport/shared/domain/tiers';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { type CadenceDays, OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { teamSettingsOf } from '../accounts/settings.ts';
import type { Clock } from '../lib/clock.ts';
import type { Store, User } from '../store/store.ts';
import { memberIndex } from './reps.ts';

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);
/** Most urgent first: a customer's status is the most urgent of its contacts'. */
const URGENCY = new Map(FOLLOW_UP_STATUSES.map((s, i) => [s, i]));

export interface ContactFollowUp {
  contact: Contact;
  status: FollowUpStatus;
  due: string | null;
  lastInteractionAt: string | null;
}

export interface CustomerFollowUp {
  status: FollowUpStatus;
  /** The earliest due day among its contacts. */
  due: string | null;
}

export interface TeamFollowUps {
  contacts: Map<string, ContactFollowUp>;
  customers: Map<string, CustomerFollowUp>;
  /** Per customer, the last interaction with any of its contacts. */
  lastInteraction: Map<string, string>;
}

/** The newest of two instants (ISO strings compare in time order); null when neither. */
const newest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** The more urgent of two follow-up states (overdue before due before soon before ok before none). */
export function moreUrgent(a: CustomerFollowUp, b: CustomerFollowUp): CustomerFollowUp {
  const ra = URGENCY.get(a.status) ?? 99;
  const rb = URGENCY.get(b.status) ?? 99;
  if (ra !== rb) return ra < rb ? a : b;
  if (a.due === null) return b;
  if (b.due === null) return a;
  return a.due <= b.due ? a : b;
}

/** A live contact with its follow-up state, as both follow-up views read it. */
export interface ContactFollowUpState {
  contact: Contact;
  /** The contact's owner, when the team still has them. */
  owner: User | undefined;
  tier: Tier;
  timeZone: string;
  lastInteractionAt: string | null;
  state: FollowUpState;
}

/**
 * Follow-up state of every live contact (of `ownerId` when given), by the shared followUpState:
 * cadence from the linked customer's tier, due from the scheduled day or the last interaction, days in
 * the contact owner's time zone (UTC when they set none), none while an opportunity is open.
 */
export async function contactFollowUpStates(
  store: Store,
  clock: Clock,
  teamId: string,
  ownerId?: string,
): Promise<ContactFollowUpState[]> {
  const settings = await teamSettingsOf(store, teamId);
  const [contacts, tiers, last, opportunities, members] = await Promise.all([
    store.rowQueries.live<Contact>(teamId, 'contact', ownerId === undefined ? {} : { ownerId }),
    store.customerMetrics.tiers(teamId),
    store.rowQueries.lastInteractionByContact(teamId),
    store.rowQueries.live<Opportunity>(teamId, 'opportunity'),
    memberIndex(store, teamId),
  ]);
  return followUpStatesOf(contacts, tiers, last, opportunities, members, clock.now(), settings.cadenceDays);
}

function followUpStatesOf(
  contacts: readonly Contact[],
  tiers: ReadonlyMap<string, string>,
  last: ReadonlyMap<string, string>,
  opportunities: readonly Opportunity[],
  members: ReadonlyMap<string, User>,
  now: Date,
  cadenceDays: CadenceDays,
): ContactFollowUpState[] {
  const withOpen = new Set(
    opportunities.filter((o) => OPEN.has(o.stage) && o.contactId !== null).map((o) => o.contactId as string),
  );
  return contacts.map((contact) => {
    const owner = contact.ownerId ? members.get(contact.ownerId) : undefined;
    const timeZone = owner?.timeZone ?? 'UTC';
    const tier = ((contact.customerId ? tiers.get(contact.customerId) : undefined) ?? 'none') as Tier;
    const lastInteractionAt = last.get(contact.id) ?? null;
    const state = followUpState(
      {
        tier,
        hasOpenOpportunity: withOpen.has(contact.id),
        scheduledDate: contact.followUpOn,
        lastInteractionAt,
      },
      { now, timeZone },
      cadenceDays,
    );
    return { contact, owner, tier, timeZone, lastInteractionAt, state };
  });
}

/**
 * Follow-up state of every live contact (contactFollowUpStates), and per customer the most urgent
 * state of its linked contacts. Customers without contacts have none.
 */
export async function teamFollowUps(store: Store, clock: Clock, teamId: string): Promise<TeamFollowUps> {
  return byCustomer(await contactFollowUpStates(store, clock, teamId));
}

/**
 * `teamFollowUps` for some customers only (the customers report's page): their live contacts, their
 * stored tiers, those contacts' last interactions and open opportunities. Same rule, same answers.
 */
export async function customerFollowUps(
  store: Store,
  clock: Clock,
  teamId: string,
  customerIds: readonly string[],
): Promise<TeamFollowUps> {
  const settings = await teamSettingsOf(store, teamId);
  const [contacts, stored, members] = await Promise.all([
    store.rowQueries.liveLinked<Contact>(teamId, 'contact', 'customer_id', customerIds),
    store.customerMetrics.churnInputsOf(teamId, customerIds),
    memberIndex(store, teamId),
  ]);
  const contactIds = contacts.map((c) => c.id);
  const [last, opportunities] = await Promise.all([
    store.rowQueries.lastInteractionOf(teamId, contactIds),
    store.rowQueries.liveLinked<Opportunity>(teamId, 'opportunity', 'contact_id', contactIds),
  ]);
  const tiers = new Map([...stored].map(([id, s]) => [id, s.tier]));
  return byCustomer(
    followUpStatesOf(contacts, tiers, last, opportunities, members, clock.now(), settings.cadenceDays),
  );
}

function byCustomer(states: readonly ContactFollowUpState[]): TeamFollowUps {
  const byContact = new Map<string, ContactFollowUp>();
  const customers = new Map<string, CustomerFollowUp>();
  const lastByCustomer = new Map<string, string>();
  for (const { contact: c, state, lastInteractionAt } of states) {
    byContact.set(c.id, { contact: c, status: state.status, due: state.due, lastInteractionAt });
    if (c.customerId) {
      const mine = { status: state.status, due: state.due };
      const seen = customers.get(c.customerId);
      customers.set(c.customerId, seen ? moreUrgent(seen, mine) : mine);
      const latest = newest(lastByCustomer.get(c.customerId) ?? null, lastInteractionAt);
      if (latest !== null) lastByCustomer.set(c.customerId, latest);
    }
  }
  return { contacts: byContact, customers, lastInteraction: lastByCustomer };
}
