import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { TEXT_LIMITS } from '../limits.ts';
import { ENTITY_NAMES, entityDefs } from '../sync/entities.ts';
import { mutationArgs } from '../sync/mutations.ts';
import { MAX_PUSH_MUTATIONS, PushBody } from '../sync/protocol.ts';
import { sampleContact } from '../sync/test-fixtures.ts';
import { acceptor, UNSURE } from './accept.ts';
import { Contact } from './contact.ts';

/**
 * The accept-only validator's one promise: whatever it accepts, zod accepts too and produces the same
 * value (same keys in the same order, same normalised strings). Checked on generated valid contacts,
 * on the same contacts with one part mutated into something hostile, and on every entity and mutation
 * schema of the table with objects assembled from their own keys and a pool of awkward values.
 */
/** JSON text (so key order too); a push's args may hold anything, bigints included. */
const json = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

function agrees(schema: z.ZodType, input: unknown): 'accepted' | 'unsure' {
  const fast = acceptor(schema)(input);
  if (fast === UNSURE) return 'unsure';
  const full = schema.safeParse(input);
  if (!full.success) throw new Error(`accepted what zod rejects: ${full.error.message}`);
  if (!isDeepStrictEqual(fast, full.data) || json(fast) !== json(full.data))
    throw new Error(`value differs: ${json(fast)} vs ${json(full.data)}`);
  return 'accepted';
}

const uuid = fc
  .tuple(
    fc.nat({ max: 0xffffffff }),
    fc.nat({ max: 0xffff }),
    fc.nat({ max: 0xfff }),
    fc.nat({ max: 0x3fff }),
  )
  .map(
    ([a, b, c, d]) =>
      `0190${a.toString(16).padStart(8, '0').slice(0, 4)}-${b.toString(16).padStart(4, '0')}-7${c.toString(16).padStart(3, '0')}-${(0x8000 | d).toString(16)}-${a.toString(16).padStart(12, '0')}`,
  );
const isoDate = fc
  .integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-01-01') })
  .map((ms) => new Date(ms).toISOString());
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const email = fc
  .tuple(word, fc.constantFrom('acme.com', 'example.co.uk', 'mail.cn'), fc.boolean(), fc.boolean())
  .map(([local, domain, upper, spaced]) => {
    const e = `${local}@${domain}`;
    return `${spaced ? ' ' : ''}${upper ? e.toUpperCase() : e}`;
  });
const phone = fc.oneof(
  fc.constantFrom('+14155550132', '+8613800138000', '+442079460958', '(415) 555-0132', '+1 415 555 0199'),
  fc.stringMatching(/^\+1415555\d{4}$/),
);
const handle = fc.oneof(
  fc.record({ network: fc.constant('linkedin'), id: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}[a-z0-9]$/) }),
  fc.record({ network: fc.constant('x'), id: fc.stringMatching(/^@?[A-Za-z_][A-Za-z0-9_]{1,10}$/) }),
  fc.record({ network: fc.constant('github'), id: fc.stringMatching(/^[A-Za-z][a-z0-9]{0,12}$/) }),
);
const text = (max: number) =>
  fc.string({ maxLength: Math.min(max + 5, 40) }).filter((s) => !/\p{Cs}/u.test(s));

/** A contact that is valid or nearly so (upper-case emails, padded text: values zod normalises). */
const contact = fc
  .record({
    id: uuid,
    createdAt: isoDate,
    updatedAt: isoDate,
    name: fc.oneof(word, fc.constant('  Padded Name  '), fc.constant('x'.repeat(TEXT_LIMITS.name))),
    emails: fc.uniqueArray(email, { maxLength: 3, selector: (e) => e.trim().toLowerCase() }),
    phones: fc.uniqueArray(phone, { maxLength: 2, selector: (p) => p.replace(/\D/g, '') }),
    handles: fc.uniqueArray(handle, { maxLength: 2, selector: (h) => `${h.network}:${h.id.toLowerCase()}` }),
    customerId: fc.option(uuid, { nil: null }),
    title: fc.option(text(TEXT_LIMITS.name), { nil: null }),
    tags: fc.uniqueArray(word, { maxLength: 3 }),
    birthday: fc.constantFrom(null, '03-14', '02-29', '1990-02-28', '2000-02-29'),
    followUpOn: fc.constantFrom(null, '2026-03-01'),
    notes: fc.option(text(100), { nil: undefined }),
  })
  .map((c) => {
    const out: Record<string, unknown> = { ...sampleContact(), ...c };
    if (c.notes === undefined) delete out.notes;
    // Plain objects, as materialise and JSON.parse make them (fast-check's records have another prototype).
    return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
  });

