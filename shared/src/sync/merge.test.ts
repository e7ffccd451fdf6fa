import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patchFromChanges } from './changes.ts';
import { formatHlc } from './hlc.ts';
import { materialize } from './materialize.ts';
import { applyPatch, deleteRow, maxHlc, mergeRows, rowsEqual } from './merge.ts';
import { emptyRow, type Json, type Patch, type RowState } from './row.ts';
import { CONTACT_ID, hlcAt, sampleContact, T0 } from './test-fixtures.ts';

// Small value pools and a narrow HLC range so random histories collide on fields, set elements and
// even on exact HLCs (same wall, counter and node), exercising every tie-break.
const hlcArb = fc
  .record({
    wall: fc.integer({ min: 1, max: 4 }),
    counter: fc.integer({ min: 0, max: 1 }),
    node: fc.constantFrom('a', 'b'),
  })
  .map(({ wall, counter, node }) => formatHlc({ wall: T0 + wall, counter, node }));

type Op =
  | { kind: 'name' | 'title' | 'channel'; v: string | null; t: string }
  | { kind: 'email' | 'tag'; v: string; on: boolean; t: string }
  | { kind: 'delete'; at: string; t: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('name' as const),
    v: fc.constantFrom('Ann Lee', 'Bob Ray', 'Cy Young'),
    t: hlcArb,
  }),
  fc.record({ kind: fc.constant('title' as const), v: fc.constantFrom(null, 'CEO', 'CTO'), t: hlcArb }),
  fc.record({ kind: fc.constant('channel' as const), v: fc.constantFrom(null, 'email', 'phone'), t: hlcArb }),
  fc.record({
    kind: fc.constant('email' as const),
    v: fc.constantFrom('a@x.com', 'b@x.com', 'c@y.org'),
    on: fc.boolean(),
    t: hlcArb,
  }),
  // "VIP" and "vip" share a key: the tie-break on the value decides which spelling shows.
  fc.record({
    kind: fc.constant('tag' as const),
    v: fc.constantFrom('VIP', 'vip', 'lead'),
    on: fc.boolean(),
    t: hlcArb,
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.constantFrom('2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
    t: hlcArb,
  }),
);

function applyOp(state: RowState, op: Op): RowState {
  switch (op.kind) {
    case 'name':
    case 'title':
      return applyPatch(state, { fields: { [op.kind]: { v: op.v, t: op.t } } });
    case 'channel':
      return applyPatch(state, { fields: { 'preferences.channel': { v: op.v, t: op.t } } });
    case 'email':
      return applyPatch(state, { sets: { emails: { [op.v]: { v: op.v, on: op.on, t: op.t } } } });
    case 'tag':
      return applyPatch(state, { sets: { tags: { [op.v.toLowerCase()]: { v: op.v, on: op.on, t: op.t } } } });
    case 'delete':
      return deleteRow(state, state.id, op.at, op.t);
  }
}

// Every replica starts from the same creation patch, written before any random op.
const base = applyPatch(null, patchFromChanges('contact', null, sampleContact(), hlcAt(0)), CONTACT_ID);
const replicaArb = fc.array(opArb, { maxLength: 12 }).map((ops) => ops.reduce(applyOp, base));

describe('mergeRows laws', () => {
  it('is commutative', () => {
    fc.assert(fc.property(replicaArb, replicaArb, (a, b) => rowsEqual(mergeRows(a, b), mergeRows(b, a))));
  });

  it('is associative', () => {
    fc.assert(
      fc.property(replicaArb, replicaArb, replicaArb, (a, b, c) =>
        rowsEqual(mergeRows(mergeRows(a, b), c), mergeRows(a, mergeRows(b, c))),
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        replicaArb,
        replicaArb,
        (a, b) => rowsEqual(mergeRows(a, a), a) && rowsEqual(mergeRows(mergeRows(a, b), b), mergeRows(a, b)),
      ),
    );
  });

  it('applying the same patches in any order gives the same entity', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 15 }),
        fc.infiniteStream(fc.nat()),
        (ops, seeds) => {
          const shuffled = [...ops];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (seeds.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as Op, shuffled[i] as Op];
          }
          const inOrder = ops.reduce(applyOp, base);
          const reordered = shuffled.reduce(applyOp, base);
          expect(materialize('contact', reordered)).toEqual(materialize('contact', inOrder));
          expect(rowsEqual(reordered, inOrder)).toBe(true);
        },
      ),
    );
  });
});

