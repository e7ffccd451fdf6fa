import { describe, expect, it } from 'vitest';
import { pullResponseJson } from './pull.ts';

const AT = '2026-01-15T09:00:00.000Z';

describe('pullResponseJson', () => {
  it('is the JSON of the page with each stored state spliced in, keys in PullResponse order', () => {
    const state = {
      fields: { name: { v: 'Zoë "Z" \\ Ng', t: '0001767225600000:0000:c1' } },
      sets: {},
      deleted: null,
    };
    const page = {
      cookie: 'r1.7.contact.0190a',
      hasMore: true,
      lastMutationId: 12,
      reset: false,
      rows: [
        {
          entity: 'contact',
          id: '0190a6d2-0000-7000-8000-000000000001',
          version: 7,
          state: JSON.stringify(state),
        },
        // A state stored as jsonb before migration 013 comes back in jsonb's text form: still spliced as it is.
        {
          entity: 'contact',
          id: '0190a6d2-0000-7000-8000-000000000002',
          version: 7,
          state: '{"deleted": null, "fields": {}, "sets": {}}',
        },
      ],
      aliases: [{ entity: 'contact' as const, fromId: 'a', toId: 'b' }],
    };
    const parsed = JSON.parse(pullResponseJson(page, AT));
    expect(parsed).toEqual({
      ...page,
      serverTime: AT,
      rows: [
        { ...page.rows[0], state },
        { ...page.rows[1], state: { deleted: null, fields: {}, sets: {} } },
      ],
    });
    expect(Object.keys(parsed)).toEqual([
      'cookie',
      'hasMore',
      'lastMutationId',
      'reset',
      'rows',
      'aliases',
      'serverTime',
    ]);
  });

  it('writes an empty page', () => {
    const page = { cookie: 'c', hasMore: false, lastMutationId: 0, reset: true, rows: [], aliases: [] };
    expect(JSON.parse(pullResponseJson(page, AT))).toEqual({ ...page, serverTime: AT });
  });
});
