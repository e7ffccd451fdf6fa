import { describe, expect, it } from 'vitest';
import { createTicket, updateTicket } from '../../extension/background/tickets.ts';
import { liveData } from '../../extension/db/records.ts';
import { expectSynced, SEAN, STORES, twoClients, worldPerTest } from './world.ts';

// Two extensions edit one ticket while offline. Fields merge last-writer-wins per field, and the status
// history is a set of {status, at, by}: after sync every replica equals the server and both clients'
// transitions are kept. On both stores.

const newWorld = worldPerTest();

for (const store of STORES) {
  describe(`conflicting offline ticket edits [${store}]`, () => {
    it('converge: per-field last writer wins, every status transition survives', async () => {
      const world = await newWorld({ seed: 12, clients: 2, store });
      const [a, b] = twoClients(world);
      const { contactId } = await a.capture({ ...SEAN, source: 'gmail' });
      const ticket = await createTicket(a.services, {
        contactId,
        title: 'Chairs arrived broken',
        category: 'delivery',
        severity: 'medium',
        channel: 'email',
        description: 'Two chairs cracked.',
        assignToMe: false,
      });
      await expectSynced(a, b);
      const opened = ticket.history[0]?.at as string;

      // Offline: A starts work, takes it and raises the severity; a minute later B resolves it with the
      // customer's score. Neither has seen the other's change.
      world.advance(60_000);
      await updateTicket(a.services, ticket.id, {
        status: 'in-progress',
        assigneeId: a.user.id,
        severity: 'high',
      });
      const startedAt = new Date(a.services.now()).toISOString();
      world.advance(60_000);
      await updateTicket(b.services, ticket.id, {
        status: 'resolved',
        resolution: 'Replaced both chairs',
        satisfaction: 4,
      });
      const resolvedAt = new Date(b.services.now()).toISOString();

      // B syncs first, then A (whose older status must not win), then B again.
      await expectSynced(b, a, b);
      expect(await a.db.rejected.count()).toBe(0);
      expect(await b.db.rejected.count()).toBe(0);

      const row = await world.store.store.rows.get(world.teamId, 'ticket', ticket.id);
      expect(row?.data).toMatchObject({
        status: 'resolved',
        resolvedAt,
        resolution: 'Replaced both chairs',
        satisfaction: 4,
        severity: 'high',
        assigneeId: a.user.id,
        history: [
          { status: 'open', at: opened, by: a.user.id },
          { status: 'in-progress', at: startedAt, by: a.user.id },
          { status: 'resolved', at: resolvedAt, by: b.user.id },
        ],
      });
      for (const client of [a, b])
        expect(liveData(await client.db.tickets.get(ticket.id))).toEqual(row?.data);
    });
  });
}
