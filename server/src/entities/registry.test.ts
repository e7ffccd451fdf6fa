import { ENTITIES, ENTITY_NAMES } from '@rapport/shared/entities';
import { describe, expect, it } from 'vitest';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';
import { UNIQUE_IDENTITY_KINDS } from './columns.ts';
import { REST_ENTITIES } from './registry.ts';

describe('server pieces derived from the entity table', () => {
  it('a REST resource for every entity with a path, owned through its owner field', () => {
    expect(REST_ENTITIES.map((r) => [r.entity, r.path, r.selfField, r.insertOnly])).toEqual([
      ['contact', 'contacts', 'ownerId', false],
      ['customer', 'customers', 'ownerId', false],
      ['company', 'companies', null, false],
      ['interaction', 'interactions', 'authorId', true],
      ['opportunity', 'opportunities', 'ownerId', false],
      ['ticket', 'tickets', 'ownerId', false],
      ['surveyResponse', 'surveys', null, false],
      ['product', 'products', null, false],
      ['task', 'tasks', 'assigneeId', false],
    ]);
    expect(REST_ENTITIES.map((r) => r.entity)).toEqual(ENTITY_NAMES.filter((n) => ENTITIES[n].rest !== null));
  });

  it('unique identity kinds are the unique duplicate keys', () => {
    expect(UNIQUE_IDENTITY_KINDS).toEqual({
      contact: ['email', 'linkedin', 'x'],
      customer: ['externalId'],
      interaction: ['sourceKey'],
      product: ['externalId'],
    });
  });
});

forEachStore('REST routes of the entity table', (ctx) => {
  it('serves list, get, create, patch (refused when insert-only) and delete for each REST entity, and nothing else', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const doc = (await t.request('GET', '/api/v1/openapi.json', { token: lead.token })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const rest of REST_ENTITIES) {
      const list = await t.request('GET', `/api/v1/${rest.path}`, { token: lead.token });
      expect(list.status, rest.path).toBe(200);
      expect(list.body).toEqual({ items: [], nextCursor: null });
      expect(Object.keys(doc.paths[`/api/v1/${rest.path}`] ?? {}).sort(), rest.path).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`/api/v1/${rest.path}/{id}`] ?? {}).sort(), rest.path).toEqual(
        rest.insertOnly ? ['delete', 'get'] : ['delete', 'get', 'patch'],
      );
      const patch = await t.request('PATCH', `/api/v1/${rest.path}/0190f2a4-6c1e-7a3b-9c4d-5e6f7a8b9c0d`, {
        token: lead.token,
        json: {},
      });
      expect(patch.status, rest.path).toBe(rest.insertOnly ? 405 : 404);
    }
    expect((await t.request('GET', '/api/v1/customerMetrics', { token: lead.token })).status).toBe(404);
  });
});
