import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerMetrics } from '../schemas/metrics.ts';
import { patchFromChanges, stateFromEntity } from './changes.ts';
import { entityDefs, parsePatch } from './entities.ts';
import { eraseRow, materialize, safeMaterialize } from './materialize.ts';
import { applyPatch, deleteRow } from './merge.ts';
import { emptyRow } from './row.ts';
import { CONTACT_ID, CUSTOMER_ID, hlcAt, INTERACTION_ID, sampleContact, USER_ID } from './test-fixtures.ts';

const t1 = hlcAt(1000, 'c1');

describe('patchFromChanges', () => {
  it('a new row carries every given field and createdAt from the HLC', () => {
    const patch = patchFromChanges(
      'contact',
      null,
      { id: CONTACT_ID, name: 'Li Wei', emails: ['Li.Wei@Example.CN'], source: 'manual' },
      t1,
    );
    expect(patch).toEqual({
      fields: {
        name: { v: 'Li Wei', t: t1 },
        source: { v: 'manual', t: t1 },
        createdAt: { v: '2026-01-01T00:00:01.000Z', t: t1 },
      },
      sets: { emails: { 'li.wei@example.cn': { v: 'li.wei@example.cn', on: true, t: t1 } } },
    });
    const contact = materialize('contact', applyPatch(null, patch, CONTACT_ID));
    expect(contact).toMatchObject({
      id: CONTACT_ID,
      name: 'Li Wei',
      emails: ['li.wei@example.cn'],
      phones: [],
      tags: [],
      title: null,
      preferences: { channel: null, language: null, interests: [], giftNotes: null },
    });
    expect(contact.createdAt).toBe('2026-01-01T00:00:01.000Z');
    expect(contact.updatedAt).toBe('2026-01-01T00:00:01.000Z');
    expect(contact.deletedAt).toBeNull();
  });

  it('leaves out unchanged fields and diffs sets element by element', () => {
    const before = sampleContact();
    const after = sampleContact({
      title: 'COO',
      tags: ['VIP', 'golf-day'],
      handles: [{ network: 'x', id: '@SeanM' }],
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(patchFromChanges('contact', before, after, t1)).toEqual({
      fields: { title: { v: 'COO', t: t1 } },
      sets: {
        tags: { vip: { v: 'VIP', on: true, t: t1 }, 'golf-day': { v: 'golf-day', on: true, t: t1 } },
        handles: {
          'x:seanm': { v: { network: 'x', id: 'seanm' }, on: true, t: t1 },
          'linkedin:sean-miller-4b1a2c3': {
            v: { network: 'linkedin', id: 'sean-miller-4b1a2c3' },
            on: false,
            t: t1,
          },
        },
      },
    });
    expect(patchFromChanges('contact', before, sampleContact(), t1)).toEqual({});
  });

  it('names the field and entity in validation errors', () => {
    expect(() => patchFromChanges('contact', null, { emails: ['sean@'] }, t1)).toThrow(
      'invalid contact change: emails[0]: "sean@" is not an email address (e.g. "jane@acme.com")',
    );
    expect(() => patchFromChanges('contact', null, { birthday: '02-30' }, t1)).toThrow(
      /birthday: expected a birthday 'MM-DD' or 'YYYY-MM-DD' that exists/,
    );
    expect(() => patchFromChanges('contact', null, { nickname: 'S' } as never, t1)).toThrow(
      'unknown field(s) for contact: nickname',
    );
    expect(() => patchFromChanges('contact', null, { preferences: { colour: 'red' } } as never, t1)).toThrow(
      'unknown field(s) for contact: preferences.colour',
    );
  });

  it('stateFromEntity round-trips an interaction', () => {
    const interaction = {
      id: INTERACTION_ID,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
      deletedAt: null,
      contactId: CONTACT_ID,
      customerId: null,
      kind: 'email' as const,
      channel: 'email' as const,
      direction: 'in' as const,
      at: '2025-12-31T16:04:00.000Z',
      subject: 'Re: Q1 order',
      summary: 'Asks for a 5% discount on bookcases',
      body: null,
      sourceUrl: null,
      sourceKey: '18c2f1a0b9d3e4f5',
      authorId: USER_ID,
      supersedes: null,
    };
    expect(materialize('interaction', stateFromEntity('interaction', interaction, t1))).toEqual(interaction);
    const deleted = stateFromEntity('interaction', { ...interaction, deletedAt: '2026-01-02T00:00:00Z' }, t1);
    expect(deleted.deleted).toEqual({ at: '2026-01-02T00:00:00.000Z', t: t1 });
  });
});

describe('contact notes, URLs, typed emails and phones, addresses', () => {
  const t2 = hlcAt(2000, 'c2');
  const base = { id: CONTACT_ID, name: 'Jane Doe', emails: ['jane@acme.com'], source: 'manual' as const };

  it('a contact without them materialises as before: the fields are absent, not empty', () => {
    const contact = materialize(
      'contact',
      applyPatch(null, patchFromChanges('contact', null, base, t1), CONTACT_ID),
    );
    for (const key of ['notes', 'urls', 'emailTypes', 'phoneTypes', 'addresses'])
      expect(contact).not.toHaveProperty(key);
  });

  it('types are elements keyed by their value: retyping replaces the label, two replicas converge', () => {
    const created = applyPatch(
      null,
      patchFromChanges(
        'contact',
        null,
        {
          ...base,
          phones: ['+1 (415) 555-0132'],
          notes: 'Met at the fair',
          urls: ['https://acme.com/team/jane'],
          emailTypes: [{ email: 'Jane@Acme.com', type: 'work' }],
          phoneTypes: [{ phone: '+1 415 555 0132', type: 'mobile' }],
          addresses: [
            {
              type: 'work',
              street: '1 Main St',
              city: 'Springfield',
              region: 'IL',
              postcode: '62704',
              country: 'US',
            },
          ],
        },
        t1,
      ),
      CONTACT_ID,
    );
    expect(Object.keys(created.sets.phoneTypes ?? {})).toEqual(['+14155550132']);
    expect(Object.keys(created.sets.addresses ?? {})).toEqual(['1 main st|springfield|il|62704|us']);
    const before = materialize('contact', created);
    expect(before.emailTypes).toEqual([{ email: 'jane@acme.com', type: 'work' }]);
    // Replica A retypes the phone, replica B adds a home address; both patches apply in any order.
    const a = patchFromChanges(
      'contact',
      before,
      { ...before, phoneTypes: [{ phone: '+14155550132', type: 'work' }] },
      t2,
    );
    expect(a.sets?.phoneTypes).toEqual({
      '+14155550132': { v: { phone: '+14155550132', type: 'work' }, on: true, t: t2 },
    });
    const b = patchFromChanges(
      'contact',
      before,
      {
        ...before,
        addresses: [
          ...(before.addresses ?? []),
          { type: 'home', street: null, city: 'Shanghai', region: null, postcode: null, country: 'CN' },
        ],
      },
      hlcAt(1500, 'c3'),
    );
    const ab = materialize('contact', applyPatch(applyPatch(created, a, CONTACT_ID), b, CONTACT_ID));
    const ba = materialize('contact', applyPatch(applyPatch(created, b, CONTACT_ID), a, CONTACT_ID));
    expect(ab).toEqual(ba);
    expect(ab.phoneTypes).toEqual([{ phone: '+14155550132', type: 'work' }]);
    expect(ab.addresses?.map((x) => x.city)).toEqual(['Springfield', 'Shanghai']);
    expect(ab.notes).toBe('Met at the fair');
  });

  it('refuses a bad type, an address with no part and a non-http URL, naming the field', () => {
    expect(() =>
      patchFromChanges(
        'contact',
        null,
        { ...base, emailTypes: [{ email: 'jane@acme.com', type: 'pager' }] } as never,
        t1,
      ),
    ).toThrow(/email type must be one of work, home, other/);
    expect(() =>
      patchFromChanges(
        'contact',
        null,
        {
          ...base,
          addresses: [{ type: 'home', street: null, city: ' ', region: null, postcode: null, country: null }],
        },
        t1,
      ),
    ).toThrow(/an address needs at least one part/);
    expect(() => patchFromChanges('contact', null, { ...base, urls: ['javascript:alert(1)'] }, t1)).toThrow(
      /urls/,
    );
  });

  it('erase drops notes, URLs, types and addresses', () => {
    const state = applyPatch(
      null,
      patchFromChanges('contact', null, { ...base, notes: 'private', urls: ['https://jane.example'] }, t1),
      CONTACT_ID,
    );
    const erased = materialize(
      'contact',
      eraseRow('contact', deleteRow(state, CONTACT_ID, '2026-02-01T00:00:00.000Z', t2)),
    );
    expect(erased).not.toHaveProperty('notes');
    expect(erased).not.toHaveProperty('urls');
  });
});

describe('patchFromChanges round trip', () => {
  const emails = fc.subarray(['a@acme.com', 'b@acme.com', 'z@beta.io', 'c@gamma.org']);
  const tags = fc.subarray(['vip', 'Golf', 'lead', 'trade-show']);
  const title = fc.constantFrom(null, 'CEO', 'Buyer');
  const version = fc.record({ emails, tags, title });

  it('applying the diff of before -> after to before gives after', () => {
    fc.assert(
      fc.property(version, version, (v1, v2) => {
        const before = materialize('contact', stateFromEntity('contact', sampleContact(v1), hlcAt(1)));
        const state = applyPatch(
          stateFromEntity('contact', before, hlcAt(1)),
          patchFromChanges('contact', before, sampleContact(v2), hlcAt(2)),
        );
        const after = materialize('contact', state);
        expect(after.emails).toEqual([...v2.emails].sort());
        expect(after.tags).toEqual([...v2.tags].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
        expect(after.title).toBe(v2.title);
      }),
      { numRuns: 60 },
    );
  });
});

describe('parsePatch', () => {
  it('rejects unknown fields, derived fields and bad values with the path', () => {
    expect(() => parsePatch('contact', { fields: { nickname: { v: 'S', t: t1 } } })).toThrow(
      'invalid contact patch: fields: unknown field(s) for contact: nickname',
    );
    expect(() =>
      parsePatch('contact', { fields: { updatedAt: { v: '2026-01-01T00:00:00Z', t: t1 } } }),
    ).toThrow(/unknown field\(s\) for contact: updatedAt/);
    expect(() => parsePatch('customer', { fields: { kind: { v: 'household', t: t1 } } })).toThrow(
      "fields.kind.v: kind must be 'company' or 'person'",
    );
    expect(() => parsePatch('contact', { fields: { name: { v: 'S', t: 'yesterday' } } })).toThrow(
      /fields\.name\.t: expected an HLC such as/,
    );
    expect(() => parsePatch('customerMetrics', { sets: { tags: {} } })).toThrow(
      /unknown set field\(s\) for customerMetrics: tags/,
    );
  });

  it('normalises values and insists that set keys match them', () => {
    expect(
      parsePatch('customer', {
        sets: { domains: { 'acme.com': { v: 'https://www.ACME.com/', on: true, t: t1 } } },
      }),
    ).toEqual({
      sets: { domains: { 'acme.com': { v: 'acme.com', on: true, t: t1 } } },
    });
    expect(() =>
      parsePatch('contact', {
        sets: { emails: { 'Sean@Acme.com': { v: 'Sean@Acme.com', on: true, t: t1 } } },
      }),
    ).toThrow(
      'sets.emails.Sean@Acme.com: element key "Sean@Acme.com" must be "sean@acme.com", the key of its value',
    );
    expect(
      parsePatch('contact', {
        sets: { phones: { '+14155550132': { v: '+1 (415) 555-0132', on: true, t: t1 } } },
      }).sets?.phones,
    ).toEqual({
      '+14155550132': { v: '+14155550132', on: true, t: t1 },
    });
  });

  it('entity definitions classify fields', () => {
    expect(Object.keys(entityDefs.contact.sets).sort()).toEqual([
      'addresses',
      'emailTypes',
      'emails',
      'handles',
      'phoneTypes',
      'phones',
      'preferences.interests',
      'tags',
      'urls',
    ]);
    expect(Object.keys(entityDefs.contact.fields)).toContain('preferences.giftNotes');
    expect(Object.keys(entityDefs.contact.fields)).not.toContain('updatedAt');
    expect(Object.keys(entityDefs.customer.sets).sort()).toEqual(['domains', 'emails']);
    expect(entityDefs.customerMetrics.idKey).toBe('customerId');
  });
});

describe('materialize', () => {
  it('sorts sets by key and reports missing required fields', () => {
    const state = applyPatch(
      null,
      {
        fields: { name: { v: 'Acme', t: t1 }, createdAt: { v: '2026-01-01T00:00:00.000Z', t: t1 } },
        sets: {
          domains: {
            'zeta.io': { v: 'zeta.io', on: true, t: t1 },
            'acme.com': { v: 'acme.com', on: true, t: t1 },
            'old.com': { v: 'old.com', on: false, t: t1 },
          },
        },
      },
      CUSTOMER_ID,
    );
    expect(materialize('company', state).domains).toEqual(['acme.com', 'zeta.io']);
    const result = safeMaterialize('customer', state);
    expect(result.success).toBe(false);
    // Nullable fields fall back to null and sets to []; only the required kind is missing.
    expect(!result.success && result.error.message).toBe(
      `customer ${CUSTOMER_ID} cannot be materialised: kind: kind must be 'company' or 'person'`,
    );
    expect(!result.success && result.error.details).toEqual([
      { path: 'kind', message: "kind must be 'company' or 'person'", code: 'invalid_value' },
    ]);
  });

  it('customer metrics use customerId as the row id and have no timestamps', () => {
    const metrics: CustomerMetrics = {
      customerId: CUSTOMER_ID,
      revenue: '25043.05',
      profit: '-1980.7393',
      orders: 5,
      margin: '-0.0791',
      tier: 'D',
      lastOrderAt: '2017-11-20',
      months: [{ month: '2017-11', revenue: '1200.00', profit: '-35.5' }],
      window: { from: '2016-12-31', to: '2017-12-31', asOf: '2017-12-30', historical: true },
    };
    // The insight fields (churn inputs, buysMostly) a row lacks materialise as null: none known.
    expect(materialize('customerMetrics', stateFromEntity('customerMetrics', metrics, t1))).toEqual({
      ...metrics,
      churn: null,
      buysMostly: null,
    });
  });

  it('an erased contact keeps structure only', () => {
    const state = deleteRow(
      stateFromEntity('contact', sampleContact(), t1),
      CONTACT_ID,
      '2026-02-01T00:00:00.000Z',
      hlcAt(2000),
    );
    const erased = materialize('contact', eraseRow('contact', state));
    expect(erased).toEqual({
      ...sampleContact(),
      name: '[erased]',
      emails: [],
      phones: [],
      handles: [],
      tags: [],
      title: null,
      headline: null,
      preferences: { channel: null, language: null, interests: [], giftNotes: null },
      birthday: null,
      sourceUrl: null,
      location: null,
      updatedAt: '2026-01-01T00:00:02.000Z',
      deletedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(() => eraseRow('contact', emptyRow(CONTACT_ID))).toThrow(/only a deleted row can be erased/);
  });
});
