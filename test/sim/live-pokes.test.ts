import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateContact } from '../../extension/background/contacts.ts';
import { LivePokes } from '../../extension/sync/live.ts';
import { expectSynced, SEAN, twoClients, worldPerTest } from './world.ts';

// The extension's live stream against the real server's GET /sync/events: a change made by another
// member (or by the server: an import, a settings save) pokes; the client's own push does not.

// Registered first, so it runs last: the streams stop before the world goes.
const newWorld = worldPerTest();
const streams: LivePokes[] = [];
afterEach(() => {
  for (const s of streams.splice(0)) s.stop();
});

describe('live pokes', () => {
  it("pull on another member's change and on a settings save, not on the client's own push", async () => {
    const world = await newWorld({ seed: 9, clients: 2, store: 'sqlite' });
    const [a, b] = twoClients(world);
    const { contactId } = await a.capture({ ...SEAN, source: 'manual' });
    await expectSynced(a, b);

    const server = world.server;
    const direct = (url: string, init: RequestInit) =>
      Promise.resolve(
        server.app.request(url, init, { incoming: { socket: { remoteAddress: '127.0.0.1' } } } as never),
      );
    let pokes = 0;
    const live = new LivePokes({ db: b.db, fetch: direct, onPoke: () => pokes++ });
    streams.push(live);
    // Started twice at once (a sync finishing while a poke's sync starts): one stream.
    void live.start();
    void live.start();
    // On connect the server says where the team is: one poke.
    await vi.waitFor(() => expect(pokes).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pokes).toBe(1);

    await updateContact(a.services, contactId, { title: 'Buyer' });
    expect((await a.syncNow()).outcome).toBe('synced');
    await vi.waitFor(() => expect(pokes).toBe(2));

    // b's own push pokes b's stream with b's client id: no pull asked for it.
    await updateContact(b.services, contactId, { title: 'Head buyer' });
    expect((await b.syncNow()).outcome).toBe('synced');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pokes).toBe(2);

    // A settings save moves the version (metrics are recomputed) and pokes every member.
    const lead = await server.member({ id: world.teamId } as never, 'lead');
    const saved = await server.request('PATCH', '/api/v1/settings', {
      token: lead.token,
      json: { tierWindow: { kind: 'all' } },
    });
    expect(saved.status).toBe(200);
    await vi.waitFor(() => expect(pokes).toBe(3));
    expect(live.connected).toBe(true);
    live.stop();
    expect(live.connected).toBe(false);
  });
});
