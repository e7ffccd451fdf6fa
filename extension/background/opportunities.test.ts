import { newId } from '@rapport/shared/ids';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readContext } from '../db/queries/context.ts';
import { listFollowUps } from '../db/queries/followups.ts';
import { listTaskFollowUps, mergeTaskFollowUps } from '../db/queries/tasks.ts';
import { backgroundHarness, FROM_PAGE } from './testing.ts';

beforeEach(() => fakeBrowser.reset());

// Friday 2026-03-20, 10:00 UTC (the harness's clock); the user's zone is UTC.
const hlc = (ms = 0) =>
  formatHlc({ wall: Date.parse('2026-03-19T09:00:00.000Z') + ms, counter: 0, node: 'lead' });

async function withContact() {
  const h = await backgroundHarness();
  const { contactId } = await h.ok({
    type: 'contact.capture',
    person: { name: 'Sean Miller', email: 'sean@acme.com', source: 'gmail' },
  });
  const look = async () =>
    (await h.ok({ type: 'lookup.people', people: [{ email: 'sean@acme.com' }] }, FROM_PAGE)).results[0];
  return { ...h, contactId, look };
}

describe('opportunities through the background', () => {
  it('creates a deal offline from the card, moves it one stage, and it reaches the server', async () => {
    const h = await withContact();
    const { opportunity } = await h.ok(
      {
        type: 'opportunity.create',
        contactId: h.contactId,
        title: 'Office chairs for the Berlin office',
        amount: '12500.50',
        expectedMargin: '0.35',
        closeDate: '2026-04-30',
        stage: 'proposal',
      },
      FROM_PAGE,
    );
    expect(opportunity).toMatchObject({
      contactId: h.contactId,
      customerId: null,
      title: 'Office chairs for the Berlin office',
      amount: '12500.50',
      expectedMargin: '0.35',
      closeDate: '2026-04-30',
      stage: 'proposal',
      ownerId: h.user.id,
      quote: null,
    });
    // Record and outbox entry were written together.
    const outbox = await h.db.outbox.toArray();
    expect(outbox.map((m) => m.name)).toContain('opportunity.upsert');

    h.setNow('2026-03-21T08:00:00.000Z');
    const moved = await h.ok({
      type: 'opportunity.update',
      id: opportunity.id,
      changes: { stage: 'negotiation' },
    });
    expect(moved.opportunity.stage).toBe('negotiation');
    // Unchanged fields are not written again: the stage alone carries the new clock (closed-on rule).
    const last = (await h.db.outbox.toArray()).at(-1);
    expect(
      Object.keys((last?.args as { patch: { fields: object } } | undefined)?.patch.fields ?? {}),
    ).toEqual(['stage']);

    const listed = await h.ok({ type: 'opportunities.list', contactId: h.contactId });
    expect(listed.opportunities.map((o) => [o.title, o.stage])).toEqual([
      ['Office chairs for the Berlin office', 'negotiation'],
    ]);
    expect(listed.probabilities).toEqual({
      lead: 10,
      qualified: 25,
      proposal: 50,
      negotiation: 75,
      won: 100,
      lost: 0,
    });
    expect(listed.me).toBe(h.user.id);

    await h.services.sync.sync({ force: true });
    expect(h.server.row('opportunity', opportunity.id)?.fields).toMatchObject({
      stage: { v: 'negotiation' },
      amount: { v: '12500.50' },
      ownerId: { v: h.user.id },
    });
    expect(await h.db.outbox.count()).toBe(0);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const h = await withContact();
    const before = await h.db.outbox.count();
    const create = { type: 'opportunity.create', contactId: h.contactId, title: 'Chairs', amount: '100' };
    const bad = async (raw: Record<string, unknown>, text: string) => {
      const res = await h.call(raw);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.message).toContain(text);
    };
    await bad({ ...create, amount: '12.34567' }, 'has more than 4 decimal places');
    await bad({ ...create, amount: '-5' }, 'amount cannot be negative');
    await bad({ ...create, amount: 12 }, 'expected a decimal string');
    await bad({ ...create, title: '  ' }, 'title must not be empty');
    await bad(
      { ...create, stage: 'closed' },
      'stage must be one of lead, qualified, proposal, negotiation, won, lost',
    );
    await bad({ ...create, expectedMargin: '1.5' }, 'a margin cannot exceed 1');
    await bad({ ...create, closeDate: '2026-02-30' }, 'closeDate');
    await bad({ ...create, contactId: newId() }, 'No contact');
    await bad({ type: 'opportunity.update', id: newId(), changes: {} }, 'change at least one field');
    await bad({ type: 'opportunity.update', id: newId(), changes: { stage: 'won' } }, 'No opportunity');
    await bad({ type: 'task.done', id: newId() }, 'No task');
    expect(await h.db.outbox.count()).toBe(before);
    expect(await h.db.opportunities.count()).toBe(0);
  });

  it('does not let a rep change a teammate’s deal', async () => {
    const h = await withContact();
    await h.services.sync.sync({ force: true });
    const id = newId();
    h.server.putRow(
      'opportunity',
      stateFromEntity(
        'opportunity',
        {
          id,
          createdAt: '2026-03-01T00:00:00.000Z',
          contactId: h.contactId,
          customerId: null,
          title: 'Desks',
          amount: '900',
          expectedMargin: null,
          quote: null,
          stage: 'lead',
          closeDate: null,
          ownerId: newId(),
          notes: null,
        },
        hlc(),
      ),
    );
    await h.services.sync.sync({ force: true });
    const before = await h.db.outbox.count();
    const res = await h.call({ type: 'opportunity.update', id, changes: { stage: 'qualified' } });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.db.outbox.count()).toBe(before);
  });
});