describe('merge rules', () => {
  const before = sampleContact();

  it('two offline adds of different emails both survive', () => {
    const onA = patchFromChanges(
      'contact',
      before,
      { ...before, emails: [...before.emails, 'sean@acme-mail.com'] },
      hlcAt(10, 'a'),
    );
    const onB = patchFromChanges(
      'contact',
      before,
      { ...before, emails: [...before.emails, 'smiller@gmail.com'] },
      hlcAt(12, 'b'),
    );
    const a = applyPatch(base, onA);
    const b = applyPatch(base, onB);
    expect(materialize('contact', mergeRows(a, b)).emails).toEqual([
      'sean.miller@acme.com',
      'sean@acme-mail.com',
      'smiller@gmail.com',
    ]);
    expect(materialize('contact', mergeRows(b, a)).emails).toEqual([
      'sean.miller@acme.com',
      'sean@acme-mail.com',
      'smiller@gmail.com',
    ]);
  });

  it('remove vs add of one element: the later HLC wins', () => {
    const removeAt = (t: string): Patch => ({
      sets: { emails: { 'sean.miller@acme.com': { v: 'sean.miller@acme.com', on: false, t } } },
    });
    const addAt = (t: string): Patch => ({
      sets: { emails: { 'sean.miller@acme.com': { v: 'sean.miller@acme.com', on: true, t } } },
    });
    const removedLast = mergeRows(
      applyPatch(base, removeAt(hlcAt(20, 'a'))),
      applyPatch(base, addAt(hlcAt(15, 'b'))),
    );
    expect(materialize('contact', removedLast).emails).toEqual([]);
    const addedLast = mergeRows(
      applyPatch(base, removeAt(hlcAt(20, 'a'))),
      applyPatch(base, addAt(hlcAt(20, 'b'))),
    );
    expect(materialize('contact', addedLast).emails).toEqual(['sean.miller@acme.com']);
    // An exact HLC tie is resolved as a removal on every replica.
    const tie = mergeRows(
      applyPatch(base, removeAt(hlcAt(20, 'a'))),
      applyPatch(base, addAt(hlcAt(20, 'a'))),
    );
    expect(materialize('contact', tie).emails).toEqual([]);
  });

  it('scalar fields are independent registers', () => {
    const a = applyPatch(
      base,
      patchFromChanges('contact', before, { title: 'VP Purchasing' }, hlcAt(30, 'a')),
    );
    const b = applyPatch(
      base,
      patchFromChanges('contact', before, { name: 'Sean P. Miller', title: 'Buyer' }, hlcAt(25, 'b')),
    );
    const merged = materialize('contact', mergeRows(a, b));
    expect(merged.name).toBe('Sean P. Miller');
    expect(merged.title).toBe('VP Purchasing');
    expect(merged.updatedAt).toBe('2026-01-01T00:00:00.030Z');
  });

  it('nested preferences merge member by member', () => {
    const a = applyPatch(
      base,
      patchFromChanges('contact', before, { preferences: { channel: 'phone' } }, hlcAt(5, 'a')),
    );
    const b = applyPatch(
      base,
      patchFromChanges(
        'contact',
        before,
        { preferences: { language: 'zh-CN', interests: ['golf', 'tea'] } },
        hlcAt(6, 'b'),
      ),
    );
    expect(materialize('contact', mergeRows(a, b)).preferences).toEqual({
      channel: 'phone',
      language: 'zh-CN',
      interests: ['golf', 'tea'],
      giftNotes: null,
    });
  });

  it('a delete is permanent and the earliest one is kept', () => {
    const deleted = deleteRow(base, CONTACT_ID, '2026-01-05T00:00:00.000Z', hlcAt(50, 'a'));
    const laterEdit = applyPatch(deleted, { fields: { title: { v: 'CFO', t: hlcAt(60, 'b') } } });
    const laterDelete = deleteRow(base, CONTACT_ID, '2026-01-09T00:00:00.000Z', hlcAt(90, 'b'));
    const merged = mergeRows(laterDelete, laterEdit);
    expect(merged.deleted).toEqual({ at: '2026-01-05T00:00:00.000Z', t: hlcAt(50, 'a') });
    expect(materialize('contact', merged).deletedAt).toBe('2026-01-05T00:00:00.000Z');
    expect(materialize('contact', merged).title).toBe('CFO');
  });

  it('refuses to merge different rows and to patch without an id', () => {
    expect(() => mergeRows(base, emptyRow('0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9cff'))).toThrow(
      /Cannot merge row/,
    );
    expect(() => (applyPatch as unknown as (s: null, p: Patch) => RowState)(null, {})).toThrow(
      /needs the row id/,
    );
  });

  it('maxHlc looks at fields, set elements and the tombstone', () => {
    expect(maxHlc(emptyRow(CONTACT_ID))).toBeNull();
    expect(maxHlc(applyPatch(base, { sets: { tags: { x: { v: 'x', on: true, t: hlcAt(70, 'b') } } } }))).toBe(
      hlcAt(70, 'b'),
    );
    expect(maxHlc(deleteRow(base, CONTACT_ID, '2026-01-05T00:00:00.000Z', hlcAt(80)))).toBe(hlcAt(80));
    // Own entries named like Object.prototype members count too (a parsed "__proto__" key included).
    const parsed = JSON.parse(
      `{"id":"${CONTACT_ID}","fields":{"__proto__":{"v":1,"t":"${hlcAt(90)}"}},"sets":{"tags":{"constructor":{"v":"c","on":true,"t":"${hlcAt(95)}"}}},"deleted":null}`,
    ) as RowState;
    expect(maxHlc(parsed)).toBe(hlcAt(95));
    expect(maxHlc({ ...parsed, sets: {} })).toBe(hlcAt(90));
  });
});

