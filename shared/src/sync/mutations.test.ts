import { describe, expect, it } from 'vitest';
import { MUTATION_NAMES, parseMutation, safeParseMutation } from './mutations.ts';
import { CONTACT_ID, hlcAt, INTERACTION_ID, USER_ID } from './test-fixtures.ts';

const t = hlcAt(5, 'c1');

describe('parseMutation', () => {
  it('accepts an upsert and normalises its patch', () => {
    const m = parseMutation({
      id: 3,
      name: 'contact.upsert',
      args: {
        id: CONTACT_ID,
        patch: { fields: { title: { v: '  CFO ', t } }, sets: { tags: { vip: { v: 'VIP', on: true, t } } } },
      },
    });
    expect(m).toEqual({
      id: 3,
      name: 'contact.upsert',
      args: {
        id: CONTACT_ID,
        patch: { fields: { title: { v: 'CFO', t } }, sets: { tags: { vip: { v: 'VIP', on: true, t } } } },
      },
    });
    if (m.name === 'contact.upsert') expect(m.args.patch.fields?.title?.v).toBe('CFO'); // the union narrows by name
  });

  it('accepts interaction.add, entity.delete and contact.erase', () => {
    const interaction = {
      id: INTERACTION_ID,
      contactId: CONTACT_ID,
      customerId: null,
      kind: 'call',
      channel: 'phone',
      direction: 'out',
      at: '2026-01-05T09:30:00+08:00',
      subject: null,
      summary: 'Agreed on Q1 volumes',
      body: null,
      sourceUrl: null,
      sourceKey: null,
      authorId: USER_ID,
      supersedes: null,
    };
    const add = parseMutation({ id: 1, name: 'interaction.add', args: { interaction, t } });
    expect(add.name === 'interaction.add' && add.args.interaction.at).toBe('2026-01-05T01:30:00.000Z');
    expect(
      parseMutation({
        id: 2,
        name: 'entity.delete',
        args: { entity: 'opportunity', id: CONTACT_ID, at: '2026-01-05T00:00:00Z', t },
      }).name,
    ).toBe('entity.delete');
    expect(
      parseMutation({ id: 3, name: 'contact.erase', args: { id: CONTACT_ID, at: '2026-01-05T00:00:00Z', t } })
        .args,
    ).toEqual({ id: CONTACT_ID, at: '2026-01-05T00:00:00.000Z', t });
    expect(MUTATION_NAMES).toEqual([
      'contact.upsert',
      'customer.upsert',
      'company.upsert',
      'opportunity.upsert',
      'ticket.upsert',
      'task.upsert',
      'interaction.add',
      'survey.add',
      'pulse.add',
      'entity.delete',
      'contact.erase',
    ]);
  });

  it('names the mutation id and field in errors', () => {
    expect(() =>
      parseMutation({
        id: 7,
        name: 'contact.upsert',
        args: { id: CONTACT_ID, patch: { fields: { name: { v: '', t } } } },
      }),
    ).toThrow('mutation 7 (contact.upsert): args.patch.fields.name.v: name must not be empty');
    expect(() =>
      parseMutation({
        id: 8,
        name: 'contact.upsert',
        args: { id: CONTACT_ID, patch: { fields: { nickname: { v: 'x', t } } } },
      }),
    ).toThrow('mutation 8 (contact.upsert): args.patch.fields: unknown field(s) for contact: nickname');
    expect(() =>
      parseMutation({
        id: 9,
        name: 'entity.delete',
        args: { entity: 'customerMetrics', id: CONTACT_ID, at: '2026-01-05T00:00:00Z', t },
      }),
    ).toThrow(/^mutation 9 \(entity.delete\): args.entity: entity must be one of contact, customer, company/);
    expect(() => parseMutation({ id: 10, name: 'contact.merge', args: {} })).toThrow(
      /^mutation 10: unknown mutation name "contact.merge"; expected one of contact.upsert/,
    );
    expect(() => parseMutation({ id: 0, name: 'contact.erase', args: {} })).toThrow(
      'mutation 0: id: mutation id must be 1 or more',
    );
    expect(() => parseMutation('x')).toThrow(/^mutation \(no id\): \(root\)/);
  });

  it('safeParseMutation reports the id for the rejection record', () => {
    const result = safeParseMutation({
      id: 12,
      name: 'survey.add',
      args: {
        survey: {
          id: INTERACTION_ID,
          contactId: CONTACT_ID,
          customerId: null,
          date: '2026-02-30',
          csat: null,
          nps: null,
          comment: null,
        },
        t,
      },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.mutationId).toBe(12);
      expect(result.error.message).toBe(
        'mutation 12 (survey.add): args.survey.date: 2026-02-30 does not exist (month 02 of 2026 has 28 days)',
      );
    }
    const noScore = safeParseMutation({
      id: 13,
      name: 'survey.add',
      args: {
        survey: {
          id: INTERACTION_ID,
          contactId: CONTACT_ID,
          customerId: null,
          date: '2026-02-28',
          csat: null,
          nps: null,
          comment: null,
        },
        t,
      },
    });
    expect(!noScore.success && noScore.error.message).toBe(
      'mutation 13 (survey.add): args.survey.csat: a survey response needs csat, nps or both',
    );
  });

  it('refuses a NUL or a split emoji in any text, naming the field (Postgres cannot store them)', () => {
    const upsert = (title: string) =>
      safeParseMutation({
        id: 21,
        name: 'contact.upsert',
        args: { id: CONTACT_ID, patch: { fields: { title: { v: title, t } } } },
      });
    const nul = upsert('CFO\0');
    expect(!nul.success && nul.error.message).toBe(
      'mutation 21 (contact.upsert): args.patch.fields.title.v: contains a NUL character (U+0000) at position 3',
    );
    const split = upsert('Deal \u{1F91D}'.slice(0, 6));
    expect(!split.success && split.error.details).toEqual([
      {
        path: 'args.patch.fields.title.v',
        message: 'contains an unpaired surrogate (U+D83E) at position 5: a broken character',
      },
    ]);
    expect(upsert('Deal \u{1F91D}').success).toBe(true);
  });
});
