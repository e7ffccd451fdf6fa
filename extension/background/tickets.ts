// Tickets (complaints, after-sales) and survey answers written offline-first: the record and its outbox
// mutation in one transaction, the status history and resolution time by the shared rule.

import { todayIn } from '@rapport/shared/domain/dates';
import { pulseDue, weekOf } from '@rapport/shared/domain/pulse';
import { firstTicketEvent, ticketStatusChange } from '@rapport/shared/domain/tickets';
import { newId } from '@rapport/shared/ids';
import type { Ticket } from '@rapport/shared/schemas/pipeline';
import { httpUrl } from '@rapport/shared/schemas/primitives';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import type { MessageInput } from '@rapport/shared/sync/messages';
import type { TicketChanges } from '@rapport/shared/sync/service-messages';
import { writeLocal, writeRow } from '../db/outbox.ts';
import { related } from '../db/queries/contact.ts';
import { liveData } from '../db/records.ts';
import { effectiveTimeZone, readLocalSettings, readTeamSettings } from '../db/settings.ts';
import { readState, writeState } from '../db/sync-state.ts';
import { teamMembers } from './members.ts';
import { authorOf, type BackgroundServices, CommandError } from './services.ts';

type CreateTicket = Omit<MessageInput<'ticket.create'>, 'type' | 'assignToMe'> & { assignToMe: boolean };

async function me(services: BackgroundServices): Promise<string> {
  return authorOf((await readState(services.db, 'account'))?.user.id);
}

async function knownCategory(services: BackgroundServices, category: string): Promise<void> {
  const team = await readTeamSettings(services.db);
  if (!team.ticketCategories.some((c) => c.id === category))
    throw new CommandError(
      'invalid',
      `${JSON.stringify(category)} is not one of the team's ticket categories (${team.ticketCategories.map((c) => c.id).join(', ')})`,
    );
}

/** A ticket may be given to yourself, to nobody, or to a member of your team (team.members). */
async function checkAssignee(services: BackgroundServices, assigneeId: string | null, me: string) {
  if (assigneeId === null || assigneeId === me) return;
  const { members } = await teamMembers(services);
  if (!members.some((m) => m.id === assigneeId))
    throw new CommandError('invalid', `assigneeId ${assigneeId} is not a member of your team`);
}

/** A new open ticket on a contact (and its customer), its first history entry "open, now, by me". */
export async function createTicket(services: BackgroundServices, input: CreateTicket): Promise<Ticket> {
  const userId = await me(services);
  await knownCategory(services, input.category);
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.assignToMe ? userId : null;
  await checkAssignee(services, assigneeId, userId);
  const { db } = services;
  return writeRow(services, 'ticket', async (w) => {
    const contact = liveData(await db.contacts.get(input.contactId));
    if (!contact) throw new CommandError('not_found', `No contact ${input.contactId}`);
    const id = newId();
    const at = w.now.toISOString();
    const url = httpUrl.safeParse(input.sourceUrl);
    const patch = patchFromChanges(
      'ticket',
      null,
      {
        id,
        createdAt: at,
        contactId: contact.id,
        customerId: contact.customerId,
        orderId: null,
        channel: input.channel,
        category: input.category,
        severity: input.severity,
        status: 'open',
        title: input.title,
        description: input.description || null,
        sourceUrl: url.success ? url.data : null,
        assigneeId,
        history: firstTicketEvent('open', userId, at),
        resolution: null,
        resolvedAt: null,
        satisfaction: null,
        ownerId: userId,
      },
      w.tick(),
    );
    await w.mutate('ticket.upsert', { id, patch });
    return id;
  });
}