describe('applyPatch on a row not seen before', () => {
  // applyPatch(null, …) builds the row without merging (patchAsRow); it must equal the merge into an
  // empty row that it replaces, including keys that object assignment treats specially.
  const keyArb = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('__proto__', 'constructor', 'toString'),
  );
  const elementArb = fc.record({
    v: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    on: fc.boolean(),
    t: fc.constant(hlcAt(1)),
  });
  const patchArb: fc.Arbitrary<Patch> = fc.record(
    {
      fields: fc.dictionary(
        keyArb,
        fc.record({ v: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, t: fc.constant(hlcAt(1)) }),
      ),
      sets: fc.dictionary(keyArb, fc.dictionary(keyArb, elementArb)),
    },
    { requiredKeys: [] },
  );

  it('keeps a set and an element named "__proto__" as own entries (fast-check seed -785868505)', () => {
    const element = { v: null, on: false, t: hlcAt(1) };
    const sent = JSON.parse(
      `{"sets":{"__proto__":{"__proto__":${JSON.stringify(element)},"v":${JSON.stringify(element)}}}}`,
    ) as Patch;
    const row = applyPatch(null, sent, CONTACT_ID);
    expect(Object.getPrototypeOf(row.sets)).toBe(Object.prototype);
    expect(Object.keys(row.sets)).toEqual(['__proto__']);
    const set = Object.getOwnPropertyDescriptor(row.sets, '__proto__')?.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(set)).toBe(Object.prototype);
    expect(Object.keys(set)).toEqual(['__proto__', 'v']);
    expect(Object.getOwnPropertyDescriptor(set, '__proto__')?.value).toEqual(element);
    // Merging the same patch again changes nothing.
    expect(JSON.stringify(applyPatch(row, sent))).toBe(JSON.stringify(row));
  });

  it('equals merging the patch into an empty row', () => {
    fc.assert(
      fc.property(patchArb, (patch) => {
        // Through JSON, as a push receives it (own "__proto__" keys included).
        const sent = JSON.parse(JSON.stringify(patch)) as Patch;
        const merged = mergeRows(emptyRow(CONTACT_ID), {
          id: CONTACT_ID,
          fields: sent.fields ?? {},
          sets: sent.sets ?? {},
          deleted: null,
        });
        const built = applyPatch(null, sent, CONTACT_ID);
        expect(JSON.stringify(built)).toBe(JSON.stringify(merged));
        expect(Object.keys(built.sets)).toEqual(Object.keys(merged.sets));
        for (const name of Object.keys(merged.sets))
          expect(Object.keys(built.sets[name] ?? {})).toEqual(Object.keys(merged.sets[name] ?? {}));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the sample contact as the merge did', () => {
    const patch = patchFromChanges('contact', null, sampleContact(), hlcAt(1));
    expect(applyPatch(null, patch, CONTACT_ID)).toEqual(
      mergeRows(emptyRow(CONTACT_ID), {
        id: CONTACT_ID,
        fields: patch.fields ?? {},
        sets: patch.sets ?? {},
        deleted: null,
      }),
    );
  });
});
