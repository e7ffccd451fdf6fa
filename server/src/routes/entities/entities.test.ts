import { formatHlc } from '@rapport/shared/sync/hlc';
import type { RowState } from '@rapport/shared/sync/row';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { START_POSITION } from '../../store/store.ts';
import { teamWithLeadAndRep } from '../../testing/test-app.ts';
import { restClient as api, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

const T0 = '2026-01-15T09:00:00.000Z';

forEachStore('REST entities', (ctx) => {
  const setup = () => teamWithLeadAndRep(ctx.store);

  describe('contacts', () => {
    it('create normalises, defaults owner and source, and stamps a new team version', async () => {
      const { t, rep, version } = await setup();
      const res = await read(
        api(t, rep.token).contacts.$post({
          json: {
            name: ' Sean Miller ',
            emails: ['Sean.Miller@Acme.COM'],
            handles: [{ network: 'x', id: '@SeanM' }],
          },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Sean Miller',
        emails: ['sean.miller@acme.com'],
        handles: [{ network: 'x', id: 'seanm' }],
        ownerId: rep.user.id,
        source: 'manual',
        createdAt: T0,
        updatedAt: T0,
        deletedAt: null,
        customerId: null,
        tags: [],
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await version()).toBe(1);
      const got = await read(api(t, rep.token).contacts[':id'].$get({ param: { id: res.body.id } }));
      expect(got.body).toEqual(res.body);
    });

    it('lists newest first with search, filters and cursor pages', async () => {
      const { t, rep, lead } = await setup();
      const make = async (token: string, name: string) =>
        (
          await read(
            api(t, token).contacts.$post({ json: { name, emails: [`${name.toLowerCase()}@ex.test`] } }),
          )
        ).body.id;
      const a = await make(rep.token, 'Alice');
      const b = await make(lead.token, 'Bob');
      const c = await make(rep.token, 'Carol');
      const page1 = await read(api(t, rep.token).contacts.$get({ query: { limit: '2' } }));
      expect(page1.body.items.map((x: { id: string }) => x.id)).toEqual([c, b]);
      expect(page1.body.nextCursor).toBe(b);
      const page2 = await read(api(t, rep.token).contacts.$get({ query: { limit: '2', cursor: b } }));
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: a })], nextCursor: null });
      const search = await read(api(t, rep.token).contacts.$get({ query: { search: 'BOB@EX' } }));
      expect(search.body.items.map((x: { name: string }) => x.name)).toEqual(['Bob']);
      const mine = await read(api(t, rep.token).contacts.$get({ query: { ownerId: rep.user.id } }));
      expect(mine.body.items.map((x: { name: string }) => x.name)).toEqual(['Carol', 'Alice']);
      expect((await read(api(t, rep.token).contacts.$get({ query: { limit: '0' } }))).status).toBe(400);
    });

    it('patch merges fields, diffs lists, skips no-ops and validates', async () => {
      const { t, rep, version } = await setup();
      const { body: created } = await read(
        api(t, rep.token).contacts.$post({ json: { name: 'Ann', emails: ['ann@a.test'] } }),
      );
      t.clock.advance(60_000);
      const res = await read(
        api(t, rep.token).contacts[':id'].$patch({
          param: { id: created.id },
          json: { title: 'CFO', emails: ['ann@a.test', 'Ann@B.test'], preferences: { language: 'zh-CN' } },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Ann',
        title: 'CFO',
        emails: ['ann@a.test', 'ann@b.test'],
        updatedAt: '2026-01-15T09:01:00.000Z',
      });
      expect(res.body.preferences).toEqual({
        channel: null,
        language: 'zh-CN',
        interests: [],
        giftNotes: null,
      });
      expect(await version()).toBe(2);
      const same = await read(
        api(t, rep.token).contacts[':id'].$patch({ param: { id: created.id }, json: { title: 'CFO' } }),
      );
      expect(same.body).toEqual(res.body);
      expect(await version()).toBe(2);
      const bad = await read(
        api(t, rep.token).contacts[':id'].$patch({
          param: { id: created.id },
          json: { emails: ['not an email'] },
        }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toBe('emails[0]');
      const unknown = await read(
        api(t, rep.token).contacts[':id'].$patch({ param: { id: created.id }, json: { shoeSize: 44 } }),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/shoeSize/);
      const missing = await read(api(t, rep.token).contacts.$post({ json: { emails: ['x@y.test'] } }));
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/name/);
      expect(
        (
          await read(
            api(t, rep.token).contacts[':id'].$patch({ param: { id: uuidv7() }, json: { title: 'x' } }),
          )
        ).status,
      ).toBe(404);
    });

    it('refuses a duplicate email or handle with 409 naming the existing contact, writing nothing', async () => {
      const { t, rep, lead, version } = await setup();
      const first = (
        await read(api(t, rep.token).contacts.$post({ json: { name: 'A', emails: ['dup@x.test'] } }))
      ).body;
      const dup = await read(
        api(t, lead.token).contacts.$post({ json: { name: 'B', emails: ['DUP@x.test'] } }),
      );
      expect(dup.status).toBe(409);
      expect(dup.body.error.details).toEqual({ existingId: first.id, kind: 'email', value: 'dup@x.test' });
      expect(await version()).toBe(1);
      const second = (await read(api(t, lead.token).contacts.$post({ json: { name: 'B' } }))).body;
      const viaPatch = await read(
        api(t, lead.token).contacts[':id'].$patch({
          param: { id: second.id },
          json: { emails: ['dup@x.test'] },
        }),
      );
      expect(viaPatch.status).toBe(409);
      const sameId = await read(api(t, lead.token).contacts.$post({ json: { id: first.id, name: 'C' } }));
      expect(sameId.status).toBe(409);
    });

    it('delete leaves a tombstone that pulls, frees identities and is idempotent', async () => {
      const { t, team, rep, version } = await setup();
      const c = (
        await read(api(t, rep.token).contacts.$post({ json: { name: 'Gone', emails: ['gone@x.test'] } }))
      ).body;
      t.clock.advance(1000);
      expect(
        (await read(api(t, rep.token).contacts[':id'].$delete({ param: { id: c.id }, query: {} }))).body,
      ).toEqual({
        ok: true,
      });
      expect(await version()).toBe(2);
      expect((await read(api(t, rep.token).contacts[':id'].$get({ param: { id: c.id } }))).status).toBe(404);
      expect((await read(api(t, rep.token).contacts.$get({ query: {} }))).body.items).toEqual([]);
      const withDeleted = await read(api(t, rep.token).contacts.$get({ query: { includeDeleted: 'true' } }));
      expect(withDeleted.body.items[0]).toMatchObject({ id: c.id, deletedAt: '2026-01-15T09:00:01.000Z' });
      // Raw: a flag that is not one, which the typed query refuses to compile.
      const badFlag = await t.request('GET', '/api/v1/contacts?includeDeleted=maybe', { token: rep.token });
      expect(badFlag.status).toBe(400);
      expect(badFlag.body.error.details.issues).toEqual([
        { path: 'includeDeleted', code: 'invalid_value', message: 'expected true or false' },
      ]);
      expect(
        (await read(api(t, rep.token).contacts[':id'].$delete({ param: { id: c.id }, query: {} }))).status,
      ).toBe(200);
      expect(await version()).toBe(2);
      const pulled = await ctx.store.rows.after(team.id, { version: 1, entity: '', id: '' }, 10);
      expect(pulled.map((r) => [r.id, r.version, r.deletedAt])).toEqual([
        [c.id, 2, '2026-01-15T09:00:01.000Z'],
      ]);
      const reuse = await read(
        api(t, rep.token).contacts.$post({ json: { name: 'New', emails: ['gone@x.test'] } }),
      );
      expect(reuse.status).toBe(201);
    });

    it('erase purges the contact and its interactions', async () => {
      const { t, lead } = await setup();
      const c = (
        await read(api(t, lead.token).contacts.$post({ json: { name: 'Private Person', title: 'CEO' } }))
      ).body;
      const note = await read(
        api(t, lead.token).interactions.$post({
          json: {
            contactId: c.id,
            kind: 'note',
            channel: 'phone',
            direction: 'out',
            at: T0,
            subject: 'secret',
            summary: 'very secret',
          },
        }),
      );
      expect(note.status).toBe(201);
      expect(
        (
          await read(
            api(t, lead.token).companies[':id'].$delete({ param: { id: c.id }, query: { erase: 'true' } }),
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await read(
            api(t, lead.token).contacts[':id'].$delete({ param: { id: c.id }, query: { erase: 'true' } }),
          )
        ).status,
      ).toBe(200);
      const [contact] = (await read(api(t, lead.token).contacts.$get({ query: { includeDeleted: 'true' } })))
        .body.items;
      expect(contact).toMatchObject({ name: '[erased]', title: null, emails: [] });
      expect(contact.deletedAt).not.toBeNull();
      const [interaction] = (
        await read(api(t, lead.token).interactions.$get({ query: { includeDeleted: 'true' } }))
      ).body.items;
      expect(interaction).toMatchObject({ id: note.body.id, subject: null, summary: null, kind: 'note' });
      expect(interaction.deletedAt).not.toBeNull();
    });

    it("a server edit wins over a client's earlier write even when that client's clock ran ahead", async () => {
      const { t, team, lead } = await setup();
      const c = (await read(api(t, lead.token).contacts.$post({ json: { name: 'Old' } }))).body;
      const row = (await ctx.store.rows.get(team.id, 'contact', c.id))!;
      const state = row.state as RowState;
      const future = formatHlc({ wall: Date.parse('2026-06-01T00:00:00.000Z'), counter: 0, node: 'client1' });
      const ahead: RowState = {
        ...state,
        fields: { ...state.fields, title: { v: 'From the future', t: future } },
      };
      await ctx.store.rows.put(team.id, 2, [{ ...row, state: ahead }]);
      const res = await read(
        api(t, lead.token).contacts[':id'].$patch({ param: { id: c.id }, json: { title: 'Now' } }),
      );
      expect(res.body.title).toBe('Now');
    });
  });

  describe('roles', () => {
    it('a rep edits what they own; a lead edits everything', async () => {
      const { t, rep, lead } = await setup();
      const leads = (await read(api(t, lead.token).contacts.$post({ json: { name: 'Lead owned' } }))).body;
      const mine = (await read(api(t, rep.token).contacts.$post({ json: { name: 'Rep owned' } }))).body;
      const denied = await read(
        api(t, rep.token).contacts[':id'].$patch({ param: { id: leads.id }, json: { title: 'x' } }),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe('a rep may only change contacts they own');
      expect(
        (await read(api(t, rep.token).contacts[':id'].$delete({ param: { id: leads.id }, query: {} })))
          .status,
      ).toBe(403);
      expect(
        (
          await read(
            api(t, rep.token).contacts[':id'].$patch({ param: { id: mine.id }, json: { title: 'ok' } }),
          )
        ).status,
      ).toBe(200);
      const giveAway = await read(
        api(t, rep.token).contacts[':id'].$patch({ param: { id: mine.id }, json: { ownerId: lead.user.id } }),
      );
      expect(giveAway.status).toBe(403);
      const forOther = await read(
        api(t, rep.token).contacts.$post({ json: { name: 'X', ownerId: lead.user.id } }),
      );
      expect(forOther.status).toBe(403);
      expect(
        (
          await read(
            api(t, lead.token).contacts[':id'].$patch({
              param: { id: mine.id },
              json: { title: 'lead edit' },
            }),
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await read(
            api(t, lead.token).contacts[':id'].$patch({
              param: { id: mine.id },
              json: { ownerId: lead.user.id },
            }),
          )
        ).status,
      ).toBe(200);
    });

    it('a rep logs interactions on any contact, as themselves; companies and products are for leads to change', async () => {
      const { t, rep, lead } = await setup();
      const c = (await read(api(t, lead.token).contacts.$post({ json: { name: 'Lead owned' } }))).body;
      const base = { contactId: c.id, kind: 'call', channel: 'phone', direction: 'in', at: T0 };
      const note = await read(api(t, rep.token).interactions.$post({ json: base }));
      expect(note.status).toBe(201);
      expect(note.body.authorId).toBe(rep.user.id);
      expect(
        (await read(api(t, rep.token).interactions.$post({ json: { ...base, authorId: lead.user.id } })))
          .status,
      ).toBe(403);
      expect(
        (
          await read(
            api(t, rep.token).interactions[':id'].$delete({ param: { id: note.body.id }, query: {} }),
          )
        ).status,
      ).toBe(200);
      const company = await read(
        api(t, rep.token).companies.$post({ json: { name: 'Acme', domains: ['https://www.Acme.com/'] } }),
      );
      expect(company.status).toBe(201);
      expect(company.body.domains).toEqual(['acme.com']);
      expect(
        (
          await read(
            api(t, rep.token).companies[':id'].$patch({
              param: { id: company.body.id },
              json: { name: 'A' },
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await read(
            api(t, lead.token).companies[':id'].$patch({
              param: { id: company.body.id },
              json: { name: 'A' },
            }),
          )
        ).status,
      ).toBe(200);
      expect((await read(api(t, rep.token).products.$post({ json: { name: 'Chair' } }))).status).toBe(403);
      expect(
        (await read(api(t, lead.token).products.$post({ json: { name: 'Chair', externalId: 'FUR-1' } })))
          .status,
      ).toBe(201);
    });
  });

  describe('other entities', () => {
    it('interactions are insert-only and keyed by sourceKey', async () => {
      const { t, rep } = await setup();
      const c = (await read(api(t, rep.token).contacts.$post({ json: { name: 'C' } }))).body;
      const mail = {
        contactId: c.id,
        kind: 'email',
        channel: 'email',
        direction: 'in',
        at: T0,
        subject: 'Hi',
        sourceKey: 'gmail:abc',
      };
      expect((await read(api(t, rep.token).interactions.$post({ json: mail }))).status).toBe(201);
      const again = await read(api(t, rep.token).interactions.$post({ json: mail }));
      expect(again.status).toBe(409);
      expect(again.body.error.details.kind).toBe('sourceKey');
      const listed = await read(api(t, rep.token).interactions.$get({ query: { contactId: c.id } }));
      expect(listed.body.items).toHaveLength(1);
    });

    it('opportunities keep exact money strings; tickets and surveys validate their rules', async () => {
      const { t, rep } = await setup();
      const opp = await read(
        api(t, rep.token).opportunities.$post({
          json: { title: 'Deal', amount: '12345.6789', stage: 'proposal' },
        }),
      );
      expect(opp.status).toBe(201);
      expect(opp.body).toMatchObject({ amount: '12345.6789', stage: 'proposal', ownerId: rep.user.id });
      expect(
        (
          await read(
            api(t, rep.token).opportunities.$post({ json: { title: 'D', amount: 1.5, stage: 'lead' } }),
          )
        ).status,
      ).toBe(400);
      const ticket = await read(
        api(t, rep.token).tickets.$post({
          json: {
            title: 'Broken chair',
            channel: 'email',
            category: 'product-quality',
            severity: 'high',
            status: 'open',
          },
        }),
      );
      expect(ticket.status).toBe(201);
      const c = (await read(api(t, rep.token).contacts.$post({ json: { name: 'C' } }))).body;
      const noScore = await read(
        api(t, rep.token).surveys.$post({ json: { contactId: c.id, date: '2026-01-10' } }),
      );
      expect(noScore.status).toBe(400);
      const survey = await read(
        api(t, rep.token).surveys.$post({ json: { contactId: c.id, date: '2026-01-10', nps: 9 } }),
      );
      expect(survey.status).toBe(201);
      expect(survey.body).toMatchObject({ nps: 9, csat: null });
    });

    it('every REST write is visible to a pull in (version, entity, id) order', async () => {
      const { t, team, lead } = await setup();
      const c = (await read(api(t, lead.token).contacts.$post({ json: { name: 'C' } }))).body;
      const co = (await read(api(t, lead.token).companies.$post({ json: { name: 'Co' } }))).body;
      await read(
        api(t, lead.token).contacts[':id'].$patch({ param: { id: c.id }, json: { companyId: co.id } }),
      );
      const rows = await ctx.store.rows.after(team.id, START_POSITION, 100);
      expect(rows.map((r) => [r.version, r.entity, r.id])).toEqual([
        [2, 'company', co.id],
        [3, 'contact', c.id],
      ]);
      expect(rows[1]!.data.companyId).toBe(co.id);
    });
  });

  describe('reassigning a leaving rep', () => {
    it("moves the rep's customers and contacts with one new version; leads and admins only", async () => {
      const { t, team, rep, lead, version } = await setup();
      const other = await t.member(team, 'rep');
      const c1 = (await read(api(t, rep.token).contacts.$post({ json: { name: 'One' } }))).body;
      const c2 = (await read(api(t, rep.token).contacts.$post({ json: { name: 'Two' } }))).body;
      const cu = (
        await read(
          api(t, rep.token).customers.$post({ json: { name: 'Cust', kind: 'company', externalId: 'SM-1' } }),
        )
      ).body;
      const keep = (
        await read(
          api(t, rep.token).opportunities.$post({ json: { title: 'O', amount: '1', stage: 'lead' } }),
        )
      ).body;
      const untouched = (await read(api(t, other.token).contacts.$post({ json: { name: 'Other' } }))).body;
      const body = { toUserId: other.user.id };
      expect(
        (
          await read(
            api(t, other.token).users[':id'].reassign.$post({ param: { id: rep.user.id }, json: body }),
          )
        ).status,
      ).toBe(403);
      const res = await read(
        api(t, lead.token).users[':id'].reassign.$post({ param: { id: rep.user.id }, json: body }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ moved: { customer: 1, contact: 2 }, version: 6 });
      expect(await version()).toBe(6);
      for (const id of [c1.id, c2.id]) {
        const row = (await ctx.store.rows.get(team.id, 'contact', id))!;
        expect([row.ownerId, row.data.ownerId, row.version]).toEqual([other.user.id, other.user.id, 6]);
      }
      expect((await ctx.store.rows.get(team.id, 'customer', cu.id))!.ownerId).toBe(other.user.id);
      expect((await ctx.store.rows.get(team.id, 'opportunity', keep.id))!.ownerId).toBe(rep.user.id);
      expect((await ctx.store.rows.get(team.id, 'contact', untouched.id))!.version).toBe(5);
      const nothing = await read(
        api(t, lead.token).users[':id'].reassign.$post({ param: { id: rep.user.id }, json: body }),
      );
      expect(nothing.body).toEqual({ moved: { customer: 0, contact: 0 }, version: 6 });
      const self = await read(
        api(t, lead.token).users[':id'].reassign.$post({
          param: { id: rep.user.id },
          json: { toUserId: rep.user.id },
        }),
      );
      expect(self.status).toBe(400);
    });
  });
});
