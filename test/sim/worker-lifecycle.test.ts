// The extension's sync client against the real server in-process, in the situations an MV3 worker
// meets every day: the server is down, the server answers 5xx, and the worker is killed mid-push
// (the server committed, the worker never saw the answer) and a new instance resumes on the same DB.
import { START_POSITION } from '@rapport/server/store/store';
import { describe, expect, it } from 'vitest';
import { readState } from '../../extension/db/sync-state.ts';
import { ExtensionSyncClient } from '../../extension/sync/client.ts';
import { type SimWorld, worldPerTest } from './world.ts';

const newWorld = worldPerTest();

async function onServer(w: SimWorld, entity: string, id: string) {
  return w.store.store.rows.get(w.teamId, entity, id);
}

describe('sync client lifecycle against the real server', () => {
  it('keeps offline writes while the server is down and delivers them when it is back', async () => {
    const world = await newWorld({ seed: 11, clients: 1, store: 'sqlite' });
    const [a] = world.clients;
    if (!a) throw new Error('one client expected');
    world.net.heal(false);
    world.net.setOffline(a.index, true);
    const { contactId } = await a.capture({ name: 'Ada Lovelace', email: 'ada@acme.test', source: 'manual' });
    const [logged] = await a.logCall(contactId, 'asked for a quote');
    expect((await a.syncNow()).outcome).toBe('failed');
    expect(await a.db.outbox.count()).toBeGreaterThan(0);
    expect(await onServer(world, 'contact', contactId)).toBeUndefined();

    world.net.setOffline(a.index, false);
    world.net.heal();
    expect((await a.syncNow()).outcome).toBe('synced');
    expect(await a.db.outbox.count()).toBe(0);
    expect((await onServer(world, 'contact', contactId))?.data).toMatchObject({ name: 'Ada Lovelace' });
    expect((await onServer(world, 'interaction', logged?.interactionId ?? ''))?.data).toMatchObject({
      summary: 'asked for a quote',
    });
  });

  it('backs off on 5xx answers without losing anything, then syncs', async () => {
    const world = await newWorld({ seed: 12, clients: 1, store: 'sqlite' });
    const [a] = world.clients;
    if (!a) throw new Error('one client expected');
    world.net.heal();
    const { contactId } = await a.capture({
      name: 'Grace Hopper',
      email: 'grace@navy.test',
      source: 'manual',
    });
    let calls = 0;
    const failing = new ExtensionSyncClient({
      db: a.db,
      fetch: async () => {
        calls += 1;
        return new Response(
          JSON.stringify({ error: { code: 'unavailable', message: 'down', details: null } }),
          {
            status: 503,
            headers: { 'content-type': 'application/json' },
          },
        );
      },
      now: () => Date.parse('2026-01-15T09:00:00.000Z'),
      random: () => 0.5,
    });
    const result = await failing.sync({ force: true });
    expect(result.outcome).toBe('failed');
    expect(result.outcome === 'failed' && result.retryAt).toBeGreaterThan(
      Date.parse('2026-01-15T09:00:00.000Z'),
    );
    expect(calls).toBe(1);
    // Not forced: it waits for the back-off instead of hammering the server.
    expect((await failing.sync()).outcome).toBe('waiting');
    expect(calls).toBe(1);
    expect(await a.db.outbox.count()).toBeGreaterThan(0);

    expect((await a.syncNow()).outcome).toBe('synced');
    expect(await onServer(world, 'contact', contactId)).toBeDefined();
  });

  it('resumes after the worker is killed mid-push: applied once, nothing lost, nothing twice', async () => {
    const world = await newWorld({ seed: 13, clients: 1, store: 'sqlite' });
    const [a] = world.clients;
    if (!a) throw new Error('one client expected');
    const w = world;
    w.net.heal();
    const { contactId } = await a.capture({
      name: 'Alan Turing',
      email: 'alan@bletchley.test',
      source: 'manual',
    });
    await a.logCall(contactId, 'first call');
    await a.logCall(contactId, 'second call');
    const pending = await a.db.outbox.count();
    expect(pending).toBeGreaterThanOrEqual(3);

    // The first worker: its push reaches the server and commits, then the worker dies before the answer.
    const deliver = w.net.fetchFor(a.index);
    const doomed = new ExtensionSyncClient({
      db: a.db,
      fetch: async (url, init) => {
        const res = await deliver(url, init);
        if (String(url).includes('/sync/push')) throw new Error('service worker terminated');
        return res;
      },
    });
    expect((await doomed.sync({ force: true })).outcome).toBe('failed');
    expect(await a.db.outbox.count()).toBe(pending);
    const clientId = (await readState(a.db, 'clientId')) ?? '';
    // The server did commit them: the new worker's re-send must be answered as duplicates.
    expect((await w.store.store.syncClients.get(clientId))?.lastMutationId).toBe(pending);

    // A new worker: a fresh client instance on the same IndexedDB, no memory of the last one.
    const revived = new ExtensionSyncClient({ db: a.db, fetch: deliver });
    expect((await revived.sync({ force: true })).outcome).toBe('synced');
    expect(await a.db.outbox.count()).toBe(0);

    // Applied once each, none refused: nothing in the log (it keeps refusals and remarks), and the
    // client's lastMutationId did not move past them.
    expect(await w.store.store.syncClients.logAfter(clientId, 0, 100)).toEqual([]);
    expect((await w.store.store.syncClients.get(clientId))?.lastMutationId).toBe(pending);
    const interactions = (await w.store.store.rows.after(w.teamId, START_POSITION, 100)).filter(
      (r) => r.entity === 'interaction',
    );
    expect(interactions.map((r) => (r.data as { summary: string }).summary).sort()).toEqual([
      'first call',
      'second call',
    ]);
  });
});