describe('tasks a lead gives the rep', () => {
  async function withTasks() {
    const h = await withContact();
    await h.services.sync.sync({ force: true });
    const lead = newId();
    const task = (id: string, fields: Record<string, unknown>) =>
      h.server.putRow(
        'task',
        stateFromEntity(
          'task',
          {
            id,
            createdAt: '2026-03-18T09:00:00.000Z',
            assigneeId: h.user.id,
            contactId: null,
            customerId: null,
            note: null,
            done: false,
            doneAt: null,
            createdBy: lead,
            ...fields,
          } as never,
          hlc(),
        ),
      );
    const callSean = newId();
    const report = newId();
    const theirs = newId();
    task(callSean, { title: 'Call Sean about the renewal', due: '2026-03-19', contactId: h.contactId });
    task(report, { title: 'Send the quarterly report', due: '2026-03-21', note: 'PDF, not Excel' });
    task(theirs, { title: 'Not mine', due: '2026-03-10', contactId: h.contactId, assigneeId: newId() });
    await h.services.sync.sync({ force: true });
    return { ...h, callSean, report, theirs };
  }

  it('makes the contact’s badge overdue and names the task, until it is ticked done', async () => {
    const h = await withTasks();
    const badge = await h.look();
    // Sean has no customer and no cadence: the task due yesterday alone makes him overdue.
    expect(badge?.followUp).toEqual({ status: 'overdue', dueOn: '2026-03-19' });
    expect(badge?.openTasks).toEqual([
      { id: h.callSean, title: 'Call Sean about the renewal', due: '2026-03-19' },
    ]);

    const { task } = await h.ok({ type: 'task.done', id: h.callSean });
    expect(task).toMatchObject({ done: true, doneAt: '2026-03-20T10:00:00.000Z' });
    const after = await h.look();
    expect(after?.followUp).toEqual({ status: 'none', dueOn: null });
    expect(after?.openTasks).toBeUndefined();

    await h.services.sync.sync({ force: true });
    expect(h.server.row('task', h.callSean)?.fields).toMatchObject({ done: { v: true } });
    // Someone else's task: not on the badge, and not the rep's to tick.
    const res = await h.call({ type: 'task.done', id: h.theirs });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists the rep’s tasks with the follow-ups, each in its group by due day', async () => {
    const h = await withTasks();
    const ctx = await readContext(h.db, new Date('2026-03-20T10:00:00.000Z'));
    const tasks = await listTaskFollowUps(h.db, ctx, { includeSoon: true });
    expect(tasks.map((t) => [t.task.title, t.status, t.contactName])).toEqual([
      ['Call Sean about the renewal', 'overdue', 'Sean Miller'],
      ['Send the quarterly report', 'soon', null],
    ]);
    expect(await listTaskFollowUps(h.db, ctx, { includeSoon: false })).toHaveLength(1);
    const cadence = await listFollowUps(h.db, ctx, { limit: 100, includeSoon: true });
    const merged = mergeTaskFollowUps(cadence, tasks);
    expect(merged.map((i) => (i.kind === 'task' ? i.task.title : i.name))).toEqual([
      'Call Sean about the renewal',
      'Send the quarterly report',
    ]);
  });
});

describe('mergeTaskFollowUps', () => {
  const item = (name: string, status: 'overdue' | 'due' | 'soon', dueOn: string) => ({
    contactId: newId(),
    name,
    customerName: null,
    tier: 'A' as const,
    status,
    dueOn,
    greeting: null,
  });
  const task = (title: string, status: 'overdue' | 'due' | 'soon', dueOn: string) => ({
    kind: 'task' as const,
    task: { title } as never,
    status,
    dueOn,
    contactName: null,
    customerName: null,
  });
  it('puts each task before the first follow-up of its group due later, keeping the others’ order', () => {
    const items = [
      item('Ann', 'overdue', '2026-03-10'),
      item('Bo', 'overdue', '2026-03-15'),
      item('Cy', 'due', '2026-03-20'),
      item('Di', 'soon', '2026-03-23'),
    ];
    const merged = mergeTaskFollowUps(items, [
      task('T-overdue', 'overdue', '2026-03-12'),
      task('T-due', 'due', '2026-03-20'),
      task('T-soon', 'soon', '2026-03-21'),
    ]);
    expect(merged.map((i) => (i.kind === 'task' ? i.task.title : i.name))).toEqual([
      'Ann',
      'T-overdue',
      'Bo',
      'Cy',
      'T-due',
      'T-soon',
      'Di',
    ]);
    // A group with no cadence follow-ups yet: the task goes where its group belongs.
    expect(
      mergeTaskFollowUps([items[0]!, items[3]!], [task('T-due', 'due', '2026-03-20')]).map((i) =>
        i.kind === 'task' ? i.task.title : i.name,
      ),
    ).toEqual(['Ann', 'T-due', 'Di']);
  });
});
