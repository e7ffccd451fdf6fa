import { type FollowUpState, followUpState } from '@rapport/shared/domain/followup';
import {
  indexCandidates,
  type LinkKeys,
  linkKeys,
  suggestLinks,
} from '@rapport/shared/domain/link-suggestions';
import { isOpenTicket } from '@rapport/shared/domain/tickets';
import type { Tier } from '@rapport/shared/domain/tiers';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import { OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import type { BadgeData } from '@rapport/shared/sync/messages';
import type { OpenTicket } from '@rapport/shared/sync/service-messages';
import Dexie from 'dexie';
import { liveData } from '../records.ts';
import type { RapportDB } from '../schema.ts';
import type { ReadContext } from './context.ts';
import { badgeWithTasks, openTasksByContact } from './tasks.ts';

/** Everything known about a contact that badges, cards and follow-up lists show. */
export interface PersonSummary {
  badge: BadgeData;
  contact: Contact;
  customer: Customer | null;
  metrics: CustomerMetrics | null;
  lastInteraction: Interaction | null;
  followUp: FollowUpState;
  tier: Tier;
}

const OPEN = new Set<string>(OPEN_OPPORTUNITY_STAGES);
const MAX_SUGGESTIONS = 3;

function byId<T extends { id: string }>(rows: Iterable<T>): Map<string, T> {
  return new Map([...rows].map((r) => [r.id, r]));
}

/** The newest live interaction of a contact ([contactId+at] index holds live rows only). */
export async function lastInteraction(db: RapportDB, contactId: string): Promise<Interaction | null> {
  const record = await db.interactions
    .where('[contactId+at]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .last();
  return liveData(record);
}

type Suggestion = BadgeData['suggestions'][number];

/** Customers a contact could be linked to, by the shared rule (same name, work-email domain, company). */
async function suggestionsFor(db: RapportDB, contacts: Contact[]): Promise<Map<string, Suggestion[]>> {
  const unlinked = contacts.filter((c) => c.customerId === null);
  const out = new Map<string, Suggestion[]>();
  if (unlinked.length === 0) return out;
  const companies = byId(
    (
      await db.companies.bulkGet([
        ...new Set(unlinked.map((c) => c.companyId).filter((id): id is string => id !== null)),
      ])
    )
      .map(liveData)
      .filter((c) => c !== null),
  );
  const keys = new Map(
    unlinked.map((c) => [c.id, linkKeys(c, c.companyId ? (companies.get(c.companyId)?.name ?? null) : null)]),
  );
  const names = [...new Set([...keys.values()].flatMap((k) => [k.name, k.company]).filter((k) => k !== ''))];
  const domains = [...new Set([...keys.values()].flatMap((k) => k.domains))];
  const [byName, byDomain] = await Promise.all([
    names.length ? db.customers.where('nameKey').anyOf(names).toArray() : [],
    domains.length ? db.customers.where('domains').anyOf(domains).toArray() : [],
  ]);
  const index = indexCandidates(
    byId([...byName, ...byDomain].map(liveData).filter((c) => c !== null)).values(),
  );
  for (const contact of unlinked) {
    const found = suggestLinks(keys.get(contact.id) as LinkKeys, index).slice(0, MAX_SUGGESTIONS);
    out.set(
      contact.id,
      found.map(({ customer, reason }) => ({
        customerId: customer.id,
        name: customer.name,
        externalId: customer.externalId,
        reason,
      })),
    );
  }
  return out;
}

/**
 * Summaries of many contacts with a handful of bulk reads; run it inside one read transaction
 * (lookups of hundreds of people on a page are one message and one transaction).
 */
export async function summarise(
  db: RapportDB,
  contacts: Contact[],
  ctx: ReadContext,
): Promise<PersonSummary[]> {
  if (contacts.length === 0) return [];
  const customerIds = [
    ...new Set(contacts.map((c) => c.customerId).filter((id): id is string => id !== null)),
  ];
  const contactIds = contacts.map((c) => c.id);
  const [customerRecords, metricRecords, opportunities] = await Promise.all([
    db.customers.bulkGet(customerIds),
    db.customerMetrics.bulkGet(customerIds),
    Promise.all([
      db.opportunities.where('contactId').anyOf(contactIds).toArray(),
      customerIds.length ? db.opportunities.where('customerId').anyOf(customerIds).toArray() : [],
    ]),
  ]);
  const openTickets = await openTicketsOf(db, contactIds, customerIds);
  const openTasks = await openTasksByContact(db, contactIds, ctx);
  const customers = byId(customerRecords.map(liveData).filter((c) => c !== null));
  const metrics = new Map(
    metricRecords.flatMap((r) => (r?.data ? [[r.data.customerId, r.data] as const] : [])),
  );
  const openFor = new Set<string>();
  for (const r of opportunities.flat()) {
    const o = liveData(r);
    if (!o || !OPEN.has(o.stage)) continue;
    if (o.contactId) openFor.add(o.contactId);
    if (o.customerId) openFor.add(o.customerId);
  }
  const suggestions = await suggestionsFor(db, contacts);
  const lasts = await Promise.all(contacts.map((c) => lastInteraction(db, c.id)));
  const out: PersonSummary[] = [];
  for (const [i, contact] of contacts.entries()) {
    const customer = contact.customerId ? (customers.get(contact.customerId) ?? null) : null;
    const m = customer ? (metrics.get(customer.id) ?? null) : null;
    const tier: Tier = m?.tier ?? 'none';
    const last = lasts[i] ?? null;
    const followUp = followUpState(
      {
        tier,
        hasOpenOpportunity: openFor.has(contact.id) || (customer !== null && openFor.has(customer.id)),
        scheduledDate: contact.followUpOn,
        lastInteractionAt: last?.at ?? null,
      },
      { now: ctx.now, timeZone: ctx.timeZone },
      ctx.team.cadenceDays,
    );
    out.push({
      contact,
      customer,
      metrics: m,
      lastInteraction: last,
      followUp,
      tier,
      badge: badgeWithTasks(
        {
          contactId: contact.id,
          name: contact.name,
          customerId: customer?.id ?? null,
          customerName: customer?.name ?? null,
          tier: customer ? tier : null,
          revenue: m?.revenue ?? null,
          profit: m?.profit ?? null,
          currency: customer ? (customer.currency ?? ctx.team.currency) : null,
          window: m?.window ?? null,
          followUp: { status: followUp.status, dueOn: followUp.due },
          suggestions: suggestions.get(contact.id) ?? [],
          ...withOpenTickets(openTickets, contact.id, customer?.id ?? null),
        },
        openTasks.get(contact.id),
        ctx,
      ),
    });
  }
  return out;
}

/** Unresolved tickets by contact id and by customer id (live rows only). */
async function openTicketsOf(
  db: RapportDB,
  contactIds: string[],
  customerIds: string[],
): Promise<Map<string, OpenTicket[]>> {
  const rows = [
    ...(await db.tickets.where('contactId').anyOf(contactIds).toArray()),
    ...(customerIds.length ? await db.tickets.where('customerId').anyOf(customerIds).toArray() : []),
  ];
  const out = new Map<string, OpenTicket[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    const t = liveData(r);
    if (!t || !isOpenTicket(t) || seen.has(t.id)) continue;
    seen.add(t.id);
    const item = { id: t.id, title: t.title, severity: t.severity, status: t.status };
    for (const key of [t.contactId, t.customerId]) if (key) out.set(key, [...(out.get(key) ?? []), item]);
  }
  return out;
}

/** The badge's openTickets: the contact's and its customer's, once each; absent when there are none. */
function withOpenTickets(
  open: Map<string, OpenTicket[]>,
  contactId: string,
  customerId: string | null,
): { openTickets?: OpenTicket[] } {
  const list = [...(open.get(contactId) ?? []), ...(customerId ? (open.get(customerId) ?? []) : [])];
  const unique = [...new Map(list.map((t) => [t.id, t])).values()];
  return unique.length > 0 ? { openTickets: unique } : {};
}
