import { afterEach, describe, expect, it } from 'vitest';
import { eraseContact, updateContact } from '../../extension/background/contacts.ts';
import { createWorld, type SimWorld } from './world.ts';

// A bug the simulation found (seeds 4 and 5 on SQLite, most rep seeds), reduced to scripted
// reproductions: a push refused on the server whose answer was lost was re-sent, answered
// 'duplicate', and the client kept the refused change as applied. Fixed in server/src/sync/push.ts.

let world: SimWorld | undefined;
afterEach(async () => {
  await world?.destroy();
  world = undefined;
});

describe('a refusal whose answer was lost', () => {
  it('reaches the client when the push is re-sent: the refused interaction goes and is listed', async () => {
    world = await createWorld({ seed: 1, clients: 2, store: 'sqlite' });
    const [a, b] = world.clients;
    if (!a || !b) throw new Error('two clients expected');
    world.net.heal();
    const { contactId } = await a.capture({ name: 'Sean Miller', email: 'sean@acme0.com', source: 'manual' });
    expect((await a.syncNow()).outcome).toBe('synced');
    expect((await b.syncNow()).outcome).toBe('synced');
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
    world = await createWorld({ seed: 1, clients: 2, store: 'sqlite', reps: true });
    const [lead, rep] = world.clients;
    if (!lead || !rep) throw new Error('two clients expected');
    world.net.heal();
    const { contactId } = await lead.capture({
      name: 'Sean Miller',
      email: 'sean@acme0.com',
      source: 'manual',
    });
    expect((await lead.syncNow()).outcome).toBe('synced');
    expect((await rep.syncNow()).outcome).toBe('synced');

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
