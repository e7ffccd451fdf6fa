// An upsert is validated once (fast-upsert.ts): by its shape before the lock, by value when its row is
// materialised. These tests hold every answer to what the full parse of each mutation says (the same
// status, the same rejection message) and check what the rows hold, on both databases.

import { canonicalJson } from '@rapport/shared/sync/canonical';
import { type MutationEnvelope, safeParseMutation } from '@rapport/shared/sync/mutations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlc, SyncClient } from '../routes/sync/sync-kit.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { isUnverifiedMutation, quickUpsert, sameValue } from './fast-upsert.ts';

type Draft = Omit<MutationEnvelope, 'id'>;
const contact = (id: string, fields: Record<string, unknown>, sets: Record<string, unknown> = {}): Draft => ({
  name: 'contact.upsert',
  args: { id, patch: { fields, sets } },
});
const f = (v: unknown, ms: number) => ({ v, t: hlc(ms) });

describe('sameValue', () => {
  // verifyLanded compared values by these keys (objects by their canonical JSON); sameValue must agree.
  const canonicalKey = (v: unknown) =>
    typeof v === 'object' && v !== null ? `\u0000${canonicalJson(v)}` : v;
  const shuffled = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shuffled);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, shuffled(x)]),
    );
  };
  const valueArb = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      { network: 'x', id: 'ann' },
      { id: 'ann', network: 'x' },
      { a: undefined },
      {},
      [undefined],
      [null],
    ),
  );

  it('answers as comparing canonical JSON does', () => {
    fc.assert(
      fc.property(valueArb, valueArb, fc.boolean(), (a, b, reorder) => {
        const other = reorder ? shuffled(a) : b;
        expect(sameValue(a, other)).toBe(canonicalKey(a) === canonicalKey(other));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('quickUpsert', () => {
  const id = newId();
  const good = { id: 1, ...contact(id, { name: f('Ann', 1), source: f('manual', 1) }) };

  it('takes a well-formed upsert as sent, marked unverified', () => {
    const m = quickUpsert(good);
    expect(m).toEqual(good);
    expect(m !== null && isUnverifiedMutation(m)).toBe(true);
  });

  it.each([
    ['an unknown field', contact(id, { colour: f('red', 1) })],
    ['an entry without its clock', contact(id, { name: { v: 'Ann' } })],
    ['an entry with an extra key', contact(id, { name: { v: 'Ann', t: hlc(1), x: 1 } })],
    ['a bad clock', contact(id, { name: { v: 'Ann', t: 'yesterday' } })],
    ['an upper-case id', contact(id.toUpperCase(), { name: f('Ann', 1) })],
    [
      'a removed set element',
      contact(id, {}, { emails: { 'a@b.test': { v: 'a@b.test', on: false, t: hlc(1) } } }),
    ],
    [
      'a set key that is not its value',
      contact(id, {}, { emails: { 'x@b.test': { v: 'a@b.test', on: true, t: hlc(1) } } }),
    ],
    ['a NUL in a value', contact(id, { name: f('A\u0000nn', 1) })],
    ['another mutation', { name: 'interaction.add', args: {} }],
  ])('leaves %s to the full parse', (_, draft) => {
    expect(quickUpsert({ id: 1, ...draft })).toBeNull();
  });
});

forEachStore('an upsert validated once', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    const data = async (id: string) => (await ctx.store.rows.get(team.id, 'contact', id))?.data;
    return { t, rep, data, client: new SyncClient(t, rep.token) };
  }

  /** What the full parse says of a mutation: null when it passes, else its message. */
  const fullParse = (m: MutationEnvelope) => {
    const p = safeParseMutation(m);
    return p.success ? null : p.error.message;
  };

  it('applies values the schemas normalise, stored normalised, as the full parse did', async () => {
    const { rep, data, client } = await setup();
    const id = newId();
    const res = await client.push(
      contact(
        id,
        { name: f('  Ann Lee ', 1), source: f('manual', 1), ownerId: f(rep.user.id, 1) },
        {
          emails: { 'ann@acme.test': { v: 'ann@acme.test', on: true, t: hlc(1) } },
          // Not E.164 as sent: the phone schema normalises it, so this one is validated in full.
          phones: { '+14155550132': { v: '+1 (415) 555-0132', on: true, t: hlc(1) } },
        },
      ),
    );
    expect(res.body.results).toEqual([{ id: 1, status: 'applied' }]);
    expect(await data(id)).toMatchObject({
      name: 'Ann Lee',
      emails: ['ann@acme.test'],
      phones: ['+14155550132'],
    });
  });

  it('answers every refusal with the full parse’s message and writes nothing of it', async () => {
    const { rep, data, client } = await setup();
    const id = newId();
    await client.push(contact(id, { name: f('Ann', 5), source: f('manual', 5), ownerId: f(rep.user.id, 5) }));
    const gone = newId();
    await client.push(
      contact(gone, { name: f('Bo', 1), source: f('manual', 1), ownerId: f(rep.user.id, 1) }),
      {
        name: 'entity.delete',
        args: { entity: 'contact', id: gone, at: '2026-01-15T09:00:00.000Z', t: hlc(2) },
      },
    );
    const drafts = [
      // A bad value that would win.
      contact(id, { name: f('', 9) }),
      // A bad value that loses its merge (older than the stored name): refused all the same.
      contact(id, { name: f('', 1), title: f('CTO', 9) }),
      // A bad email as a set element.
      contact(id, {}, { emails: { 'not-an-email': { v: 'not-an-email', on: true, t: hlc(9) } } }),
      // A bad value for a tombstoned row.
      contact(gone, { name: f('', 9) }),
      // A good write to the tombstoned row: applied, changes nothing.
      contact(gone, { name: f('Back', 9) }),
      // A create missing its required fields.
      contact(newId(), { title: f('CTO', 9) }),
      // Good: applied.
      contact(id, { title: f('CEO', 10) }),
    ];
    const sent = client.outbox(...drafts);
    const res = await client.send(sent);
    expect(res.status).toBe(200);
    const expected = sent.map((m) => {
      const reason = fullParse(m);
      return reason === null
        ? { id: m.id, status: 'applied' }
        : { id: m.id, status: 'rejected', reason, code: 'invalid' };
    });
    // The full parse passes the required-fields create; materialising refuses it.
    expected[5] = {
      id: sent[5]!.id,
      status: 'rejected',
      reason: expect.stringMatching(/cannot be materialised: /),
      code: 'invalid',
    };
    expect(res.body.results).toEqual(expected);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
      'rejected',
      'applied',
    ]);
    expect(await data(id)).toMatchObject({ name: 'Ann', title: 'CEO', emails: [] });
    expect(await data(gone)).toMatchObject({ name: 'Bo' });
  });
});
