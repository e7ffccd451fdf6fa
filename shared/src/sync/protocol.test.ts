import { describe, expect, it } from 'vitest';
import { formatZodError } from '../schemas/errors.ts';
import {
  comparePositions,
  decodeCookie,
  encodeCookie,
  PullQuery,
  PullResponse,
  PushBody,
  START_POSITION,
} from './protocol.ts';
import { CONTACT_ID, CUSTOMER_ID, hlcAt } from './test-fixtures.ts';

const CLIENT = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('PushBody', () => {
  it('accepts consecutive envelopes without checking args', () => {
    const body = PushBody.parse({
      clientId: CLIENT,
      mutations: [
        { id: 4, name: 'x', args: null },
        { id: 5, name: 'contact.erase', args: {} },
      ],
    });
    expect(body.mutations.map((m) => m.id)).toEqual([4, 5]);
  });

  it('rejects gaps, empty pushes and oversized pushes', () => {
    const gap = PushBody.safeParse({
      clientId: CLIENT,
      mutations: [
        { id: 4, name: 'a', args: {} },
        { id: 6, name: 'a', args: {} },
      ],
    });
    expect(gap.error && formatZodError(gap.error)).toBe(
      'mutations[1].id: mutation ids must be consecutive: 6 follows 4',
    );
    const empty = PushBody.safeParse({ clientId: CLIENT, mutations: [] });
    expect(empty.error && formatZodError(empty.error)).toBe('mutations: push at least one mutation');
    const big = PushBody.safeParse({
      clientId: CLIENT,
      mutations: Array.from({ length: 1001 }, (_, i) => ({ id: i + 1, name: 'a', args: {} })),
    });
    expect(big.error && formatZodError(big.error)).toBe('mutations: push at most 1000 mutations at a time');
  });
});

describe('PullQuery', () => {
  it('coerces the limit from the query string and defaults it', () => {
    expect(PullQuery.parse({ clientId: CLIENT })).toEqual({ clientId: CLIENT, limit: 1000 });
    expect(PullQuery.parse({ clientId: CLIENT, cookie: 'r1.3..', limit: '50' })).toEqual({
      clientId: CLIENT,
      cookie: 'r1.3..',
      limit: 50,
    });
    const bad = PullQuery.safeParse({ clientId: CLIENT, limit: '5001' });
    expect(bad.error && formatZodError(bad.error)).toBe('limit: limit must be at most 5000');
  });
});

describe('PullResponse', () => {
  it('checks that a row state belongs to its row', () => {
    const state = { id: CONTACT_ID, fields: { name: { v: 'Sean', t: hlcAt(1) } }, sets: {}, deleted: null };
    const page = {
      cookie: `r1.9.contact.${CONTACT_ID}`,
      hasMore: false,
      lastMutationId: 4,
      reset: false,
      rows: [{ entity: 'contact', id: CONTACT_ID, version: 9, state }],
      aliases: [],
      serverTime: '2026-01-01T00:00:00.000Z',
    };
    expect(PullResponse.parse(page)).toEqual(page);
    expect(PullResponse.safeParse({ ...page, serverTime: 'soon' }).success).toBe(false);
    const wrong = PullResponse.safeParse({
      ...page,
      rows: [{ entity: 'contact', id: CUSTOMER_ID, version: 9, state }],
    });
    expect(wrong.error && formatZodError(wrong.error)).toBe(
      'rows[0].state.id: state.id must equal the row id',
    );
  });
});

describe('cookies', () => {
  it('round-trip positions', () => {
    const pos = { version: 42, entity: 'customerMetrics' as const, id: CUSTOMER_ID };
    expect(encodeCookie(pos)).toBe(`r1.42.customerMetrics.${CUSTOMER_ID}`);
    expect(decodeCookie(encodeCookie(pos))).toEqual(pos);
    expect(decodeCookie(encodeCookie(START_POSITION))).toEqual(START_POSITION);
  });

  it('decode garbage to null (the server then resets)', () => {
    for (const bad of [
      undefined,
      '',
      'hello',
      `r1.x.contact.${CONTACT_ID}`,
      `r1.5.widget.${CONTACT_ID}`,
      'r1.5.contact.',
      `r1.5..${CONTACT_ID}`,
      'r2.5..',
      'r1.99999999999999999..',
    ]) {
      expect(decodeCookie(bad)).toBeNull();
    }
    expect(() => encodeCookie({ version: -1, entity: '', id: '' })).toThrow(/must be a whole number/);
  });

  it('order positions by version, entity, id', () => {
    const a = { version: 2, entity: 'contact' as const, id: CONTACT_ID };
    expect(comparePositions(a, { ...a, version: 3, entity: 'company' })).toBe(-1);
    expect(comparePositions(a, { ...a, entity: 'company' })).toBe(1);
    expect(comparePositions(a, { ...a, id: CUSTOMER_ID })).toBe(-1);
    expect(comparePositions(a, { ...a })).toBe(0);
    expect(comparePositions(START_POSITION, { version: 0, entity: 'company', id: CONTACT_ID })).toBe(-1);
  });
});
