// Test-only: a background that answers the shared commands from an in-memory list of people. Every
// request is checked with the shared zod schemas (parseMessage) and every answer too, so a content
// script that sends something the real background would refuse fails its test here.
import { newId } from '@rapport/shared/ids';
import type { Contact } from '@rapport/shared/schemas/contact';
import type { Customer } from '@rapport/shared/schemas/customer';
import type { Interaction } from '@rapport/shared/schemas/interaction';
import type { CustomerMetrics } from '@rapport/shared/schemas/metrics';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import { DEFAULT_STAGE_PROBABILITIES } from '@rapport/shared/settings';
import { DEFAULT_LOCAL_SETTINGS, type LocalSettings } from '@rapport/shared/sync/local-settings';
import {
  type BadgeData,
  type Message,
  type MessageType,
  parseMessage,
  parseMessageResponse,
} from '@rapport/shared/sync/messages';
import { contactFields } from '../../db/testing.ts';
import type { Send } from '../messaging.ts';

export const AUTHOR_ID = '0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c01';
const T = '2026-01-01T00:00:00.000Z';

export type FakePerson = {
  name: string;
  emails?: string[];
  linkedin?: string;
  x?: string;
  /** The customer's figures (tier A–D); omitted: no customer linked. */
  customer?: {
    id?: string;
    name: string;
    externalId: string | null;
    tier: BadgeData['tier'];
    profit: string;
    revenue: string;
  };
  followUp?: BadgeData['followUp'];
  suggestions?: BadgeData['suggestions'];
  interactions?: Array<Pick<Interaction, 'kind' | 'direction' | 'at' | 'subject' | 'summary'>>;
  /** The signed-in rep's open tasks about this person (badge.openTasks). */
  openTasks?: BadgeData['openTasks'];
};

type Stored = {
  contact: Contact;
  customer: Customer | null;
  metrics: CustomerMetrics | null;
  person: FakePerson;
};

export type FakeBackground = {
  send: Send;
  /** Every command sent, in order (validated). */
  calls: Message[];
  of<T extends MessageType>(type: T): Array<Message<T>>;
  settings: LocalSettings;
  /** Interactions logged through interaction.log and contact.capture notes. */
  logged: Interaction[];
  /** Opportunities created and changed through opportunity.create / opportunity.update. */
  opportunities: Opportunity[];
  /** Makes the next answers to `type` wait until release() is called. */
  hold(type: MessageType): { release(): void };
  /** Makes `type` fail with this error code. */
  fail(type: MessageType, code: string | null): void;
};

function customerOf(p: FakePerson): { customer: Customer; metrics: CustomerMetrics } | null {
  if (!p.customer) return null;
  const id = p.customer.id ?? newId();
  const customer: Customer = {
    id,
    createdAt: T,
    updatedAt: T,
    deletedAt: null,
    externalId: p.customer.externalId,
    name: p.customer.name,
    kind: 'person',
    domains: [],
    emails: [],
    ownerId: null,
    currency: 'USD',
  };
  const metrics: CustomerMetrics = {
    customerId: id,
    revenue: p.customer.revenue,
    profit: p.customer.profit,
    orders: 3,
    margin: null,
    tier: p.customer.tier ?? 'none',
    lastOrderAt: '2025-11-02',
    monthProfits: [],
    window: { from: '2024-12-01', to: '2025-12-01', asOf: '2025-11-30', historical: false },
  };
  return { customer, metrics };
}

function contactOf(p: FakePerson, customerId: string | null): Contact {
  return {
    ...contactFields({
      name: p.name,
      emails: p.emails ?? [],
      handles: [
        ...(p.linkedin ? [{ network: 'linkedin' as const, id: p.linkedin }] : []),
        ...(p.x ? [{ network: 'x' as const, id: p.x }] : []),
      ],
      customerId,
    }),
    id: newId(),
    createdAt: T,
    updatedAt: T,
    deletedAt: null,
  } as Contact;
}