const hostile = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e308,
    -0,
    2 ** 53 + 2,
    '',
    ' ',
    'x'.repeat(TEXT_LIMITS.name + 1),
    'x'.repeat(TEXT_LIMITS.longText + 1),
    'not-an-email',
    'a@b',
    'JANE@ACME.COM',
    '+1 (415) 555',
    '12',
    '2026-02-30',
    '2026-02-30T00:00:00Z',
    '10000-01-01T00:00:00.000Z',
    '2026-01-01T10:00:00+02:00',
    '02-30',
    'javascript:alert(1)',
    'http://',
    'https://example.com/a b',
    '0190F2A4-6C1E-7A3B-9C4D-5E6F7A8B9C0D',
    [null],
    [1, 1],
    ['vip', 'VIP'],
    { network: 'x', id: '@@' },
    { network: 'linkedin', id: 'Sean', extra: 1 },
    {},
    undefined,
  ),
);

/** A key to mutate: one of the schema's own (also nested ones), an unknown one, or __proto__. */
function mutate(base: Record<string, unknown>, key: string, value: unknown, how: number) {
  const clone = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  if (how === 0) clone[key] = value;
  else if (how === 1) delete clone[key];
  else if (how === 2) return JSON.parse(`{"__proto__": {"name": "evil"}, ${JSON.stringify(clone).slice(1)}`);
  else if (how === 3) {
    const nested = clone[key];
    if (Array.isArray(nested)) nested.push(value);
    else if (nested && typeof nested === 'object') (nested as Record<string, unknown>).extra = value;
    else clone[key] = value;
  } else return { ...clone, [`x${key}`]: value };
  return clone;
}

