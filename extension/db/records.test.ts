import { newId } from '@rapport/shared/ids';
import type { Contact } from '@rapport/shared/schemas/contact';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import { describe, expect, it } from 'vitest';
import { toRecord } from './records.ts';
import { contactFields } from './testing.ts';

const T = '1767225600000:0000:server';
const STAMPS = {
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
};

describe('the record indexer, driven by the entity table', () => {
  it("indexes a live contact's fields under exactly the names of its Dexie indexes", () => {
    const id = newId();
    const customerId = newId();
    const contact = {
      id,
      ...STAMPS,
      ...contactFields({
        name: "  Seán O'Miller-Smith (He/Him) ",
        emails: ['sean@example.com'],
        phones: ['+1 (415) 555-0100'],
        handles: [
          { network: 'linkedin', id: 'sean-miller' },
          { network: 'x', id: 'seanm' },
        ],
        customerId,
        birthday: '1990-04-07',
        followUpOn: '2026-02-01',
      }),
    } as Contact;
    const { state, data, base, ...index } = toRecord('contact', stateFromEntity('contact', contact, T));
    expect(data?.name).toBe("Seán O'Miller-Smith (He/Him)");
    expect(base).toBeUndefined();
    expect(index).toEqual({
      id,
      emails: ['sean@example.com'],
      linkedin: ['sean-miller'],
      x: ['seanm'],
      phones: ['+14155550100'],
      words: ['sean', 'omiller', 'smith'],
      nameKey: 'sean omiller smith',
      customerId,
      companyId: undefined,
      followUpOn: '2026-02-01',
      birthdayKey: '04-07',
    });
  });

  it('gives a deleted contact empty lists and no other index values', () => {
    const contact = {
      id: newId(),
      ...STAMPS,
      ...contactFields(),
      deletedAt: '2026-01-02T00:00:00.000Z',
    } as Contact;
    const { state, data, ...index } = toRecord('contact', stateFromEntity('contact', contact, T), null);
    expect(index).toEqual({
      id: contact.id,
      base: null,
      emails: [],
      linkedin: [],
      x: [],
      phones: [],
      words: [],
    });
  });

  it("keeps a deleted interaction's contact and source key, not its customer or time", () => {
    const interaction = {
      id: newId(),
      ...STAMPS,
      deletedAt: '2026-01-02T00:00:00.000Z',
      contactId: newId(),
      customerId: newId(),
      kind: 'email' as const,
      channel: 'email' as const,
      direction: 'in' as const,
      at: '2025-12-31T16:04:00.000Z',
      subject: 'Re: Q1 order',
      summary: null,
      body: null,
      sourceUrl: null,
      sourceKey: '18c2f1a0b9d3e4f5',
      authorId: newId(),
      supersedes: null,
    };
    const { state, data, ...index } = toRecord('interaction', stateFromEntity('interaction', interaction, T));
    expect(index).toEqual({
      id: interaction.id,
      contactId: interaction.contactId,
      sourceKey: '18c2f1a0b9d3e4f5',
    });
  });

  it('indexes a task by assignee and due day only while it is open', () => {
    const task = {
      id: newId(),
      ...STAMPS,
      title: 'Call back',
      note: null,
      contactId: newId(),
      customerId: null,
      assigneeId: newId(),
      due: '2026-01-05',
      done: false,
      doneAt: null,
      createdBy: newId(),
    };
    const open = toRecord('task', stateFromEntity('task', task, T));
    expect(open.data?.title).toBe('Call back');
    expect([open.assigneeId, open.due, open.contactId, open.customerId]).toEqual([
      task.assigneeId,
      '2026-01-05',
      task.contactId,
      undefined,
    ]);
    const { state, data, ...done } = toRecord(
      'task',
      stateFromEntity('task', { ...task, done: true, doneAt: '2026-01-04T09:00:00.000Z' }, T),
    );
    expect(data?.done).toBe(true);
    expect(done).toEqual({ id: task.id });
  });
});
