import { describe, expect, it } from 'vitest';
import { eraseContact, updateContact } from '../../extension/background/contacts.ts';
import { expectSynced, SEAN, twoClients, worldPerTest } from './world.ts';

// A bug the simulation found (seeds 4 and 5 on SQLite, most rep seeds), reduced to scripted
// reproductions: a push refused on the server whose answer was lost was re-sent, answered
// 'duplicate', and the client kept the refused change as applied. Fixed in server/src/sync/push.ts.

const newWorld = worldPerTest();

describe('a refusal whose answer was lost', () => {
  it('reaches the client when the push is re-sent: the refused interaction goes and is listed', async () => {
    const world = await newWorld({ seed: 1, clients: 2, store: 'sqlite' });
    const [a, b] = twoClients(world);
    const { contactId } = await a.capture({ ...SEAN, source: 'manual' });
    await expectSynced(a, b);
    await eraseContact(a.services, contactId);
    expect((await a.syncNow()).outcome).toBe('synced');

    // b has not heard of the erase: it logs a call; the server rejects the push, the answer is lost.
    const [logged] = await b.logCall(contactId);
    const interactionId = logged?.interactionId ?? '';
    world.net.heal(false);
    world.net.force(b.index, 'dropResponse');
    expect((await b.syncNow()).outcome).toBe('failed');
    world.net.heal();
    // The retry must be answered with the refusal again (it used to say 'duplicate').
    expect((await b.syncNow()).outcome).toBe('synced');

    expect(await world.store.store.rows.get(world.teamId, 'interaction', interactionId)).toBeUndefined();
    // The refused row is gone locally and the user is told why.
    expect(await b.db.interactions.get(interactionId)).toBeUndefined();
    expect((await b.db.rejected.toArray()).map((r) => r.name)).toEqual(['interaction.add']);
  });

  it("undoes a rep's refused edit when the push is re-sent", async () => {
    const world = await newWorld({ seed: 1, clients: 2, store: 'sqlite', reps: true });
    const [lead, rep] = twoClients(world);
    const { contactId } = await lead.capture({ ...SEAN, source: 'manual' });
    await expectSynced(lead, rep);

    // The rep renames the lead's contact (refused: reps change only their own); the answer is lost.
    await updateContact(rep.services, contactId, { name: 'Alan Turing' });
    world.net.heal(false);
    world.net.force(rep.index, 'dropResponse');
    expect((await rep.syncNow()).outcome).toBe('failed');
    world.net.heal();
    expect((await rep.syncNow()).outcome).toBe('synced');

    expect((await world.store.store.rows.get(world.teamId, 'contact', contactId))?.data.name).toBe(
      'Sean Miller',
    );
    // The rep sees the server's name again and is told the edit was refused.
    expect((await rep.db.contacts.get(contactId))?.data?.name).toBe('Sean Miller');
    expect((await rep.db.rejected.toArray()).map((r) => r.name)).toEqual(['contact.upsert']);
  });
});
