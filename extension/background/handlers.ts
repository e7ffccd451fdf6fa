import { phoneRegion } from '@rapport/shared/identity/phone-match';
import { OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { browser } from 'wxt/browser';
import { contactDetail } from '../db/queries/contact.ts';
import { readContext } from '../db/queries/context.ts';
import { listFollowUps } from '../db/queries/followups.ts';
import { lookupPeople } from '../db/queries/lookup.ts';
import { refreshMemberNames } from '../db/queries/members.ts';
import { summarise } from '../db/queries/people.ts';
import { searchContacts } from '../db/queries/search.ts';
import { readSyncStatus } from '../db/queries/status.ts';
import { readLocalSettings, updateLocalSettings } from '../db/settings.ts';
import { readState, writeState } from '../db/sync-state.ts';
import { signIn, signOut } from './auth.ts';
import { captureContact } from './capture.ts';
import { eraseContact, updateContact } from './contacts.ts';
import { customerOrders } from './customer-orders.ts';
import { knowsBest } from './insight.ts';
import { logInteractions } from './interactions.ts';
import { teamMembers } from './members.ts';
import { createOpportunity, listOpportunities, setTaskDone, updateOpportunity } from './opportunities.ts';
import { type BackgroundServices, CommandError, type HandlerMap } from './services.ts';
import {
  createTicket,
  dismissPulse,
  listTickets,
  pulseStatus,
  recordPulse,
  recordSurvey,
  updateTicket,
} from './tickets.ts';

/** entrypoints/card.ts as built. */
export const CARD_SCRIPT = '/card.js';

const OPEN_STAGES = new Set<string>(OPEN_OPPORTUNITY_STAGES);
const context = (s: BackgroundServices) => readContext(s.db, new Date(s.now()));
const status = (s: BackgroundServices) => readSyncStatus(s.db, s.now());

/** One handler per command of the shared union and the extension's own commands. */
export const handlers: HandlerMap = {
  'lookup.people': async ({ people }, { services }) => ({
    results: await lookupPeople(services.db, people, await context(services)),
  }),

  'contact.capture': ({ person, note }, { services, sender }) =>
    captureContact(services, person, note, sender),

  'interaction.log': async ({ contactId, entries, explicit }, { services, sender }) => ({
    results: await logInteractions(services, contactId, entries, sender, explicit === true),
  }),

  'contact.get': async ({ id }, { services }) => {
    const detail = await contactDetail(services.db, id, await context(services));
    if (!detail) throw new CommandError('not_found', `No contact ${id}`);
    const open = {
      opportunities: detail.opportunities.filter((o) => OPEN_STAGES.has(o.stage)).length,
      tickets: detail.tickets.filter((k) => k.status === 'open' || k.status === 'in-progress').length,
    };
    return {
      contact: detail.contact,
      customer: detail.customer,
      metrics: detail.metrics,
      interactions: detail.interactions,
      badge: detail.badge,
      open,
      knowsBest: knowsBest(
        detail.interactions,
        new Date(services.now()),
        (await readState(services.db, 'account'))?.user ?? null,
        await refreshMemberNames(services.db, services.fetch, services.now()),
      ),
    };
  },

  'contact.search': async ({ query, limit }, { services }) => {
    const ctx = await context(services);
    const contacts = await searchContacts(
      services.db,
      query,
      limit,
      phoneRegion(ctx.local.phoneCountry, ctx.team.phoneRegion),
    );
    const summaries = await services.db.transaction(
      'r',
      services.db.tables,
      async () => await summarise(services.db, contacts, ctx),
    );
    return { results: summaries.map((s) => s.badge) };
  },

  'contact.update': async ({ id, changes }, { services }) => ({
    contact: await updateContact(services, id, changes),
  }),

  'contact.link': async ({ contactId, customerId }, { services }) => ({
    contact: await updateContact(services, contactId, { customerId }),
  }),

  'contact.erase': async ({ id }, { services }) => {
    await eraseContact(services, id);
    return { ok: true as const };
  },

  // The card is its own script (content/card-loader.ts): run it in the asking page's frame. Only a
  // page may ask, and only for itself (its own tab and frame, which the extension already runs in).
  'card.load': async (_command, { sender }) => {
    if (!sender.fromPage || sender.tabId === undefined)
      throw new CommandError('invalid_sender', 'Only a page can load the card');
    await browser.scripting.executeScript({
      target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] },
      files: [CARD_SCRIPT],
    });
    return { ok: true as const };
  },

  'followups.list': async ({ limit, includeSoon }, { services }) => ({
    items: await listFollowUps(services.db, await context(services), { limit, includeSoon }),
  }),

  'ticket.create': async ({ type: _, ...input }, { services }) => ({
    ticket: await createTicket(services, input),
  }),

  'ticket.update': async ({ id, changes }, { services }) => ({
    ticket: await updateTicket(services, id, changes),
  }),

  'tickets.list': ({ contactId }, { services }) => listTickets(services, contactId),

  'team.members': (_, { services }) => teamMembers(services),

  'survey.record': async ({ type: _, ...input }, { services }) => ({
    surveyId: await recordSurvey(services, input),
  }),

  'pulse.record': async ({ type: _, ...input }, { services }) => ({
    pulseId: await recordPulse(services, input),
  }),

  'pulse.status': (_, { services }) => pulseStatus(services),

  'pulse.dismiss': (_, { services }) => dismissPulse(services),

  'opportunity.create': async ({ type: _, ...input }, { services }) => ({
    opportunity: await createOpportunity(services, input),
  }),

  'opportunity.update': async ({ id, changes }, { services }) => ({
    opportunity: await updateOpportunity(services, id, changes),
  }),

  'opportunities.list': ({ contactId }, { services }) => listOpportunities(services, contactId),

  'task.done': async ({ id, done }, { services }) => ({ task: await setTaskDone(services, id, done) }),

  'settings.get': async (_, { services }) => ({ settings: await readLocalSettings(services.db) }),

  'settings.set': async ({ changes }, { services }) => ({
    settings: await updateLocalSettings(services.db, changes),
  }),

  'sync.status': async (_, { services }) => status(services),

  'sync.now': async (_, { services }) => {
    await services.sync.sync({ force: true });
    return status(services);
  },

  'auth.signIn': (command, { services }) => signIn(services, command),

  'auth.signOut': async ({ wipe }, { services }) => {
    await signOut(services, wipe);
    return { ok: true as const };
  },

  'panel.route': async ({ route }, { services, sender }) => {
    if (sender.fromPage) throw new CommandError('forbidden', 'Only the popup opens the side panel on a view');
    await writeState(services.db, 'uiRoute', { route, at: services.now() });
    return { ok: true as const };
  },

  'customer.orders': ({ customerId, limit }, { services, sender }) =>
    customerOrders(services, customerId, limit, sender),

  'sync.dismissRejected': async ({ mutationIds }, { services }) => {
    if (mutationIds.length === 0) await services.db.rejected.clear();
    else await services.db.rejected.bulkDelete(mutationIds);
    return status(services);
  },
};
