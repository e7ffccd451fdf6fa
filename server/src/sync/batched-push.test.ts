// A push decides its mutations in memory and writes them at the end (session.ts). These tests hold
// that to the answer of applying the same mutations one request at a time (each then reads what the
// previous one wrote in the database), through the paths where the batch's own earlier mutations
// matter: identities claimed, released and re-claimed, duplicates merged and linked, sourceKeys,
// tombstones, an erase and a rejection in the middle.
import { expect, it } from 'vitest';
import {
  addInteraction,
  createContact,
  createCustomer,
  erase,
  hlc,
  note,
  remove,
  SyncClient,
  upsert,
} from '../routes/sync/sync-kit.ts';
import { newId } from '../testing/ids.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { forEachStore } from '../testing/test-store.ts';

type Draft = Parameters<SyncClient['outbox']>[0];

forEachStore('a push decided in memory', (ctx) => {
  const ids = {
    lead: newId(),
    x: newId(),
    y: newId(),
    z: newId(),
    w: newId(),
    v: newId(),
    c: newId(),
    d: newId(),
    dupOfLead: newId(),
    n1: newId(),
    n2: newId(),
    n3: newId(),
    n4: newId(),
    missing: newId(),
    late1: newId(),
    late2: newId(),
  };

  /** The rep's outbox; `rep` and `lead` are the team's users. */
  function outbox(rep: string): Draft[] {
    return [
      createContact(
        ids.x,
        { name: 'Sean Miller', emails: ['a@acme.test'], phones: ['+14155550132'], ownerId: rep },
        hlc(1),
      ),
      addInteraction(note(ids.x, rep, { id: ids.n1, sourceKey: 'msg-1' }), hlc(2)),
      // The same Gmail message logged again on the same contact: a no-op.
      addInteraction(note(ids.x, rep, { id: ids.n2, sourceKey: 'msg-1' }), hlc(3)),
      // Same email as x, created in the same push: merged into x, y becomes an alias.
      createContact(ids.y, { name: 'Sean M.', emails: ['a@acme.test'], title: 'CTO', ownerId: rep }, hlc(4)),
      // x gives up a@ for b@; z then claims a@ in the same push.
      upsert('contact', ids.x, { emails: ['a@acme.test'] }, { emails: ['b@acme.test'] }, hlc(5)),
      createContact(ids.z, { name: 'Zoe Park', emails: ['a@acme.test'], ownerId: rep }, hlc(6)),
      // A delete releases a@ again; w claims it and c@.
      remove('contact', ids.z, hlc(7)),
      createContact(ids.w, { name: 'Wen Li', emails: ['a@acme.test', 'c@acme.test'], ownerId: rep }, hlc(8)),
      // Logged on y: lands on x through the alias.
      addInteraction(note(ids.y, rep, { id: ids.n3 }), hlc(9)),
      // A note on a contact the team does not have: rejected, the rest goes on.
      addInteraction(note(ids.missing, rep), hlc(10)),
      // A rep's copy of the lead's contact: linked, not merged.
      createContact(ids.dupOfLead, { name: 'Lena', emails: ['lena@lead.test'], ownerId: rep }, hlc(11)),
      createCustomer(ids.c, { name: 'Acme', externalId: 'E-1', ownerId: rep }, hlc(12)),
      createCustomer(ids.d, { name: 'Acme Inc.', externalId: 'E-1', ownerId: rep }, hlc(13)),
      // Erasing w (it reads the database mid-push) releases a@ and c@; v claims c@.
      erase(ids.w, hlc(14)),
      createContact(ids.v, { name: 'Vic', emails: ['c@acme.test'], ownerId: rep }, hlc(15)),
      // msg-1 is held by x's interaction; on v it is another contact's message, so it is logged.
      addInteraction(note(ids.v, rep, { id: ids.n4, sourceKey: 'msg-1' }), hlc(16)),
    ];
  }

  /**
   * The outbox between many plain contacts, so that a push of all of it sends its writes in several
   * parts while it goes on (Postgres sends every 250 rows in the background, session.ts): a merge and
   * an email given up and claimed again each reach back past a part already sent.
   */
  function longOutbox(rep: string): Draft[] {
    const plain = (i: number, at: number) =>
      createContact(
        fillers[i] as string,
        { name: `Filler ${i}`, emails: [`f${i}@acme.test`], ownerId: rep },
        hlc(at),
      );
    return [
      ...Array.from({ length: 300 }, (_, i) => plain(i, 20 + i)),
      ...outbox(rep),
      // Filler 0 (sent in the first part) gives up its email; a new contact then claims it.
      upsert(
        'contact',
        fillers[0] as string,
        { emails: ['f0@acme.test'] },
        { emails: ['g0@acme.test'] },
        hlc(400),
      ),
      createContact(ids.late1, { name: 'Late One', emails: ['f0@acme.test'], ownerId: rep }, hlc(401)),
      // Same email as filler 5 (sent long before): merged into it.
      createContact(
        ids.late2,
        { name: 'Filler Five', emails: ['f5@acme.test'], title: 'CFO', ownerId: rep },
        hlc(402),
      ),
      ...Array.from({ length: 300 }, (_, i) => plain(300 + i, 500 + i)),
    ];
  }
  const fillers = Array.from({ length: 600 }, () => newId());

  /** A new team, the lead's contact, and the rep's outbox pushed in `requests` requests. */
  async function run(perRequest: number, drafts: (rep: string) => Draft[] = outbox) {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const lead = await t.member(team, 'lead');
    const rep = await t.member(team, 'rep');
    await new SyncClient(t, lead.token).push(
      createContact(ids.lead, { name: 'Lena', emails: ['lena@lead.test'], ownerId: lead.user.id }, hlc(0)),
    );
    const client = new SyncClient(t, rep.token);
    const all = client.outbox(...drafts(rep.user.id));
    const results: unknown[] = [];
    for (let i = 0; i < all.length; i += perRequest) {
      const res = await client.send(all.slice(i, i + perRequest));
      expect(res.status).toBe(200);
      results.push(...res.body.results);
    }
    // Team-specific ids (users, the team) become names so two teams' outcomes compare.
    const named = (value: unknown) =>
      JSON.parse(
        JSON.stringify(value)
          .replaceAll(rep.user.id, 'REP')
          .replaceAll(lead.user.id, 'LEAD')
          .replaceAll(team.id, 'TEAM'),
      );
    const rows = await ctx.store.db.all<{
      entity: string;
      id: string;
      data: string;
      deleted_at: string | null;
    }>('SELECT entity, id, data, deleted_at FROM rows WHERE team_id = ? ORDER BY entity, id', [team.id]);
    const identities = await ctx.store.db.all(
      'SELECT entity, kind, value, id FROM identities WHERE team_id = ? ORDER BY entity, kind, value',
      [team.id],
    );
    const aliases = await ctx.store.db.all(
      'SELECT entity, from_id, to_id FROM aliases WHERE team_id = ? ORDER BY entity, from_id',
      [team.id],
    );
    return named({
      results,
      rows: rows.map((r) => ({ ...r, data: JSON.parse(r.data) })),
      identities,
      aliases,
    });
  }

  it('gives every mutation the answer, rows, identities and aliases of applying them one request at a time', async () => {
    const batched = await run(100);
    const oneByOne = await run(1);
    expect(batched).toEqual(oneByOne);

    // And those are the answers the domain rules give (checked by hand).
    expect(batched.results.map((r: { status: string }) => r.status)).toEqual([
      ...Array(9).fill('applied'),
      'rejected',
      ...Array(6).fill('applied'),
    ]);
    expect(batched.results[9].reason).toBe(`no contact ${ids.missing} in your team`);
    expect(batched.results[10].reason).toBe(
      `linked to the existing contact ${ids.lead}, which you may not change: your copy was not merged into it`,
    );
    const holder = (kind: string, value: string) =>
      batched.identities.find((i: { kind: string; value: string }) => i.kind === kind && i.value === value)
        ?.id;
    expect(holder('email', 'b@acme.test')).toBe(ids.x);
    expect(holder('email', 'a@acme.test')).toBeUndefined();
    expect(holder('email', 'c@acme.test')).toBe(ids.v);
    expect(holder('sourceKey', 'msg-1')).toBe(ids.n1);
    expect(holder('externalId', 'E-1')).toBe(ids.c);
    expect(batched.aliases).toEqual(
      [
        { entity: 'contact', from_id: ids.y, to_id: ids.x },
        { entity: 'contact', from_id: ids.dupOfLead, to_id: ids.lead },
        { entity: 'customer', from_id: ids.d, to_id: ids.c },
      ].sort((a, b) => (a.entity + a.from_id < b.entity + b.from_id ? -1 : 1)),
    );
    const row = (id: string) =>
      batched.rows.find((r: { id: string }) => r.id === ids[id as keyof typeof ids]);
    expect(row('x').data).toMatchObject({ name: 'Sean M.', title: 'CTO', emails: ['b@acme.test'] });
    expect(row('z').deleted_at).not.toBeNull();
    expect(row('w').deleted_at).not.toBeNull();
    expect(row('n2')).toBeUndefined();
    expect(row('n3').data.contactId).toBe(ids.x);
    expect(row('n4').data).toMatchObject({ contactId: ids.v, sourceKey: 'msg-1' });
  });

  it('gives a push of 600+ mutations, written in parts as it goes, the answers of smaller pushes', async () => {
    const whole = await run(1_000, longOutbox);
    const small = await run(50, longOutbox);
    expect(whole).toEqual(small);
    // The rules' answers, by hand: everything applied but the note on a missing contact.
    const statuses = whole.results.map((r: { status: string }) => r.status);
    expect(statuses.filter((s: string) => s !== 'applied')).toEqual(['rejected']);
    expect(statuses).toHaveLength(300 + 16 + 3 + 300);
    const holder = (kind: string, value: string) =>
      whole.identities.find((i: { kind: string; value: string }) => i.kind === kind && i.value === value)?.id;
    expect(holder('email', 'g0@acme.test')).toBe(fillers[0]);
    expect(holder('email', 'f0@acme.test')).toBe(ids.late1);
    expect(holder('email', 'f5@acme.test')).toBe(fillers[5]);
    expect(holder('email', 'f599@acme.test')).toBe(fillers[599]);
    expect(whole.aliases).toContainEqual({ entity: 'contact', from_id: ids.late2, to_id: fillers[5] });
    const five = whole.rows.find((r: { id: string }) => r.id === fillers[5]);
    expect(five.data).toMatchObject({ name: 'Filler Five', title: 'CFO', emails: ['f5@acme.test'] });
    // The lead's, the fillers, x, z, w and v of the outbox, and Late One (merged and linked copies are aliases).
    expect(whole.rows.filter((r: { entity: string }) => r.entity === 'contact')).toHaveLength(
      1 + 600 + 4 + 1,
    );
  });
});