describe('acceptor', () => {
  it('accepts generated contacts with exactly the value zod produces', () => {
    let accepted = 0;
    let valid = 0;
    fc.assert(
      fc.property(contact, (c) => {
        if (Contact.safeParse(c).success) valid += 1;
        if (agrees(Contact, c) === 'accepted') accepted += 1;
      }),
      { numRuns: 2000, seed: 10_4 },
    );
    // Not a validator that is always unsure: every contact zod accepts takes the fast path.
    expect(valid).toBeGreaterThan(1000);
    expect(accepted).toBe(valid);
  });

  it('never accepts a mutated or hostile contact that zod rejects, nor changes its value', () => {
    const keys = [...Object.keys(Contact.shape), 'preferences'];
    fc.assert(
      fc.property(contact, fc.constantFrom(...keys), hostile, fc.nat({ max: 4 }), (c, key, value, how) => {
        agrees(Contact, mutate(c, key, value, how));
      }),
      { numRuns: 4000, seed: 10_5 },
    );
  });

  it('agrees with zod on every entity of the table and every mutation schema', () => {
    const pool = fc.oneof(
      hostile,
      uuid,
      isoDate,
      email,
      phone,
      word,
      fc.constantFrom(null, [], true, 0, 12.5, '12.50', 'USD', 'email', 'open', 'gmail', 'in', 'note'),
    );
    const schemas: [string, z.ZodType][] = [
      ...ENTITY_NAMES.map((n) => [n, entityDefs[n].schema] as [string, z.ZodType]),
      ...Object.entries(mutationArgs).map(([n, s]) => [n, s as z.ZodType] as [string, z.ZodType]),
    ];
    let accepted = 0;
    for (const [name, schema] of schemas) {
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      const keys = Object.keys(shape);
      const object = fc
        .array(fc.tuple(fc.constantFrom(...keys, 'extra'), pool), { maxLength: keys.length + 2 })
        .map((entries) => Object.fromEntries(entries));
      fc.assert(
        fc.property(fc.oneof(object, hostile), (x) => {
          agrees(schema, x);
        }),
        { numRuns: 300, seed: name.length },
      );
      // Each field alone (a whole random entity is rarely valid): its checks, normalisations, nesting.
      for (const [key, field] of Object.entries(shape) as [string, z.ZodType][]) {
        fc.assert(
          fc.property(fc.oneof(pool, fc.array(pool, { maxLength: 3 })), (x) => {
            if (agrees(field, x) === 'accepted') accepted += 1;
          }),
          { numRuns: 60, seed: key.length },
        );
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('agrees with zod on push request bodies, valid, mutated and hostile', () => {
    const args = fc.oneof(
      fc.record({ id: uuid, patch: fc.record({ fields: fc.constant({}) }) }),
      fc.jsonValue(),
    );
    const envelope = (id: number) =>
      fc.record({ id: fc.constant(id), name: fc.constantFrom('contact.upsert', 'task.add', 'x'), args });
    const body = fc
      .tuple(uuid, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 30 }))
      .chain(([clientId, first, n]) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => envelope(first + i))).map((mutations) => ({
          clientId,
          mutations,
        })),
      )
      .map((b) => JSON.parse(JSON.stringify(b)) as Record<string, unknown>);
    let accepted = 0;
    let valid = 0;
    fc.assert(
      fc.property(body, (b) => {
        if (PushBody.safeParse(b).success) valid += 1;
        if (agrees(PushBody, b) === 'accepted') accepted += 1;
      }),
      { numRuns: 500, seed: 10_6 },
    );
    // Every body zod accepts takes the fast path (args pass through as sent, the same reference).
    expect(valid).toBeGreaterThan(400);
    expect(accepted).toBe(valid);
    const sent = {
      clientId: '3b241101-e2bb-4255-8caf-4136c566a962',
      mutations: [{ id: 1, name: 'a', args: {} }],
    };
    expect((acceptor(PushBody)(sent) as typeof sent).mutations[0]?.args).toBe(sent.mutations[0]?.args);

    // Mutated bodies: hostile values anywhere, gaps in the ids, envelope keys missing or extra.
    const where = fc.constantFrom('clientId', 'mutations', 'id', 'name', 'args', 'extra', 'gap', 'drop');
    fc.assert(
      fc.property(body, where, hostile, (b, at, value) => {
        const m = b.mutations as Record<string, unknown>[];
        const first = m[0];
        if (at === 'clientId' || at === 'mutations' || at === 'extra') b[at] = value;
        else if (at === 'gap' && m.length > 1) (m[m.length - 1] as { id: number }).id += 1;
        else if (at === 'drop' && first) delete first.args;
        else if (first) first[at] = value;
        agrees(PushBody, b);
      }),
      { numRuns: 2000, seed: 10_7 },
    );
    // Limits: none and too many mutations are zod's to refuse.
    const many = (n: number) => ({
      clientId: '3b241101-e2bb-4255-8caf-4136c566a962',
      mutations: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: 'a', args: null })),
    });
    expect(acceptor(PushBody)(many(0))).toBe(UNSURE);
    expect(acceptor(PushBody)(many(MAX_PUSH_MUTATIONS + 1))).toBe(UNSURE);
    expect(agrees(PushBody, many(MAX_PUSH_MUTATIONS))).toBe('accepted');
  });

  it('keeps zod as the judge of what it does not model', () => {
    // A rejection is always left to zod (so its message stays the same).
    expect(acceptor(Contact)({ ...sampleContact(), emails: ['not-an-email'] })).toBe(UNSURE);
    expect(acceptor(Contact)({ ...sampleContact(), extra: 1 })).toBe(UNSURE);
    expect(
      acceptor(Contact)(JSON.parse(`{"__proto__": 1, ${JSON.stringify(sampleContact()).slice(1)}`)),
    ).toBe(UNSURE);
    // A value zod normalises comes out normalised, as zod's.
    const padded = acceptor(Contact)({ ...sampleContact(), name: '  Sean  ', emails: ['SEAN@ACME.COM'] });
    expect(padded).toMatchObject({ name: 'Sean', emails: ['sean@acme.com'] });
  });
});
