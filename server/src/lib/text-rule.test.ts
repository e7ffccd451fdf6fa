import { expect, it } from 'vitest';
import { createContact, hlc } from '../routes/sync/sync-kit.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';

const SPLIT_EMOJI = 'Deal \u{1F91D}'.slice(0, 6); // ends in half an emoji, as a careless .slice(0, N) leaves it

forEachStore('text rule', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const rep = await t.member(team, 'rep');
    return { t, team, rep };
  }

  it('a NUL or a lone surrogate in a JSON body is a 400 naming the field; nothing is stored', async () => {
    const { t, team, rep } = await setup();
    const nul = await t.request('POST', '/api/v1/contacts', {
      token: rep.token,
      json: { name: 'Ann', tags: ['ok', 'b\0d'] },
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toEqual({
      code: 'validation_failed',
      message: 'Invalid request body: tags.1: contains a NUL character (U+0000) at position 1',
      details: {
        target: 'body',
        issues: [{ path: 'tags.1', message: 'contains a NUL character (U+0000) at position 1' }],
      },
    });
    const split = await t.request('POST', '/api/v1/contacts', {
      token: rep.token,
      json: { name: SPLIT_EMOJI },
    });
    expect(split.status).toBe(400);
    expect(split.body.error.details.issues[0].path).toBe('name');
    expect(await ctx.store.rowQueries.live(team.id, 'contact')).toEqual([]);
  });

  it('query strings and paths are checked too: GET /contacts?search=%00 is a 400, not a database error', async () => {
    const { t, rep } = await setup();
    const search = await t.request('GET', '/api/v1/contacts?search=%00', { token: rep.token });
    expect(search.status).toBe(400);
    expect(search.body.error.message).toBe(
      'Invalid request query: search: contains a NUL character (U+0000) at position 0',
    );
    const path = await t.request('GET', '/api/v1/contacts/a%00b', { token: rep.token });
    expect(path.status).toBe(400);
    expect(path.body.error.details.target).toBe('path');
  });

  it('a JSON body must be plain UTF-8: a byte order mark or invalid bytes are refused', async () => {
    const { t, rep } = await setup();
    const bom = await t.request('POST', '/api/v1/contacts', {
      token: rep.token,
      body: `\uFEFF${JSON.stringify({ name: 'Ann' })}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(bom.status).toBe(400);
    expect(bom.body.error.code).toBe('invalid_json');
    const latin1 = await t.app.request('/api/v1/contacts', {
      method: 'POST',
      headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), // {"name":"é"} in Latin-1
    });
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as { error: { message: string } }).error.message).toBe(
      'The request body is not valid UTF-8',
    );
  });

  it('a push rejects only the mutation with bad text; the valid ones in the batch apply', async () => {
    const { t, team, rep } = await setup();
    const good1 = newId();
    const bad = newId();
    const good2 = newId();
    const clientId = newId();
    const res = await t.request('POST', '/api/v1/sync/push', {
      token: rep.token,
      json: {
        clientId,
        mutations: [
          { id: 1, ...createContact(good1, { name: 'Ann' }, hlc(1)) },
          {
            id: 2,
            name: 'contact.upsert',
            args: { id: bad, patch: { fields: { name: { v: 'N\0', t: hlc(2) } } } },
          },
          {
            id: 3,
            name: 'contact.upsert',
            args: { id: bad, patch: { fields: { name: { v: SPLIT_EMOJI, t: hlc(3) } } } },
          },
          { id: 4, ...createContact(good2, { name: 'Bo \u{1F91D}' }, hlc(4)) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.lastMutationId).toBe(4);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(res.body.results[1].reason).toBe(
      'mutation 2 (contact.upsert): args.patch.fields.name.v: contains a NUL character (U+0000) at position 1',
    );
    const names = (await ctx.store.rowQueries.live<{ name: string }>(team.id, 'contact')).map((c) => c.name);
    expect(names.sort()).toEqual(['Ann', 'Bo \u{1F91D}']);
  });
});
