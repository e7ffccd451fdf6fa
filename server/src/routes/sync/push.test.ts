import { materialize } from '@rapport/shared/sync/materialize';
import { describe, expect, it } from 'vitest';
import { newId } from '../../testing/ids.ts';
import { seedTeam, teamWithLeadAndRep } from '../../testing/test-app.ts';
import { restClient as api, read, routeClient } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { syncRouter } from './sync.index.ts';
import {
  addInteraction,
  createContact,
  erase,
  hlc,
  iso,
  note,
  remove,
  rowKey,
  SyncClient,
  upsert,
} from './sync-kit.ts';

forEachStore('sync push', (ctx) => {
  async function setup() {
    const world = await teamWithLeadAndRep(ctx.store);
    const data = async (entity: string, id: string) =>
      (await ctx.store.rows.get(world.team.id, entity, id))?.data;
    return { ...world, data };
  }

  it('applies a push in one new version and pull returns the rows as REST reads them', async () => {
    const { t, rep, version } = await setup();
    const c = new SyncClient(t, rep.token);
    const contactId = newId();
    const n = note(contactId, rep.user.id);
    const res = await c.push(
      createContact(
        contactId,
        { name: 'Sean Miller', emails: ['Sean@Acme.test'], ownerId: rep.user.id },
        hlc(1),
      ),
      addInteraction(n, hlc(2)),
    );
    expect(res.body).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, status: 'applied' },
        { id: 2, status: 'applied' },
      ],
      serverTime: iso(0),
    });
    expect(await version()).toBe(1);

    const page = (await c.pullPage(undefined)).body;
    expect(page).toMatchObject({
      hasMore: false,
      reset: false,
      lastMutationId: 2,
      aliases: [],
      cookie: 'r1.2..',
    });
    expect(page.rows.map((r) => [r.entity, r.id, r.version])).toEqual([
      ['contact', contactId, 1],
      ['interaction', n.id, 1],
    ]);
    const contact = page.rows[0]!.state;
    expect(contact.fields.name).toEqual({ v: 'Sean Miller', t: hlc(1) });
    expect(contact.sets.emails).toEqual({ 'sean@acme.test': { v: 'sean@acme.test', on: true, t: hlc(1) } });
    expect(contact.deleted).toBeNull();

    const rest = await read(api(t, rep.token).contacts[':id'].$get({ param: { id: contactId } }));
    expect(rest.body).toEqual(materialize('contact', contact));
    expect(rest.body).toMatchObject({ name: 'Sean Miller', emails: ['sean@acme.test'], createdAt: iso(1) });
    const restNote = await read(api(t, rep.token).interactions[':id'].$get({ param: { id: n.id } }));
    expect(restNote.body).toMatchObject({ contactId, subject: n.subject, authorId: rep.user.id });
  });

  it('treats a replayed push as duplicates without a new version', async () => {
    const { t, lead, version } = await setup();
    const c = new SyncClient(t, lead.token);
    const body = c.outbox(
      createContact(newId(), { name: 'A' }, hlc(1)),
      createContact(newId(), { name: 'B' }, hlc(2)),
    );
    expect((await c.send(body)).body.lastMutationId).toBe(2);
    // Applied without a remark: nothing logged, the client's lastMutationId is what marks them done.
    expect(await ctx.store.syncClients.logAfter(c.clientId, 0, 10)).toEqual([]);
    expect((await ctx.store.syncClients.get(c.clientId))?.lastMutationId).toBe(2);
    const again = await c.send(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, status: 'duplicate' },
        { id: 2, status: 'duplicate' },
      ],
      serverTime: iso(0),
    });
    expect(await version()).toBe(1);
    // a retry that also carries a new mutation applies only the new one
    const more = c.outbox(createContact(newId(), { name: 'C' }, hlc(3)));
    const overlap = await c.send([...body, ...more]);
    expect(overlap.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'applied',
    ]);
    expect(overlap.body.lastMutationId).toBe(3);
    expect(await version()).toBe(2);
  });

  it('answers a re-sent refused mutation with its refusal again, so a client that lost the answer undoes it', async () => {
    const { t, lead, version } = await setup();
    const c = new SyncClient(t, lead.token);
    const body = c.outbox(createContact(newId(), { name: 'A' }, hlc(1)), {
      name: 'contact.teleport',
      args: {},
    });
    const first = await c.send(body);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected']);
    const again = await c.send(body);
    expect(again.body).toEqual({
      lastMutationId: 2,
      results: [
        { id: 1, status: 'duplicate' },
        { id: 2, status: 'rejected', reason: first.body.results[1].reason, code: 'invalid' },
      ],
      serverTime: iso(0),
    });
    expect(await version()).toBe(1);
  });

  it('refuses a gap with 409 and the lastMutationId to resume from', async () => {
    const { t, lead, version } = await setup();
    const c = new SyncClient(t, lead.token);
    await c.push(createContact(newId(), { name: 'A' }, hlc(1)));
    const lost = c.outbox(createContact(newId(), { name: 'B' }, hlc(2)));
    const later = c.outbox(createContact(newId(), { name: 'C' }, hlc(3)));
    const res = await c.send(later);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: 'mutation_gap',
        message: "Mutation 3 does not follow this client's last applied mutation 1; resend from 2",
        details: { lastMutationId: 1 },
      },
    });
    expect(await version()).toBe(1);
    const resent = await c.send([...lost, ...later]);
    expect(resent.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);

    const fresh = new SyncClient(t, lead.token);
    const first = await fresh.send([{ id: 5, ...createContact(newId(), { name: 'D' }, hlc(4)) }]);
    expect(first.status).toBe(409);
    expect(first.body.error.details).toEqual({ lastMutationId: 0 });
  });

  it("refuses another user's client id with 403, in the team or outside it", async () => {
    const { t, rep, lead } = await setup();
    const c = new SyncClient(t, rep.token);
    await c.push(createContact(newId(), { name: 'A', ownerId: rep.user.id }, hlc(1)));
    const other = new SyncClient(t, lead.token, c.clientId);
    const push = await other.send([{ id: 2, ...createContact(newId(), { name: 'B' }, hlc(2)) }]);
    expect(push.status).toBe(403);
    expect(push.body.error.code).toBe('forbidden');
    expect((await other.pullPage(undefined)).status).toBe(403);
    const stranger = await t.member(await seedTeam(ctx.store, 'Other'), 'admin');
    expect((await new SyncClient(t, stranger.token, c.clientId).pullPage(undefined)).status).toBe(403);
    // the owner carries on
    expect(
      (await c.push(createContact(newId(), { name: 'C', ownerId: rep.user.id }, hlc(3)))).body.lastMutationId,
    ).toBe(2);
  });

  it('answers malformed bodies with 400 JSON errors', async () => {
    const { t, lead } = await setup();
    const clientId = crypto.randomUUID();
    const m = (id: unknown, extra: object = {}) => ({ id, name: 'contact.upsert', args: {}, ...extra });
    const cases: [string, { json?: unknown; body?: string }, string][] = [
      ['broken JSON', { body: '{"clientId":' }, 'invalid_json'],
      ['a string', { json: 'hello' }, 'validation_failed'],
      ['an empty object', { json: {} }, 'validation_failed'],
      ['a bad client id', { json: { clientId: 'phone-1', mutations: [m(1)] } }, 'validation_failed'],
      ['no mutations', { json: { clientId, mutations: [] } }, 'validation_failed'],
      ['mutations not a list', { json: { clientId, mutations: { 1: m(1) } } }, 'validation_failed'],
      ['a gap inside the body', { json: { clientId, mutations: [m(1), m(3)] } }, 'validation_failed'],
      ['id 0', { json: { clientId, mutations: [m(0)] } }, 'validation_failed'],
      ['a fractional id', { json: { clientId, mutations: [m(1.5)] } }, 'validation_failed'],
      ['a text id', { json: { clientId, mutations: [m('1')] } }, 'validation_failed'],
      [
        'an unknown envelope key',
        { json: { clientId, mutations: [m(1, { extra: true })] } },
        'validation_failed',
      ],
      [
        'too many',
        { json: { clientId, mutations: Array.from({ length: 1001 }, (_, i) => m(i + 1)) } },
        'validation_failed',
      ],
    ];
    for (const [what, payload, code] of cases) {
      const headers: Record<string, string> =
        payload.body === undefined ? {} : { 'content-type': 'application/json' };
      // Raw: malformed bodies on purpose, which the typed client cannot send.
      const res = await t.request('POST', '/api/v1/sync/push', { token: lead.token, headers, ...payload });
      expect([what, res.status, res.body.error?.code]).toEqual([what, 400, code]);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
    // Raw: a form-encoded body without a JSON content type, which the typed client cannot send.
    const notJson = await t.request('POST', '/api/v1/sync/push', { token: lead.token, body: 'clientId=1' });
    expect([notJson.status, notJson.body.error.code]).toEqual([415, 'unsupported_media_type']);
    expect(
      (
        await routeClient(t, '/sync', syncRouter).api.v1.sync.push.$post({
          // m(1), typed: m takes any id so that the cases above can send bad ones.
          json: { clientId, mutations: [{ id: 1, name: 'contact.upsert', args: {} }] },
        })
      ).status,
    ).toBe(401);
    expect(await ctx.store.syncClients.get(clientId)).toBeUndefined();
  });

  it('rejects poison and forbidden mutations with reasons, and the queue moves on', async () => {
    const { t, rep, lead, data } = await setup();
    const leads = new SyncClient(t, lead.token);
    const leadContact = newId();
    await leads.push(createContact(leadContact, { name: 'Lead’s', ownerId: lead.user.id }, hlc(1)));

    const c = new SyncClient(t, rep.token);
    const mine = newId();
    const res = await c.push(
      createContact(mine, { name: 'Ann', ownerId: rep.user.id }, hlc(2)),
      { name: 'contact.teleport', args: {} },
      { name: 'contact.upsert', args: { id: mine, patch: { fields: { name: { v: '', t: hlc(3) } } } } },
      upsert('contact', leadContact, {}, { name: 'Mine now' }, hlc(4)),
      createContact(newId(), { name: 'Not mine', ownerId: lead.user.id }, hlc(5)),
      createContact(newId(), { emails: ['half@made.test'] }, hlc(6)),
      addInteraction(note(mine, rep.user.id), hlc(7)),
    );
    const { results } = res.body;
    expect(res.body.lastMutationId).toBe(7);
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'applied',
    ]);
    expect(results[1].reason).toMatch(/^mutation 2: unknown mutation name "contact\.teleport"/);
    expect(results[2].reason).toMatch(/^mutation 3 \(contact\.upsert\): args\.patch\.fields\.name\.v: /);
    expect(results[3].reason).toBe('a rep may only change contacts they own');
    expect(results[4].reason).toBe('a rep creates contacts owned by themselves');
    expect(results[5].reason).toMatch(/cannot be materialised: name: /);
    // Each refusal carries its code for the UIs (@rapport/shared/api-errors REJECTION_CODES).
    expect(results.map((r: { code?: string }) => r.code)).toEqual([
      undefined,
      'invalid',
      'invalid',
      'forbidden',
      'forbidden',
      'invalid',
      undefined,
    ]);
    expect(await data('contact', leadContact)).toMatchObject({ name: 'Lead’s' });

    // The log keeps every refusal with its reason and code; the two plain applied mutations (1 and 7)
    // are not logged: lastMutationId alone answers their re-send.
    const log = await ctx.store.syncClients.logAfter(c.clientId, 0, 10);
    const names = [
      'contact.teleport',
      'contact.upsert',
      'contact.upsert',
      'contact.upsert',
      'contact.upsert',
    ];
    expect(log.map((e) => [e.mutationId, e.name, e.status, e.reason, e.reasonCode])).toEqual(
      results
        .slice(1, 6)
        .map((r: { id: number; status: string; reason?: string; code?: string }, i: number) => [
          r.id,
          names[i],
          'rejected',
          r.reason,
          r.code,
        ]),
    );
    const next = await c.push(upsert('contact', mine, { name: 'Ann' }, { name: 'Ann B' }, hlc(8)));
    expect(next.body).toEqual({
      lastMutationId: 8,
      results: [{ id: 8, status: 'applied' }],
      serverTime: iso(0),
    });
    expect((await c.pullAll()).pages.at(-1)!.lastMutationId).toBe(8);
  });

  it('keeps two offline edits that add different emails', async () => {
    const { t, lead, data } = await setup();
    const laptop = new SyncClient(t, lead.token);
    const phone = new SyncClient(t, lead.token);
    const id = newId();
    await laptop.push(createContact(id, { name: 'Sam', emails: ['a@x.test'] }, hlc(1)));
    await laptop.push(
      upsert('contact', id, { emails: ['a@x.test'] }, { emails: ['a@x.test', 'b@x.test'] }, hlc(10)),
    );
    // the phone, offline since the create, swaps a for c
    await phone.push(
      upsert('contact', id, { emails: ['a@x.test'] }, { emails: ['c@x.test'] }, hlc(11, 'phone')),
    );
    expect((await data('contact', id))?.emails).toEqual(['b@x.test', 'c@x.test']);
  });

  it('resolves concurrent field edits by HLC', async () => {
    const { t, lead, data } = await setup();
    const laptop = new SyncClient(t, lead.token);
    const phone = new SyncClient(t, lead.token);
    const id = newId();
    await laptop.push(createContact(id, { name: 'Sam', title: 'Buyer' }, hlc(1)));
    await phone.push(upsert('contact', id, { name: 'Sam' }, { name: 'Sam Later' }, hlc(20, 'phone')));
    const older = await laptop.push(upsert('contact', id, { name: 'Sam' }, { name: 'Sam Earlier' }, hlc(10)));
    expect(older.body.results).toEqual([{ id: 2, status: 'applied' }]);
    expect(await data('contact', id)).toMatchObject({ name: 'Sam Later' });
  });

  it("refuses changes stamped by a clock running ahead, and no client's clock moves the server's", async () => {
    const { t, team, lead, rep, data } = await setup();
    const laptop = new SyncClient(t, rep.token);
    const id = newId();
    await laptop.push(createContact(id, { name: 'Sam', title: 'Buyer', ownerId: rep.user.id }, hlc(1)));

    // a few minutes fast is a normal clock; a day or 50 years fast is refused, with the reason
    const fourMinutes = 4 * 60_000;
    const day = 24 * 3_600_000;
    const fast = await laptop.push(
      upsert('contact', id, { title: 'Buyer' }, { title: 'Head buyer' }, hlc(fourMinutes)),
      upsert('contact', id, { title: 'Head buyer' }, { title: 'Tomorrow' }, hlc(day)),
      // written by hand: the client-side patch builder refuses a createdAt in year 2286
      {
        name: 'contact.upsert',
        args: { id: newId(), patch: { fields: { name: { v: 'Far', t: '9999999999999:zzzy:x' } } } },
      },
      addInteraction(note(id, rep.user.id), hlc(50 * 365 * day)),
      remove('contact', id, hlc(2 * day), iso(0)),
    );
    expect(fast.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(fast.body.results[1].reason).toMatch(/clock is 1 day ahead of the server's/);
    expect(fast.body.results[2].reason).toMatch(/clock is \d+ years ahead/);
    expect(fast.body.results[1].code).toBe('clock_ahead');
    expect(await data('contact', id)).toMatchObject({ title: 'Head buyer', deletedAt: null });

    // a lead's correction a moment later wins over the edit stamped four minutes ahead
    t.clock.advance(1_000);
    const fixed = await read(
      api(t, lead.token).contacts[':id'].$patch({ param: { id }, json: { title: 'Buyer' } }),
    );
    expect(fixed.status).toBe(200);
    expect(await data('contact', id)).toMatchObject({ title: 'Buyer' });

    // the server's clock stayed on its own time: new rows of this and other teams are dated now
    const other = await seedTeam(ctx.store, 'Other team');
    const otherLead = await t.member(other, 'lead');
    for (const token of [lead.token, otherLead.token]) {
      const created = await read(api(t, token).contacts.$post({ json: { name: 'After' } }));
      expect(created.status).toBe(201);
      expect(created.body.createdAt).toBe(t.clock.now().toISOString());
      expect(created.body.updatedAt).toBe(t.clock.now().toISOString());
    }
    expect(team.id).not.toBe(other.id);
  });

  it("refuses a pushed write naming another team's record or member; a record deleted meanwhile is fine", async () => {
    const { t, lead, rep } = await setup();
    const other = await seedTeam(ctx.store, 'Other team');
    const outsider = await t.member(other, 'lead');
    const theirs = await read(
      api(t, outsider.token).customers.$post({ json: { name: 'Not yours', kind: 'company' } }),
    );
    const ours = await read(api(t, lead.token).customers.$post({ json: { name: 'Ours', kind: 'company' } }));
    expect(
      (await read(api(t, lead.token).customers[':id'].$delete({ param: { id: ours.body.id }, query: {} })))
        .status,
    ).toBe(200);
    const c = new SyncClient(t, lead.token);
    const res = await c.push(
      createContact(newId(), { name: 'A', customerId: theirs.body.id }, hlc(1)),
      createContact(newId(), { name: 'B', ownerId: outsider.user.id }, hlc(2)),
      createContact(newId(), { name: 'C', customerId: ours.body.id, ownerId: rep.user.id }, hlc(3)),
    );
    expect(res.body.results).toEqual([
      {
        id: 1,
        status: 'rejected',
        reason: `customerId: no customer ${theirs.body.id} in your team`,
        code: 'invalid',
      },
      {
        id: 2,
        status: 'rejected',
        reason: `ownerId: no member ${outsider.user.id} in your team`,
        code: 'invalid',
      },
      { id: 3, status: 'applied' },
    ]);
  });

  it('lets a delete win over older and newer edits', async () => {
    const { t, lead, version } = await setup();
    const laptop = new SyncClient(t, lead.token);
    const phone = new SyncClient(t, lead.token);
    const id = newId();
    await laptop.push(createContact(id, { name: 'Gone' }, hlc(1)));
    await laptop.push(remove('contact', id, hlc(20), iso(20)));
    expect(await version()).toBe(2);
    const late = await phone.push(
      upsert('contact', id, { name: 'Gone' }, { name: 'Edited offline' }, hlc(10, 'phone')),
      upsert('contact', id, { name: 'Gone' }, { name: 'Edited later' }, hlc(30, 'phone')),
      remove('contact', id, hlc(31, 'phone'), iso(31)),
    );
    expect(late.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    expect(await version()).toBe(2);
    const row = (await phone.pullAll()).rows.get(rowKey('contact', id))!;
    expect(row.state.deleted).toEqual({ at: iso(20), t: hlc(20) });
    expect(row.state.fields.name).toEqual({ v: 'Gone', t: hlc(1) });
    expect((await read(api(t, lead.token).contacts[':id'].$get({ param: { id } }))).status).toBe(404);
    const missing = await phone.push(remove('contact', newId(), hlc(32, 'phone')));
    expect(missing.body.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^no contact /),
      code: 'not_in_team',
    });
  });

  it('erases a contact and its interactions, purging their content', async () => {
    const { t, team, rep, lead, version, data } = await setup();
    const c = new SyncClient(t, rep.token);
    const id = newId();
    const n1 = note(id, rep.user.id, { body: 'Private details of the call', sourceKey: 'msg-1' });
    const n2 = note(id, rep.user.id, { subject: 'Second call' });
    await c.push(
      createContact(
        id,
        {
          name: 'Pat Private',
          emails: ['pat@private.test'],
          phones: ['+14155550132'],
          title: 'CFO',
          ownerId: rep.user.id,
        },
        hlc(1),
      ),
      addInteraction(n1, hlc(2)),
      addInteraction(n2, hlc(3)),
    );
    const byLead = note(id, lead.user.id, { subject: 'Lead’s note' });
    await new SyncClient(t, lead.token).push(addInteraction(byLead, hlc(4, 'lead')));
    expect(await version()).toBe(2);

    const res = await c.push(erase(id, hlc(10), iso(10)));
    expect(res.body.results).toEqual([{ id: 4, status: 'applied' }]);
    expect(await version()).toBe(3);
    const pulled = await c.pullAll();
    const contact = pulled.rows.get(rowKey('contact', id))!;
    expect(contact.version).toBe(3);
    expect(contact.state).toEqual({
      id,
      fields: {
        createdAt: { v: iso(1), t: hlc(1) },
        name: { v: '[erased]', t: hlc(1) },
        ownerId: { v: rep.user.id, t: hlc(1) },
        source: { v: 'manual', t: hlc(1) },
      },
      sets: {},
      deleted: { at: iso(10), t: hlc(10) },
    });
    for (const n of [n1, n2, byLead]) {
      const row = pulled.rows.get(rowKey('interaction', n.id))!;
      expect(row.version).toBe(3);
      expect(row.state.deleted).toEqual({ at: iso(10), t: hlc(10) });
      expect(Object.keys(row.state.fields).sort()).toEqual(
        [
          'at',
          'authorId',
          'channel',
          'contactId',
          'createdAt',
          'customerId',
          'direction',
          'kind',
          'supersedes',
        ].sort(),
      );
      expect(await data('interaction', n.id)).toMatchObject({
        subject: null,
        summary: null,
        body: null,
        sourceKey: null,
      });
    }
    const rows = [await ctx.store.rows.get(team.id, 'contact', id)];
    for (const n of [n1, n2, byLead]) rows.push(await ctx.store.rows.get(team.id, 'interaction', n.id));
    const stored = JSON.stringify(rows);
    expect(stored).not.toMatch(/pat@private|Pat Private|CFO|Private details|renewal/);

    // content never comes back: late edits and notes on the erased contact change nothing
    const late = await c.push(
      upsert('contact', id, { name: 'Pat Private' }, { name: 'Pat P' }, hlc(5)),
      addInteraction(note(id, rep.user.id), hlc(11)),
    );
    expect(late.body.results).toEqual([
      { id: 5, status: 'applied' },
      { id: 6, status: 'rejected', reason: `contact ${id} was deleted`, code: 'deleted' },
    ]);
    expect(await version()).toBe(3);
    // its email is free again: a new contact with it is not merged into the erased one
    const again = newId();
    await c.push(
      createContact(again, { name: 'Pat', emails: ['pat@private.test'], ownerId: rep.user.id }, hlc(12)),
    );
    const after = await c.pullAll();
    expect(after.aliases).toEqual([]);
    expect(after.rows.get(rowKey('contact', again))?.state.deleted).toBeNull();
  });

  it('serialises parallel pushes of one team into distinct versions, losing nothing', async () => {
    const { t, rep, lead, version } = await setup();
    const clients = [rep, lead, rep, lead, rep].map((m) => new SyncClient(t, m.token));
    const owner = (i: number) => (i % 2 === 0 ? rep.user.id : lead.user.id);
    const ids = clients.map(() => Array.from({ length: 20 }, () => newId()));
    const responses = await Promise.all(
      clients.map((c, i) =>
        c.push(
          ...ids[i]!.map((id, k) =>
            createContact(id, { name: `C${i}-${k}`, ownerId: owner(i) }, hlc(k, `n${i}`)),
          ),
        ),
      ),
    );
    for (const res of responses) expect(res.body.lastMutationId).toBe(20);
    expect(await version()).toBe(5);
    const pulled = await new SyncClient(t, lead.token).pullAll();
    expect(pulled.rows.size).toBe(100);
    const versionsByClient = ids.map(
      (list) => new Set(list.map((id) => pulled.rows.get(rowKey('contact', id))!.version)),
    );
    for (const set of versionsByClient) expect(set.size).toBe(1);
    expect(versionsByClient.map((s) => [...s][0]).sort()).toEqual([1, 2, 3, 4, 5]);

    // the same body sent twice at once: applied once, the other copy is all duplicates
    const c = new SyncClient(t, lead.token);
    const body = c.outbox(createContact(newId(), { name: 'Twice' }, hlc(1)));
    const both = await Promise.all([c.send(body), c.send(body)]);
    expect(both.map((r) => r.body.results[0].status).sort()).toEqual(['applied', 'duplicate']);
    expect(await version()).toBe(6);
  });

  describe('tenant isolation', () => {
    it("another team's token can neither see nor touch the team's rows", async () => {
      const { t, rep, team, version, data } = await setup();
      const a = new SyncClient(t, rep.token);
      const contactId = newId();
      const n = note(contactId, rep.user.id);
      await a.push(
        createContact(contactId, { name: 'Secret', emails: ['s@a.test'], ownerId: rep.user.id }, hlc(1)),
        addInteraction(n, hlc(2)),
      );
      const teamB = await seedTeam(ctx.store, 'B');
      const adminB = await t.member(teamB, 'admin');
      const b = new SyncClient(t, adminB.token);
      const res = await b.push(
        upsert('contact', contactId, {}, { name: 'Pwned' }, hlc(50)),
        remove('contact', contactId, hlc(51)),
        erase(contactId, hlc(52)),
        remove('interaction', n.id, hlc(53)),
        addInteraction(note(contactId, adminB.user.id), hlc(54)),
        createContact(contactId, { name: 'Twin', emails: ['s@a.test'] }, hlc(55)),
      );
      expect(res.body.results.map((r: { status: string; reason?: string }) => [r.status, r.reason])).toEqual([
        ['rejected', expect.stringMatching(/cannot be materialised: source: /)],
        ['rejected', `no contact ${contactId} in your team`],
        ['rejected', `no contact ${contactId} in your team`],
        ['rejected', `no interaction ${n.id} in your team`],
        ['rejected', `no contact ${contactId} in your team`],
        ['applied', undefined],
      ]);
      expect(await data('contact', contactId)).toMatchObject({ name: 'Secret', deletedAt: null });
      expect(await data('interaction', n.id)).toMatchObject({ subject: n.subject, deletedAt: null });
      expect(await version()).toBe(1);
      expect((await ctx.store.rows.get(teamB.id, 'contact', contactId))?.data).toMatchObject({
        name: 'Twin',
      });

      const seenByB = await b.pullAll();
      expect([...seenByB.rows.keys()]).toEqual([rowKey('contact', contactId)]);
      expect(seenByB.rows.get(rowKey('contact', contactId))!.state.fields.name?.v).toBe('Twin');
      expect(seenByB.aliases).toEqual([]);
      const seenByA = await a.pullAll();
      expect(seenByA.rows.get(rowKey('contact', contactId))!.state.fields.name?.v).toBe('Secret');
      expect(team.id).not.toBe(teamB.id);
    });
  });

  it('documents the sync routes in the OpenAPI description', async () => {
    const { t } = await setup();
    // Raw: the OpenAPI document is served by the app itself, not by a typed router.
    const doc = await t.request('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sync/push', '/api/v1/sync/pull', '/api/v1/sync/events']),
    );
    expect(Object.keys(doc.body.paths['/api/v1/sync/push'].post.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '409']),
    );
  });
});
