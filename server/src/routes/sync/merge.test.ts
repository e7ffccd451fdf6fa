import { expect, it } from 'vitest';
import { newId } from '../../testing/ids.ts';
import { teamWithLeadAndRep } from '../../testing/test-app.ts';
import { restClient as api } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import {
  addInteraction,
  createContact,
  createCustomer,
  hlc,
  iso,
  note,
  rowKey,
  SyncClient,
  upsert,
} from './sync-kit.ts';

forEachStore('sync duplicate merging', (ctx) => {
  async function setup() {
    const world = await teamWithLeadAndRep(ctx.store);
    const row = (entity: string, id: string) => ctx.store.rows.get(world.team.id, entity, id);
    return { ...world, row };
  }

  it('merges a contact created elsewhere with the same email into the older one, with an alias', async () => {
    const { t, lead, rep, row, version } = await setup();
    const a = new SyncClient(t, rep.token);
    const b = new SyncClient(t, lead.token);
    const x = newId();
    const y = newId();
    const noteA = note(x, rep.user.id);
    await a.push(
      createContact(
        x,
        { name: 'Sean Miller', emails: ['sean@acme.test'], phones: ['+14155550132'], ownerId: rep.user.id },
        hlc(1),
      ),
      addInteraction(noteA, hlc(2)),
    );
    // b captured the same person offline, before seeing x
    const noteB = note(y, lead.user.id, { subject: 'Met at the fair' });
    const res = await b.push(
      createContact(
        y,
        {
          name: 'Sean M.',
          emails: ['SEAN@acme.test', 'sean.m@gmail.test'],
          tags: ['vip'],
          ownerId: lead.user.id,
        },
        hlc(5, 'b'),
      ),
      addInteraction(noteB, hlc(6, 'b')),
    );
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect(await version()).toBe(2);

    const merged = (await row('contact', x))!;
    expect(merged.version).toBe(2);
    expect(merged.data).toMatchObject({
      name: 'Sean M.', // last writer wins
      emails: ['sean.m@gmail.test', 'sean@acme.test'],
      phones: ['+14155550132'],
      tags: ['vip'],
      ownerId: rep.user.id, // the survivor keeps its owner and age
      createdAt: iso(1),
      deletedAt: null,
    });
    expect(await row('contact', y)).toBeUndefined();
    expect((await row('interaction', noteB.id))!.data).toMatchObject({
      contactId: x,
      subject: 'Met at the fair',
    });
    expect((await api(t, lead.token).contacts[':id'].$get({ param: { id: y } })).status).toBe(404);

    for (const client of [a, b]) {
      const pulled = await client.pullAll();
      expect(pulled.aliases).toEqual([{ entity: 'contact', fromId: y, toId: x }]);
      expect(pulled.rows.has(rowKey('contact', y))).toBe(false);
      expect(pulled.rows.get(rowKey('interaction', noteB.id))!.state.fields.contactId?.v).toBe(x);
    }

    // later mutations naming the merged id apply to the survivor
    const later = await b.push(
      upsert('contact', y, { tags: ['vip'] }, { tags: ['vip', 'golf'] }, hlc(7, 'b')),
      addInteraction(note(y, lead.user.id), hlc(8, 'b')),
    );
    expect(later.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect((await row('contact', x))!.data.tags).toEqual(['golf', 'vip']);
    expect(await row('contact', y)).toBeUndefined();
    const notes = await ctx.store.rows.list((await row('contact', x))!.teamId, 'interaction', {
      contactId: x,
      limit: 10,
    });
    expect(notes).toHaveLength(3);
  });

  it('merges every contact a new one bridges into the oldest, re-pointing interactions with a new version', async () => {
    const { t, lead, rep, row, version } = await setup();
    const l = new SyncClient(t, lead.token);
    const x1 = newId();
    const x2 = newId();
    await l.push(
      createContact(x1, { name: 'Pat Lee', emails: ['pat@lee.test'], ownerId: lead.user.id }, hlc(1)),
    );
    await l.push(
      createContact(x2, { name: 'Pat', handles: [{ network: 'linkedin', id: 'pat-lee' }] }, hlc(2)),
    );
    const n1 = note(x1, lead.user.id);
    const n2 = note(x2, lead.user.id, { subject: 'LinkedIn chat' });
    await l.push(addInteraction(n1, hlc(3)), addInteraction(n2, hlc(4)));
    expect(await version()).toBe(3);

    const phone = new SyncClient(t, lead.token);
    const y = newId();
    await phone.push(
      createContact(
        y,
        {
          name: 'Patricia Lee',
          emails: ['pat@lee.test'],
          handles: [{ network: 'linkedin', id: 'pat-lee' }],
          ownerId: lead.user.id,
        },
        hlc(10, 'phone'),
      ),
    );
    expect(await version()).toBe(4);

    const survivor = (await row('contact', x1))!;
    expect(survivor.data).toMatchObject({
      name: 'Patricia Lee',
      emails: ['pat@lee.test'],
      handles: [{ network: 'linkedin', id: 'pat-lee' }],
      ownerId: lead.user.id,
      createdAt: iso(1),
    });
    const loser = (await row('contact', x2))!;
    expect(loser.version).toBe(4);
    expect(loser.deletedAt).toBe(iso(0));
    expect(loser.data).toMatchObject({ name: '[erased]', handles: [] });

    const repointed = (await row('interaction', n2.id))!;
    expect(repointed.version).toBe(4);
    expect(repointed.data).toMatchObject({ contactId: x1, subject: 'LinkedIn chat', deletedAt: null });
    expect((repointed.state as { fields: { contactId: { t: string } } }).fields.contactId.t > hlc(4)).toBe(
      true,
    );
    expect((await row('interaction', n1.id))!.version).toBe(3);

    const pulled = await l.pullAll();
    expect(pulled.aliases).toEqual(
      expect.arrayContaining([
        { entity: 'contact', fromId: y, toId: x1 },
        { entity: 'contact', fromId: x2, toId: x1 },
      ]),
    );
    expect(pulled.aliases).toHaveLength(2);

    // the loser's LinkedIn handle moved to the survivor: the next duplicate lands there too
    const r = new SyncClient(t, rep.token);
    const z = newId();
    await r.push(
      createContact(
        z,
        { name: 'P. Lee', handles: [{ network: 'linkedin', id: 'pat-lee' }], ownerId: rep.user.id },
        hlc(11, 'rep'),
      ),
    );
    expect(await row('contact', z)).toBeUndefined();
    expect((await l.pullAll()).aliases).toEqual([{ entity: 'contact', fromId: z, toId: x1 }]);
  });

  it("links a rep's duplicate of a teammate's contact to it without changing it", async () => {
    const { t, lead, rep, row } = await setup();
    const l = new SyncClient(t, lead.token);
    const r = new SyncClient(t, rep.token);
    const x = newId();
    await l.push(
      createContact(
        x,
        {
          name: 'Sean Miller',
          title: 'CFO',
          emails: ['sean@acme.test'],
          tags: ['vip'],
          ownerId: lead.user.id,
        },
        hlc(1),
      ),
    );
    const before = (await row('contact', x))!;
    const y = newId();
    const logged = note(y, rep.user.id, { subject: 'Asked for the price list' });
    const res = await r.push(
      createContact(
        y,
        {
          name: 'View profile',
          title: 'Intern',
          emails: ['sean@acme.test'],
          tags: ['spam'],
          ownerId: rep.user.id,
        },
        hlc(50, 'rep'),
      ),
      addInteraction(logged, hlc(51, 'rep')),
    );
    expect(res.body.results).toEqual([
      {
        id: 1,
        status: 'applied',
        reason: expect.stringMatching(/^linked to the existing contact .+ may not change/),
      },
      { id: 2, status: 'applied' },
    ]);
    // The remark is logged with the mutation (the sync simulation reads it); the plain note is not.
    expect(
      (await ctx.store.syncClients.logAfter(r.clientId, 0, 10)).map((l) => [
        l.mutationId,
        l.status,
        l.reason,
      ]),
    ).toEqual([[1, 'applied', res.body.results[0].reason]]);
    const after = (await row('contact', x))!;
    expect(after.state).toEqual(before.state);
    expect(after.data).toMatchObject({
      name: 'Sean Miller',
      title: 'CFO',
      tags: ['vip'],
      ownerId: lead.user.id,
    });
    expect(await row('contact', y)).toBeUndefined();
    // the rep's note is kept, on the teammate's contact
    expect((await row('interaction', logged.id))!.data).toMatchObject({
      contactId: x,
      authorId: rep.user.id,
    });
    expect((await r.pullAll()).aliases).toEqual([{ entity: 'contact', fromId: y, toId: x }]);
  });

  it("tombstones none of two teammates' contacts when a rep's new contact holds both emails", async () => {
    const { t, lead, rep, row } = await setup();
    const l = new SyncClient(t, lead.token);
    const a = newId();
    const b = newId();
    await l.push(
      createContact(a, { name: 'Ann', emails: ['ann@x.test'], ownerId: lead.user.id }, hlc(1)),
      createContact(b, { name: 'Bob', emails: ['bob@x.test'], ownerId: lead.user.id }, hlc(2)),
    );
    const r = new SyncClient(t, rep.token);
    const c = newId();
    await r.push(
      createContact(
        c,
        { name: 'Ann and Bob', emails: ['ann@x.test', 'bob@x.test'], ownerId: rep.user.id },
        hlc(3, 'rep'),
      ),
    );
    expect((await row('contact', a))!.data).toMatchObject({
      name: 'Ann',
      emails: ['ann@x.test'],
      deletedAt: null,
    });
    expect((await row('contact', b))!.data).toMatchObject({
      name: 'Bob',
      emails: ['bob@x.test'],
      deletedAt: null,
    });
    expect(await row('contact', c)).toBeUndefined();
    expect((await r.pullAll()).aliases).toEqual([{ entity: 'contact', fromId: c, toId: a }]);

    // a lead may merge the same way: the newer row is folded into the older and tombstoned
    const c2 = newId();
    await l.push(
      createContact(
        c2,
        { name: 'Ann B.', emails: ['ann@x.test', 'bob@x.test'], ownerId: lead.user.id },
        hlc(4),
      ),
    );
    expect((await row('contact', a))!.data).toMatchObject({
      emails: ['ann@x.test', 'bob@x.test'],
      deletedAt: null,
    });
    expect((await row('contact', b))!.deletedAt).not.toBeNull();
  });

  it('records the alias in a new version even when the merge changes no field of the survivor', async () => {
    const { t, lead, row, version } = await setup();
    const c = new SyncClient(t, lead.token);
    const x = newId();
    const y = newId();
    await c.push(createContact(x, { name: 'Same', emails: ['same@x.test'] }, hlc(5)));
    const before = (await row('contact', x))!.state;
    // created offline earlier with the same values: every field of x is newer
    await c.push(createContact(y, { name: 'Same', emails: ['same@x.test'] }, hlc(1, 'offline')));
    expect((await row('contact', x))!.state).toEqual(before);
    expect(await version()).toBe(2);
    const page = (await c.pullPage('r1.2..')).body;
    expect(page.aliases).toEqual([{ entity: 'contact', fromId: y, toId: x }]);
  });

  it('merges customers by externalId and re-points references made in the same push', async () => {
    const { t, lead, row } = await setup();
    const laptop = new SyncClient(t, lead.token);
    const phone = new SyncClient(t, lead.token);
    const c1 = newId();
    const c2 = newId();
    const k = newId();
    await laptop.push(
      createCustomer(c1, { externalId: 'SM-20320', name: 'Sean Miller', kind: 'person' }, hlc(1)),
    );
    await phone.push(
      createCustomer(
        c2,
        { externalId: 'SM-20320', name: 'Sean Miller', kind: 'person', domains: ['miller.test'] },
        hlc(2, 'p'),
      ),
      createContact(k, { name: 'Sean', customerId: c2 }, hlc(3, 'p')),
    );
    expect(await row('customer', c2)).toBeUndefined();
    expect((await row('customer', c1))!.data).toMatchObject({
      externalId: 'SM-20320',
      domains: ['miller.test'],
    });
    expect((await row('contact', k))!.data.customerId).toBe(c1);
    expect((await phone.pullAll()).aliases).toEqual([{ entity: 'customer', fromId: c2, toId: c1 }]);
  });

  it('adds an interaction once per id and once per sourceKey on a contact', async () => {
    const { t, lead, row, version } = await setup();
    const c = new SyncClient(t, lead.token);
    const p = newId();
    const q = newId();
    await c.push(createContact(p, { name: 'P' }, hlc(1)), createContact(q, { name: 'Q' }, hlc(2)));
    const first = note(p, lead.user.id, { sourceKey: 'gmail-123' });
    await c.push(addInteraction(first, hlc(3)));
    expect(await version()).toBe(2);

    const again = await c.push(
      addInteraction({ ...first, subject: 'changed' }, hlc(4)),
      addInteraction(note(p, lead.user.id, { sourceKey: 'gmail-123' }), hlc(5)),
    );
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect(await version()).toBe(2);
    expect((await row('interaction', first.id))!.data.subject).toBe(first.subject);

    // the same message logged on another contact (a CC) is that contact's interaction, once
    const cc = note(q, lead.user.id, { sourceKey: 'gmail-123' });
    const ccAgain = note(q, lead.user.id, { sourceKey: 'gmail-123' });
    await c.push(addInteraction(cc, hlc(6)), addInteraction(ccAgain, hlc(7)));
    expect(await version()).toBe(3);
    expect(await row('interaction', cc.id)).toBeDefined();
    expect(await row('interaction', ccAgain.id)).toBeUndefined();
  });
});
