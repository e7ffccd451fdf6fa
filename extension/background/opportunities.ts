// Opportunities and tasks written offline-first from the card and the side panel: the record and its
// outbox mutation in one transaction, like contacts and tickets. A rep creates deals owned by
// themselves and changes only their own (the server's rule, checked here too so the form says so at
// once); a rep ticks done only tasks given to them.

import { isOpenTask } from '@rapport/shared/domain/tasks';
import { newId } from '@rapport/shared/ids';
import type { Opportunity } from '@rapport/shared/schemas/pipeline';
import type { Task } from '@rapport/shared/schemas/task';
import { OPEN_OPPORTUNITY_STAGES } from '@rapport/shared/settings';
import { patchFromChanges } from '@rapport/shared/sync/changes';
import type { MessageInput } from '@rapport/shared/sync/messages';
import type { OpportunityChanges } from '@rapport/shared/sync/sales-messages';
import { writeRow } from '../db/outbox.ts';
import { related } from '../db/queries/contact.ts';
import { liveData } from '../db/records.ts';
import { readTeamSettings } from '../db/settings.ts';
import { type Account, readState } from '../db/sync-state.ts';
import { type BackgroundServices, CommandError } from './services.ts';

type CreateOpportunity = Omit<MessageInput<'opportunity.create'>, 'type'> &
  Pick<Opportunity, 'expectedMargin' | 'closeDate' | 'stage'>;

async function account(services: BackgroundServices): Promise<Account['user']> {
  const user = (await readState(services.db, 'account'))?.user;
  if (!user) throw new CommandError('signed_out', 'Sign in to work with opportunities and tasks');
  return user;
}

/**
 * The live row a user changes: `not_found` when there is none, `forbidden` when a rep is not the one
 * it belongs to (`holder`: the owner of a deal, the assignee of a task).
 */
async function changeableRow<T extends { deletedAt?: string | null }>(
  stored: Promise<{ data: T | null } | undefined>,
  user: Account['user'],
  holder: (row: T) => string | null,
  notFound: string,
  forbidden: string,
): Promise<T> {
  const before = liveData(await stored);
  if (!before) throw new CommandError('not_found', notFound);
  if (user.role === 'rep' && holder(before) !== user.id) throw new CommandError('forbidden', forbidden);
  return before;
}

/** A new deal on a contact and its customer, owned by the signed-in user. */
export async function createOpportunity(
  services: BackgroundServices,
  input: CreateOpportunity,
): Promise<Opportunity> {
  const user = await account(services);
  const { db } = services;
  return writeRow(services, 'opportunity', async (w) => {
    const contact = liveData(await db.contacts.get(input.contactId));
    if (!contact) throw new CommandError('not_found', `No contact ${input.contactId}`);
    const id = newId();
    const patch = patchFromChanges(
      'opportunity',
      null,
      {
        id,
        createdAt: w.now.toISOString(),
        contactId: contact.id,
        customerId: contact.customerId,
        title: input.title,
        amount: input.amount,
        expectedMargin: input.expectedMargin,
        quote: null,
        stage: input.stage,
        closeDate: input.closeDate,
        ownerId: user.id,
        notes: null,
      },
      w.tick(),
    );
    await w.mutate('opportunity.upsert', { id, patch });
    return id;
  });
}

/** Title, amount, margin, close date or stage; only the fields that change are written (and stamped). */
export async function updateOpportunity(
  services: BackgroundServices,
  id: string,
  changes: OpportunityChanges,
): Promise<Opportunity> {
  const user = await account(services);
  const { db } = services;
  return writeRow(services, 'opportunity', async (w) => {
    const before = await changeableRow(
      db.opportunities.get(id),
      user,
      (o) => o.ownerId,
      `No opportunity ${id}`,
      'A rep may only change opportunities they own',
    );
    const patch = patchFromChanges('opportunity', before, changes, w.tick());
    if (patch.fields || patch.sets) await w.mutate('opportunity.upsert', { id, patch });
    return id;
  });
}

const OPEN_RANK = new Set<string>(OPEN_OPPORTUNITY_STAGES);

/** Open deals first (earliest close date first, undated last), then closed ones. */
export function sortOpportunities(list: Opportunity[]): Opportunity[] {
  return [...list].sort((a, b) => {
    const open = Number(OPEN_RANK.has(b.stage)) - Number(OPEN_RANK.has(a.stage));
    if (open !== 0) return open;
    const byDate = (a.closeDate ?? '9999').localeCompare(b.closeDate ?? '9999');
    return byDate !== 0 ? byDate : a.createdAt.localeCompare(b.createdAt);
  });
}

/** The contact's and its customer's deals with the team's stage probabilities and currency. */
export async function listOpportunities(services: BackgroundServices, contactId: string) {
  const { db } = services;
  const contact = liveData(await db.contacts.get(contactId));
  if (!contact) throw new CommandError('not_found', `No contact ${contactId}`);
  const [opportunities, team, state] = await Promise.all([
    related<Opportunity>(db.opportunities, contactId, contact.customerId),
    readTeamSettings(db),
    readState(db, 'account'),
  ]);
  return {
    opportunities: sortOpportunities(opportunities),
    probabilities: team.stageProbabilities,
    currency: team.currency,
    me: state?.user.id ?? null,
    editsAll: state !== undefined && state.user.role !== 'rep',
  };
}

/** Ticks a task done (doneAt now) or open again; a rep only their own. */
export async function setTaskDone(services: BackgroundServices, id: string, done: boolean): Promise<Task> {
  const user = await account(services);
  const { db } = services;
  return writeRow(services, 'task', async (w) => {
    const before = await changeableRow(
      db.tasks.get(id),
      user,
      (t) => t.assigneeId,
      `No task ${id}`,
      'A rep may only tick tasks assigned to them',
    );
    // Only a real change is written: ticking a done task done again changes nothing.
    if (isOpenTask(before) === done) {
      const patch = patchFromChanges(
        'task',
        before,
        { done, doneAt: done ? w.now.toISOString() : null },
        w.tick(),
      );
      await w.mutate('task.upsert', { id, patch });
    }
    return id;
  });
}