export function fakeBackground(
  people: FakePerson[] = [],
  settings: Partial<LocalSettings> = {},
): FakeBackground {
  const store: Stored[] = people.map((person) => {
    const money = customerOf(person);
    return {
      person,
      customer: money?.customer ?? null,
      metrics: money?.metrics ?? null,
      contact: contactOf(person, money?.customer.id ?? null),
    };
  });
  const calls: Message[] = [];
  const logged: Interaction[] = [];
  const opportunities: Opportunity[] = [];
  const holds = new Map<MessageType, Promise<void>>();
  const failures = new Map<MessageType, string>();
  const state = { ...DEFAULT_LOCAL_SETTINGS, ...settings };

  const badge = (s: Stored): BadgeData => ({
    contactId: s.contact.id,
    name: s.contact.name,
    customerId: s.customer?.id ?? null,
    customerName: s.customer?.name ?? null,
    tier: s.metrics?.tier ?? null,
    revenue: s.metrics?.revenue ?? null,
    profit: s.metrics?.profit ?? null,
    currency: s.customer ? 'USD' : null,
    window: s.metrics?.window ?? null,
    followUp: s.person.followUp ?? { status: 'none', dueOn: null },
    suggestions: s.customer ? [] : (s.person.suggestions ?? []),
    ...(s.person.openTasks ? { openTasks: s.person.openTasks } : {}),
  });

  const find = (p: { email?: string; linkedin?: string; x?: string; name?: string }): Stored | null => {
    const email = p.email?.toLowerCase();
    const byId =
      store.find((s) => email && s.contact.emails.includes(email)) ??
      store.find(
        (s) => p.linkedin && s.contact.handles.some((h) => h.network === 'linkedin' && h.id === p.linkedin),
      ) ??
      store.find(
        (s) => p.x && s.contact.handles.some((h) => h.network === 'x' && h.id === p.x?.toLowerCase()),
      );
    if (byId) return byId;
    const named = store.filter((s) => p.name && s.contact.name === p.name);
    return named.length === 1 ? (named[0] ?? null) : null;
  };
  const byId = (id: string) => {
    const s = store.find((x) => x.contact.id === id);
    if (!s) throw Object.assign(new Error(`No contact ${id}`), { code: 'not_found' });
    return s;
  };
  const addLog = (
    contactId: string,
    entry: Pick<Interaction, 'kind' | 'channel' | 'direction'> & Partial<Interaction>,
  ) => {
    const i: Interaction = {
      id: newId(),
      createdAt: T,
      updatedAt: T,
      deletedAt: null,
      contactId,
      customerId: null,
      at: entry.at ?? '2026-01-02T09:00:00.000Z',
      subject: entry.subject ?? null,
      summary: entry.summary ?? null,
      body: null,
      sourceUrl: entry.sourceUrl ?? null,
      sourceKey: entry.sourceKey ?? null,
      authorId: AUTHOR_ID,
      supersedes: null,
      ...entry,
    };
    logged.push(i);
    return i;
  };

  const answer = (m: Message): unknown => {
    switch (m.type) {
      case 'settings.get':
        return { settings: state };
      case 'lookup.people':
        return { results: m.people.map((p) => (find(p) ? badge(find(p) as Stored) : null)) };
      case 'contact.get': {
        const s = byId(m.id);
        const own = logged.filter((i) => i.contactId === s.contact.id);
        const seeded = (s.person.interactions ?? []).map((i, n) => ({
          ...i,
          id: `0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9d${String(n).padStart(2, '0')}`,
          createdAt: T,
          updatedAt: T,
          deletedAt: null,
          contactId: s.contact.id,
          customerId: s.customer?.id ?? null,
          channel: 'email' as const,
          body: null,
          sourceUrl: null,
          sourceKey: null,
          authorId: AUTHOR_ID,
          supersedes: null,
        }));
        return {
          contact: s.contact,
          customer: s.customer,
          metrics: s.metrics,
          interactions: [...own.reverse(), ...seeded],
          badge: badge(s),
          open: { opportunities: 2, tickets: 1 },
        };
      }
      case 'contact.capture': {
        const existing = find({ ...m.person, name: undefined } as Parameters<typeof find>[0]);
        if (existing) return { contactId: existing.contact.id, created: false, merged: true };
        const person: FakePerson = {
          name: m.person.name,
          ...(m.person.email ? { emails: [m.person.email.toLowerCase()] } : {}),
          ...(m.person.linkedin ? { linkedin: m.person.linkedin } : {}),
          ...(m.person.x ? { x: m.person.x.toLowerCase() } : {}),
        };
        const stored: Stored = { person, customer: null, metrics: null, contact: contactOf(person, null) };
        store.push(stored);
        if (m.note)
          addLog(stored.contact.id, { kind: 'note', channel: 'other', direction: 'out', summary: m.note });
        return { contactId: stored.contact.id, created: true, merged: false };
      }
      case 'interaction.log': {
        byId(m.contactId);
        return {
          results: m.entries.map((e) => {
            const dup = e.sourceKey
              ? logged.find((i) => i.contactId === m.contactId && i.sourceKey === e.sourceKey)
              : undefined;
            if (dup) return { interactionId: dup.id, duplicate: true };
            const { at, subject, summary, sourceUrl, sourceKey, kind, channel, direction } = e;
            return {
              interactionId: addLog(m.contactId, {
                kind,
                channel,
                direction,
                ...(at ? { at } : {}),
                subject: subject ?? null,
                summary: summary ?? null,
                sourceUrl: sourceUrl ?? null,
                sourceKey: sourceKey ?? null,
              }).id,
              duplicate: false,
            };
          }),
        };
      }
      case 'contact.link': {
        const s = byId(m.contactId);
        const target = store.find((x) => x.customer?.id === m.customerId);
        s.contact = { ...s.contact, customerId: m.customerId };
        if (target) {
          s.customer = target.customer;
          s.metrics = target.metrics;
        }
        return { contact: s.contact };
      }
      case 'opportunities.list': {
        byId(m.contactId);
        return {
          opportunities: opportunities.filter((o) => o.contactId === m.contactId),
          probabilities: { ...DEFAULT_STAGE_PROBABILITIES },
          currency: 'USD',
          me: AUTHOR_ID,
          editsAll: false,
        };
      }
      case 'opportunity.create': {
        const s = byId(m.contactId);
        const { type: _, contactId, ...fields } = m;
        const o: Opportunity = {
          id: newId(),
          createdAt: T,
          updatedAt: T,
          deletedAt: null,
          contactId,
          customerId: s.customer?.id ?? null,
          quote: null,
          ownerId: AUTHOR_ID,
          notes: null,
          ...fields,
        };
        opportunities.push(o);
        return { opportunity: o };
      }
      case 'opportunity.update': {
        const i = opportunities.findIndex((o) => o.id === m.id);
        if (i < 0) throw Object.assign(new Error(`No opportunity ${m.id}`), { code: 'not_found' });
        const o = { ...(opportunities[i] as Opportunity), ...m.changes } as Opportunity;
        opportunities[i] = o;
        return { opportunity: o };
      }
      default:
        throw new Error(`fake background: ${m.type} is not faked`);
    }
  };

  const send = (async (type: MessageType, body: object) => {
    const message = parseMessage({ ...body, type });
    calls.push(message);
    await holds.get(type);
    const code = failures.get(type);
    if (code) throw Object.assign(new Error(`${type} failed: ${code}`), { code });
    return parseMessageResponse(type, answer(message));
  }) as Send;

  return {
    send,
    calls,
    of: <T extends MessageType>(type: T) => calls.filter((c): c is Message<T> => c.type === type),
    settings: state,
    logged,
    opportunities,
    hold(type) {
      let release = () => {};
      holds.set(type, new Promise<void>((r) => (release = r)));
      return {
        release: () => {
          holds.delete(type);
          release();
        },
      };
    },
    fail(type, code) {
      if (code) failures.set(type, code);
      else failures.delete(type);
    },
  };
}
