import { seedTeam } from '@rapport/server/testing/test-app';
import { newId } from '@rapport/shared/ids';
import { MAX_CLOCK_AHEAD_MS } from '@rapport/shared/sync/hlc';
import { describe, expect, it } from 'vitest';
import { updateContact } from '../../extension/background/contacts.ts';
import {
  addInteraction,
  createContact,
  hlc,
  note,
  SyncClient as ScriptedClient,
} from '../../server/src/routes/sync/sync-kit.ts';
import { expectSynced, SEAN, type SimWorld, STORES, twoClients, worldPerTest } from './world.ts';

// Clients that misbehave — a device clock decades ahead, mutations that cannot be parsed, a rep
// creating a duplicate of a teammate's contact — must neither break the team's sync nor reach
// anything they may not change. Each case runs on both stores.

const YEAR_MS = 365 * 24 * 3_600_000;

const newWorld = worldPerTest();

/** Every row of the team, as the server holds it. */
async function serverRows(w: SimWorld) {
  return w.store.store.rows.after(w.teamId, { version: 0, entity: '', id: '' }, 1_000_000);
}

for (const store of STORES) {
  describe(`hostile clients [${store}]`, () => {
    it('a device clock 50 years fast neither wins later edits nor dates rows in the future', async () => {
      const world = await newWorld({ seed: 3, clients: 2, store, skewMs: [0, 50 * YEAR_MS] });
      const [lead, fast] = twoClients(world);
      const { contactId } = await lead.capture({ ...SEAN, source: 'manual' });
      // The lead's sync, then the fast device's first, which sets its clock by the server's.
      await expectSynced(lead, fast);

      await updateContact(fast.services, contactId, { title: 'Set by the fast device' });
      expect((await fast.syncNow()).outcome).toBe('synced');
      expect(await fast.db.rejected.count()).toBe(0);
      world.advance(60_000);
      await updateContact(lead.services, contactId, { title: 'Corrected by the lead' });
      await expectSynced(lead, fast);

      const row = await world.store.store.rows.get(world.teamId, 'contact', contactId);
      expect(row?.data.title).toBe('Corrected by the lead');
      expect((await fast.db.contacts.get(contactId))?.data?.title).toBe('Corrected by the lead');
      const now = world.server.clock.now().getTime();
      for (const r of await serverRows(world))
        expect(Date.parse(r.updatedAt), `${r.entity} ${r.id}`).toBeLessThanOrEqual(now + MAX_CLOCK_AHEAD_MS);

      // A scripted client stamping 50 years ahead is refused; the server clock stays on time, for
      // this team and for another one.
      const rogue = new ScriptedClient(
        world.server,
        (await world.server.member({ id: world.teamId } as never, 'lead')).token,
      );
      const far = await rogue.push(
        // written by hand: the client-side patch builder refuses a createdAt in year 2286
        {
          name: 'contact.upsert',
          args: {
            id: newId(),
            patch: { fields: { name: { v: 'From the future', t: '9999999999999:zzzy:x' } } },
          },
        },
        createContact(newId(), { name: 'Fifty years on' }, hlc(50 * YEAR_MS)),
      );
      expect(far.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
      const other = await seedTeam(world.store.store, 'Other team');
      const { token } = await world.server.member(other, 'lead');
      for (const t of [token, rogue.token]) {
        const created = await world.server.request('POST', '/api/v1/contacts', {
          token: t,
          json: { name: 'Now' },
        });
        expect(created.status).toBe(201);
        expect(created.body.updatedAt).toBe(world.server.clock.now().toISOString());
      }
    });

    it('refuses poison mutations one by one while the rest of the batch applies', async () => {
      const world = await newWorld({ seed: 4, clients: 1, store });
      const [lead] = world.clients;
      if (!lead) throw new Error('one client expected');
      world.net.heal();
      const member = await world.server.member({ id: world.teamId } as never, 'rep');
      const rep = new ScriptedClient(world.server, member.token);
      const a = newId();
      const b = newId();
      const res = await rep.push(
        createContact(a, { name: 'Valid before', ownerId: member.user.id }, hlc(1)),
        { name: 'entity.delete', args: { entity: 'contact', id: a, at: '', t: hlc(2) } },
        addInteraction({ ...note(a, member.user.id), at: 'soon' } as never, hlc(3)),
        {
          name: 'contact.upsert',
          args: {
            id: newId(),
            patch: { fields: { name: { v: 'C', t: hlc(4) }, createdAt: { v: 'x', t: hlc(4) } } },
          },
        },
        { name: 'contact.launch', args: {} },
        { name: 'contact.upsert', args: 'not an object' },
        // Postgres cannot store a NUL; a lone surrogate is half an emoji cut by a careless slice.
        createContact(newId(), { name: 'Nul\u0000 byte', ownerId: member.user.id }, hlc(5)),
        addInteraction({ ...note(a, member.user.id), subject: 'Thanks \ud83d' }, hlc(6)),
        createContact(b, { name: 'Valid after', ownerId: member.user.id }, hlc(7)),
        addInteraction(note(a, member.user.id), hlc(8)),
      );
      expect(res.status).toBe(200);
      expect(res.body.lastMutationId).toBe(10);
      expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
        'applied',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'rejected',
        'applied',
        'applied',
      ]);
      for (const r of res.body.results.filter((x: { status: string }) => x.status === 'rejected'))
        expect(r.reason).toMatch(/^mutation \d+/);

      // The extension of another member converges on exactly the valid rows.
      expect((await lead.syncNow()).outcome).toBe('synced');
      const names = (await lead.db.contacts.toArray()).map((c) => c.data?.name).sort();
      expect(names).toEqual(['Valid after', 'Valid before']);
      expect(await lead.db.interactions.count()).toBe(1);
    });

    it("links a rep's capture of a teammate's contact without changing it, keeping the rep's note", async () => {
      const world = await newWorld({ seed: 5, clients: 2, store, reps: true });
      const [lead, rep] = twoClients(world);
      const { contactId } = await lead.capture({ ...SEAN, title: 'CFO', source: 'manual' });
      expect((await lead.syncNow()).outcome).toBe('synced');
      // The rep, offline since before that, saves the same person from a page with a worse name.
      const captured = await rep.capture(
        { name: 'View profile', email: 'sean@acme0.com', title: 'Intern', source: 'manual' },
        'asked for the price list',
      );
      expect(captured.created).toBe(true);
      await expectSynced(rep, rep, lead);

      const row = await world.store.store.rows.get(world.teamId, 'contact', contactId);
      expect(row?.data).toMatchObject({
        name: 'Sean Miller',
        title: 'CFO',
        ownerId: lead.user.id,
        deletedAt: null,
      });
      for (const client of [lead, rep]) {
        const live = (await client.db.contacts.toArray()).filter((c) => c.data && !c.data.deletedAt);
        expect(live.map((c) => c.id)).toEqual([contactId]);
        const notes = await client.db.interactions.toArray();
        expect(notes.map((n) => n.data?.contactId)).toEqual([contactId]);
      }
      expect(await rep.db.rejected.count()).toBe(0);
    });
  });
}
