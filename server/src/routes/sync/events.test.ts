import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { pokes, pokeTeam } from '../../sync/pokes.ts';
import { newId } from '../../testing/ids.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { createSyncRouter } from './sync.index.ts';
import { createContact, hlc, SyncClient } from './sync-kit.ts';

/** Reads a text/event-stream body: whole events (blank-line separated), comments included. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 2000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!buffer.includes('\n\n')) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (have ${JSON.stringify(buffer)})`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), left),
          ),
        ]);
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
      const end = buffer.indexOf('\n\n');
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      return event;
    },
  };
}

/** The data of the next `poke` event, skipping heartbeats. */
async function nextPoke(events: ReturnType<typeof eventReader>): Promise<unknown> {
  for (;;) {
    const event = await events.next();
    if (event.startsWith(':')) continue;
    const lines = event.split('\n');
    expect(lines).toContain('event: poke');
    return JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6));
  }
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

forEachStore('sync events (SSE)', (ctx) => {
  it('pokes the team’s connected clients after commits, only for their team, until they disconnect', async () => {
    const t = createTestApp(ctx.store);
    t.app.route('/api/v1/sync-fast', createSyncRouter({ heartbeatMs: 30 }));
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const rep = await t.member(team, 'rep');
    const other = await t.member(await seedTeam(ctx.store, 'Other'), 'lead');
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const abort = new AbortController();
    try {
      expect((await fetch(`${base}/sync/events`)).status).toBe(401);

      const res = await fetch(`${base}/sync/events`, {
        headers: { authorization: `Bearer ${lead.token}` },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const events = eventReader(res.body!);
      expect(await events.next()).toBe('event: poke\ndata: {"version":0,"clientId":null}\nretry: 5000');
      expect(pokes.listenerCount(team.id)).toBe(1);

      const c = new SyncClient(t, rep.token);
      const body = c.outbox(createContact(newId(), { name: 'A', ownerId: rep.user.id }, hlc(1)));
      await c.send(body);
      expect(await nextPoke(events)).toEqual({ version: 1, clientId: c.clientId });

      // another team's push and a replay that changes nothing poke nobody here
      await new SyncClient(t, other.token).push(createContact(newId(), { name: 'B' }, hlc(2)));
      await c.send(body);
      await c.push(createContact(newId(), { name: 'C', ownerId: rep.user.id }, hlc(3)));
      expect(await nextPoke(events)).toEqual({ version: 2, clientId: c.clientId });
      // other writers (imports) poke through the same hub
      pokeTeam(team.id, 7);
      expect(await nextPoke(events)).toEqual({ version: 7, clientId: null });

      // heartbeats are comment lines
      const fast = await fetch(`${base}/sync-fast/events`, {
        headers: { authorization: `Bearer ${lead.token}` },
        signal: abort.signal,
      });
      const fastEvents = eventReader(fast.body!);
      await fastEvents.next();
      expect(await fastEvents.next()).toBe(': heartbeat');
      expect(pokes.listenerCount(team.id)).toBe(2);

      abort.abort();
      await waitFor(() => pokes.listenerCount(team.id) === 0, 'the streams to unsubscribe');
    } finally {
      abort.abort();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