/** Status (with a history entry and resolvedAt by the shared rule), assignee, resolution, satisfaction … */
export async function updateTicket(
  services: BackgroundServices,
  id: string,
  changes: TicketChanges,
): Promise<Ticket> {
  const userId = await me(services);
  if (changes.category !== undefined) await knownCategory(services, changes.category);
  if (changes.assigneeId !== undefined) await checkAssignee(services, changes.assigneeId, userId);
  const { db } = services;
  return writeRow(services, 'ticket', async (w) => {
    const before = liveData(await db.tickets.get(id));
    if (!before) throw new CommandError('not_found', `No ticket ${id}`);
    const at = w.now.toISOString();
    const move = changes.status ? ticketStatusChange(before, changes.status, userId, at) : null;
    const after = { ...changes, ...(move ?? {}) };
    const patch = patchFromChanges('ticket', before, after, w.tick());
    if (patch.fields || patch.sets) await w.mutate('ticket.upsert', { id, patch });
    return id;
  });
}

/** The contact's and its customer's tickets, newest first, with the team's categories. */
export async function listTickets(services: BackgroundServices, contactId: string) {
  const { db } = services;
  const contact = liveData(await db.contacts.get(contactId));
  if (!contact) throw new CommandError('not_found', `No contact ${contactId}`);
  const [tickets, team, account] = await Promise.all([
    related<Ticket>(db.tickets, contactId, contact.customerId),
    readTeamSettings(db),
    readState(db, 'account'),
  ]);
  return {
    tickets: tickets.sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    categories: team.ticketCategories,
    me: account?.user.id ?? null,
  };
}

/** A CSAT and/or NPS answer from a contact, dated today in the user's zone. */
export async function recordSurvey(
  services: BackgroundServices,
  input: { contactId: string; csat: number | null; nps: number | null; comment?: string | undefined },
): Promise<string> {
  await me(services);
  const { db } = services;
  const local = await readLocalSettings(db);
  const account = await readState(db, 'account');
  const id = await writeLocal(
    db,
    async (w) => {
      const contact = liveData(await db.contacts.get(input.contactId));
      if (!contact) throw new CommandError('not_found', `No contact ${input.contactId}`);
      const surveyId = newId();
      await w.mutate('survey.add', {
        survey: {
          id: surveyId,
          createdAt: w.now.toISOString(),
          contactId: contact.id,
          customerId: contact.customerId,
          date: todayIn(effectiveTimeZone(local, account?.user.timeZone), w.now),
          csat: input.csat,
          nps: input.nps,
          comment: input.comment || null,
        },
        t: w.tick(),
      });
      return surveyId;
    },
    services.now,
  );
  services.requestSync();
  return id;
}

async function today(services: BackgroundServices): Promise<string> {
  const local = await readLocalSettings(services.db);
  const account = await readState(services.db, 'account');
  return todayIn(effectiveTimeZone(local, account?.user.timeZone), new Date(services.now()));
}

/** Whether the weekly pulse reminder shows: no score this week and not dismissed for this week. */
export async function pulseStatus(services: BackgroundServices) {
  const [last, dismissed, day] = await Promise.all([
    readState(services.db, 'pulseLastDate'),
    readState(services.db, 'pulseDismissedWeek'),
    today(services),
  ]);
  return {
    due: pulseDue(last ?? null, day) && dismissed !== weekOf(day),
    lastDate: last ?? null,
  };
}

/** "Not now": the reminder stays away until next Monday. */
export async function dismissPulse(services: BackgroundServices) {
  await writeState(services.db, 'pulseDismissedWeek', weekOf(await today(services)));
  return pulseStatus(services);
}

/** The signed-in employee's pulse score, synced by pulse.add (its comment private unless shared). */
export async function recordPulse(
  services: BackgroundServices,
  input: { score: number; comment?: string | undefined; shared: boolean },
): Promise<string> {
  const userId = await me(services);
  const date = await today(services);
  const id = await writeLocal(
    services.db,
    async (w) => {
      const pulseId = newId();
      await w.mutate('pulse.add', {
        pulse: {
          id: pulseId,
          createdAt: w.now.toISOString(),
          userId,
          date,
          score: input.score,
          comment: input.comment || null,
          shared: input.shared,
        },
        t: w.tick(),
      });
      await writeState(services.db, 'pulseLastDate', date);
      return pulseId;
    },
    services.now,
  );
  services.requestSync();
  return id;
}
