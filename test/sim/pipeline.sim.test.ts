import { describe, expect, it } from 'vitest';
import {
  createOpportunity,
  setTaskDone,
  updateOpportunity,
} from '../../extension/background/opportunities.ts';
import { liveData } from '../../extension/db/records.ts';
import { expectSynced, SEAN, STORES, twoClients, worldPerTest } from './world.ts';

// Opportunities and tasks edited while offline, through the extension's own background functions
// against the real server: fields merge last-writer-wins one by one, so after sync every replica
// equals the server, the later stage wins whichever client syncs first, and a rep ticking a task done
// offline survives the lead moving its due day meanwhile. On both stores.

const newWorld = worldPerTest();

for (const store of STORES) {
  describe(`conflicting offline pipeline edits [${store}]`, () => {
    it('an opportunity converges per field: the later stage wins, both clients’ other fields stay', async () => {
      const world = await newWorld({ seed: 21, clients: 2, store });
      const [a, b] = twoClients(world);
      const { contactId } = await a.capture({ ...SEAN, source: 'gmail' });
      const deal = await createOpportunity(a.services, {
        contactId,
        title: 'Autumn chairs',
        amount: '10000.00',
        expectedMargin: '0.3',
        closeDate: null,
        stage: 'proposal',
      });
      await expectSynced(a, b);
      expect(liveData(await b.db.opportunities.get(deal.id))?.stage).toBe('proposal');

      // Offline: A renames it and moves it to negotiation; a minute later B, who has not seen that,
      // raises the amount, dates it and marks it won.
      world.advance(60_000);
      await updateOpportunity(a.services, deal.id, {
        title: 'Autumn chairs, 40 units',
        stage: 'negotiation',
      });
      world.advance(60_000);
      await updateOpportunity(b.services, deal.id, {
        amount: '12500.00',
        closeDate: '2026-12-20',
        stage: 'won',
      });

      // B syncs first, then A (whose older stage must not win), then B again.
      await expectSynced(b, a, b);
      expect(await a.db.rejected.count()).toBe(0);
      expect(await b.db.rejected.count()).toBe(0);

      const row = await world.store.store.rows.get(world.teamId, 'opportunity', deal.id);
      expect(row?.data).toMatchObject({
        title: 'Autumn chairs, 40 units',
        amount: '12500.00',
        expectedMargin: '0.3',
        closeDate: '2026-12-20',
        stage: 'won',
        ownerId: a.user.id,
        contactId,
      });
      for (const client of [a, b])
        expect(liveData(await client.db.opportunities.get(deal.id))).toEqual(row?.data);
    });

    it('a task ticked done offline by the rep keeps the due day the lead moved meanwhile', async () => {
      const world = await newWorld({ seed: 22, clients: 2, store, reps: true });
      const [lead, rep] = twoClients(world);
      const created = await world.server.request('POST', '/api/v1/tasks', {
        token: lead.token,
        json: { title: 'Call Acme about the renewal', due: '2026-01-20', assigneeId: rep.user.id },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await rep.syncNow()).outcome).toBe('synced');
      expect(liveData(await rep.db.tasks.get(id))).toMatchObject({ done: false, due: '2026-01-20' });

      // The rep goes offline and ticks it done; meanwhile the lead moves the due day and adds a note.
      world.net.heal(false);
      world.net.setOffline(1, true);
      world.advance(60_000);
      const ticked = await setTaskDone(rep.services, id, true);
      expect((await rep.syncNow()).outcome).not.toBe('synced');
      world.advance(60_000);
      const moved = await world.server.request('PATCH', `/api/v1/tasks/${id}`, {
        token: lead.token,
        json: { due: '2026-01-27', note: 'They asked for next week' },
      });
      expect(moved.status).toBe(200);

      world.net.heal();
      await expectSynced(rep, lead);
      expect(await rep.db.rejected.count()).toBe(0);

      const row = await world.store.store.rows.get(world.teamId, 'task', id);
      expect(row?.data).toMatchObject({
        done: true,
        doneAt: ticked.doneAt,
        due: '2026-01-27',
        note: 'They asked for next week',
        assigneeId: rep.user.id,
        createdBy: lead.user.id,
      });
      for (const client of [lead, rep]) expect(liveData(await client.db.tasks.get(id))).toEqual(row?.data);
    });
  });
}
