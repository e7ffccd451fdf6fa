import { stateFromEntity } from '@rapport/shared/sync/changes';
import { comparePositions, type PullRow } from '@rapport/shared/sync/protocol';
import { describe, expect, it } from 'vitest';
import { saveRows, writeWithVersion } from '../../entities/save.ts';
import type { Store } from '../../store/store.ts';
import { newId } from '../../testing/ids.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { syncRouter } from './sync.index.ts';
import {
  addInteraction,
  createContact,
  erase,
  hlc,
  iso,
  note,
  remove,
  SyncClient,
  upsert,
} from './sync-kit.ts';

const position = (r: PullRow) => ({ version: r.version, entity: r.entity, id: r.id });

/** Writes rows straight through the store, as an import does: one version for all of them. */
function seed(store: Store, teamId: string, changes: Parameters<typeof saveRows>[3]) {
  return writeWithVersion(store, teamId, async (tx, version) => {
    await saveRows(tx, teamId, version, changes, iso(0));
    return { result: version, changed: true };
  });
}

forEachStore('sync pull', (ctx) => {
  async function setup() {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const rep = await t.member(team, 'rep');
    return { t, team, lead, rep };
  }

  it('pages through thousands of rows stamped with one version', async () => {
    const { t, team, lead } = await setup();
    const c = new SyncClient(t, lead.token);
    const contactId = newId();
    await c.push(createContact(contactId, { name: 'Busy' }, hlc(1)));
    const notes = Array.from({ length: 2999 }, (_, i) =>
      stateFromEntity('interaction', { ...note(contactId, lead.user.id), subject: `n${i}` }, hlc(2)),
    );
    await seed(
      ctx.store,
      team.id,
      notes.map((state) => ({ entity: 'interaction' as const, state })),
    );
    // one push stamps all 3000 rows with version 3
    await c.push(erase(contactId, hlc(3)));

    const reader = new SyncClient(t, lead.token);
    const pulled = await reader.pullAll(700);
    expect(pulled.pages.map((p) => [p.rows.length, p.hasMore])).toEqual([
      [700, true],
      [700, true],
      [700, true],
      [700, true],
      [200, false],
    ]);
    const all = pulled.pages.flatMap((p) => p.rows);
    expect(new Set(all.map((r) => r.id)).size).toBe(3000);
    expect(new Set(all.map((r) => r.version))).toEqual(new Set([3]));
    for (let i = 1; i < all.length; i++)
      expect(comparePositions(position(all[i - 1]!), position(all[i]!))).toBe(-1);
    expect(pulled.cookie).toBe('r1.4..');
    expect(pulled.pages.every((p) => p.reset === false && p.aliases.length === 0)).toBe(true);

    const idle = (await reader.pullPage(pulled.cookie)).body;
    expect(idle).toMatchObject({ rows: [], hasMore: false, cookie: 'r1.4..', reset: false });
    const other = newId();
    await c.push(createContact(other, { name: 'Next' }, hlc(4)));
    const next = (await reader.pullPage(pulled.cookie)).body;
    expect(next.rows.map((r) => [r.entity, r.id, r.version])).toEqual([['contact', other, 4]]);
    expect(next.cookie).toBe('r1.5..');
  });

  it('resets a cookie older than the purged tombstones, and refuses a garbage cookie', async () => {
    const { t, team, lead } = await setup();
    const c = new SyncClient(t, lead.token);
    const a = newId();
    const b = newId();
    await c.push(createContact(a, { name: 'A' }, hlc(1)));
    await c.push(createContact(b, { name: 'B' }, hlc(2)));
    const midway = (await c.pullPage(undefined, 1)).body;
    expect(midway.cookie).toBe(`r1.1.contact.${a}`);
    const before = (await c.pullPage(undefined)).body.cookie;
    expect(before).toBe('r1.3..');
    await c.push(remove('contact', a, hlc(3)));
    expect((await c.pullPage(before)).body.rows.map((r) => [r.id, r.state.deleted !== null])).toEqual([
      [a, true],
    ]);

    await ctx.store.rows.purgeDeleted(team.id, 3);
    await ctx.store.teams.setPurgedVersion(team.id, 3);
    for (const stale of [before, midway.cookie, 'r1.0..']) {
      const page = (await c.pullPage(stale)).body;
      expect(page).toMatchObject({ reset: true, hasMore: false, cookie: 'r1.4..' });
      expect(page.rows.map((r) => r.id)).toEqual([b]);
    }
    expect((await c.pullPage('r1.4..')).body).toMatchObject({ reset: false, rows: [] });
    expect((await c.pullPage(undefined)).body).toMatchObject({ reset: false, rows: [{ id: b }] });
    // a cookie from a newer database (e.g. before a restore) starts over too
    expect((await c.pullPage('r1.99..')).body).toMatchObject({ reset: true, rows: [{ id: b }] });
    expect((await c.pullPage(`r1.4.contact.${b}`)).body).toMatchObject({ reset: true });

    for (const garbage of ['hello', `r1.2.widget.${a}`, `r1.x.contact.${a}`, 'r2.1..']) {
      const res = await c.pullPage(garbage);
      expect(res.status).toBe(400);
      expect((res.body as unknown as { error: unknown }).error).toMatchObject({
        code: 'validation_failed',
        details: {
          target: 'query',
          issues: [{ path: 'cookie', message: expect.stringMatching(/not one this server issued/) }],
        },
      });
    }
  });

  it('delivers each alias once, with the page that first reaches its version', async () => {
    const { t, lead } = await setup();
    const c = new SyncClient(t, lead.token);
    const x = newId();
    const y = newId();
    const z = newId();
    await c.push(createContact(x, { name: 'X', emails: ['x@x.test'] }, hlc(1)));
    await c.push(createContact(y, { name: 'Y', emails: ['x@x.test'] }, hlc(2)));
    await c.push(createContact(z, { name: 'Z' }, hlc(3)));
    const alias = { entity: 'contact', fromId: y, toId: x };

    const paged = await new SyncClient(t, lead.token).pullAll(1);
    expect(paged.pages.map((p) => [p.rows.map((r) => [r.id, r.version]), p.aliases])).toEqual([
      [[[x, 2]], [alias]],
      [[[z, 3]], []],
    ]);

    // the survivor changes again: its old version holds no row, the alias still comes exactly once
    await c.push(upsert('contact', x, { name: 'X' }, { name: 'X2' }, hlc(4)));
    const later = await new SyncClient(t, lead.token).pullAll(1);
    expect(later.pages.map((p) => [p.rows.map((r) => [r.id, r.version]), p.aliases])).toEqual([
      [[[z, 3]], [alias]],
      [[[x, 4]], []],
    ]);
    // a client already past the merge does not get it again
    expect((await c.pullPage('r1.3..')).body.aliases).toEqual([]);
    expect((await c.pullPage('r1.2..')).body.aliases).toEqual([alias]);
  });

  it("reports the client's lastMutationId and validates the query", async () => {
    const { t, lead } = await setup();
    const c = new SyncClient(t, lead.token);
    const id = newId();
    await c.push(createContact(id, { name: 'A' }, hlc(1)), addInteraction(note(id, lead.user.id), hlc(2)));
    expect((await c.pullPage(undefined)).body.lastMutationId).toBe(2);
    expect((await new SyncClient(t, lead.token).pullPage(undefined)).body.lastMutationId).toBe(0);

    const bad = async (query: string) => {
      // Raw: malformed queries on purpose (no clientId, unknown keys), which the typed query refuses.
      const res = await t.request('GET', `/api/v1/sync/pull?${query}`, { token: lead.token });
      return [res.status, res.body.error?.code];
    };
    expect(await bad('')).toEqual([400, 'validation_failed']);
    expect(await bad(`clientId=${c.clientId}&limit=0`)).toEqual([400, 'validation_failed']);
    expect(await bad(`clientId=${c.clientId}&limit=5001`)).toEqual([400, 'validation_failed']);
    expect(await bad(`clientId=${c.clientId}&limit=ten`)).toEqual([400, 'validation_failed']);
    expect(await bad(`clientId=${c.clientId}&since=3`)).toEqual([400, 'validation_failed']);
    expect(await bad('clientId=ABC')).toEqual([400, 'validation_failed']);
    const signedOut = routeClient(t, '/sync', syncRouter).api.v1.sync;
    expect((await signedOut.pull.$get({ query: { clientId: c.clientId } })).status).toBe(401);
  });

  describe('server-computed rows', () => {
    it('passes customerMetrics rows through like any other', async () => {
      const { t, team, rep } = await setup();
      const customerId = newId();
      const metrics = stateFromEntity(
        'customerMetrics',
        {
          customerId,
          revenue: '2297200.8603',
          profit: '-1980.7393',
          orders: 5,
          margin: '-0.0009',
          tier: 'D',
          lastOrderAt: '2025-12-30',
          monthProfits: [],
          window: { from: '2025-01-01', to: '2026-01-01', asOf: '2025-12-31', historical: true },
        },
        hlc(1, 'srv'),
      );
      const version = await seed(ctx.store, team.id, [{ entity: 'customerMetrics', state: metrics }]);
      const page = (await new SyncClient(t, rep.token).pullPage(undefined)).body;
      expect(page.rows).toEqual([{ entity: 'customerMetrics', id: customerId, version, state: metrics }]);
    });
  });
});
