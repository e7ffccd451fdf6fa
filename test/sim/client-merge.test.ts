import type { StoreKind } from '@rapport/server/testing/test-store';
import { describe, expect, it } from 'vitest';
import { eraseContact, updateContact } from '../../extension/background/contacts.ts';
import { liveData } from '../../extension/db/records.ts';
import type { SimClient } from './sim-client.ts';
import { expectSynced, type SimWorld, STORES, twoClients, worldPerTest } from './world.ts';

// The extension's sync client against the real server on both stores, with hand-written offline
// conflicts whose outcome is known: the extension's unit tests run against a fake server that
// merges with the client's own code, so these are the cases where the two must agree.

const newWorld = worldPerTest();

async function pair(store: StoreKind): Promise<[SimWorld, SimClient, SimClient]> {
  const world = await newWorld({ seed: 11, clients: 2, store });
  return [world, ...twoClients(world)];
}

async function syncAll(...clients: SimClient[]) {
  await expectSynced(...clients);
  // A second round brings each client what the others pushed after its pull.
  await expectSynced(...clients);
}

for (const store of STORES) {
  describe(`extension client × real server: offline conflicts [${store}]`, () => {
    it('edits of different fields both survive; the same field goes to the later edit', async () => {
      const [w, a, b] = await pair(store);
      const { contactId } = await a.capture({
        name: 'Sean Miller',
        email: 'sean@acme.com',
        source: 'manual',
      });
      await syncAll(a, b);
      // Both offline: A sets the title, then B sets the location and (later) the title too.
      await updateContact(a.services, contactId, { title: 'Buyer' });
      w.advance(1_000);
      await updateContact(b.services, contactId, { location: 'Chicago' });
      w.advance(1_000);
      await updateContact(b.services, contactId, { title: 'Head of Purchasing' });
      // B syncs first, A last: arrival order must not decide, the edit times do.
      await syncAll(b, a);
      const row = await w.store.store.rows.get(w.teamId, 'contact', contactId);
      expect([row?.data.title, row?.data.location]).toEqual(['Head of Purchasing', 'Chicago']);
      for (const c of [a, b])
        expect((await c.db.contacts.get(contactId))?.data).toMatchObject({
          title: 'Head of Purchasing',
          location: 'Chicago',
        });
    });

    it('emails added on two devices are both kept; one removed on a device stays removed', async () => {
      const [w, a, b] = await pair(store);
      const { contactId } = await a.capture({
        name: 'Ana Lima',
        email: 'ana@shop.example',
        source: 'manual',
      });
      await updateContact(a.services, contactId, { emails: ['ana@shop.example', 'old@shop.example'] });
      await syncAll(a, b);
      await updateContact(a.services, contactId, {
        emails: ['ana@shop.example', 'old@shop.example', 'ana@home.example'],
      });
      w.advance(1_000);
      await updateContact(b.services, contactId, { emails: ['ana@shop.example', 'ana@work.example'] });
      await syncAll(a, b);
      const expected = ['ana@home.example', 'ana@shop.example', 'ana@work.example'];
      const row = await w.store.store.rows.get(w.teamId, 'contact', contactId);
      expect([...((row?.data.emails as string[] | undefined) ?? [])].sort()).toEqual(expected);
      for (const c of [a, b])
        expect([...((await c.db.contacts.get(contactId))?.data?.emails ?? [])].sort()).toEqual(expected);
    });

    it('an erase wins over an offline edit made before or after it, and the content does not come back', async () => {
      const [w, a, b] = await pair(store);
      const { contactId } = await a.capture({
        name: 'Erased Person',
        email: 'gone@acme.com',
        source: 'manual',
      });
      await syncAll(a, b);
      await eraseContact(a.services, contactId);
      w.advance(1_000);
      await updateContact(b.services, contactId, { title: 'Edited after the erase' });
      await syncAll(a, b);
      const row = await w.store.store.rows.get(w.teamId, 'contact', contactId);
      expect(row?.deletedAt).not.toBeNull();
      expect(JSON.stringify(row?.data)).not.toContain('Edited after the erase');
      expect(JSON.stringify(row?.data)).not.toContain('gone@acme.com');
      for (const c of [a, b]) {
        const local = await c.db.contacts.get(contactId);
        expect(liveData(local)).toBeNull();
        expect(JSON.stringify(local ?? {})).not.toContain('Edited after the erase');
        expect(JSON.stringify(local ?? {})).not.toContain('gone@acme.com');
      }
    });
  });
}
