import { expect, it } from 'vitest';
import { START_POSITION } from '../store/store.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
import { restClient as api, authApi, read, settingsApi, teamsApi } from '../testing/test-client.ts';
import { forEachStore } from '../testing/test-store.ts';

/** A second team's token must not read or change anything of the first team's. */
forEachStore('tenant isolation', (ctx) => {
  it("team B's admin can neither see nor touch team A's records, members, team or settings", async () => {
    const t = createTestApp(ctx.store);
    const teamA = await seedTeam(ctx.store, 'A');
    const teamB = await seedTeam(ctx.store, 'B');
    const adminA = await t.member(teamA, 'admin');
    const repA = await t.member(teamA, 'rep');
    const adminB = await t.member(teamB, 'admin');
    const b = adminB.token;

    const asA = api(t, adminA.token);
    const asB = api(t, b);
    const contact = (await read(asA.contacts.$post({ json: { name: 'Secret', emails: ['s@a.test'] } }))).body;
    const note = (
      await read(
        asA.interactions.$post({
          json: {
            contactId: contact.id,
            kind: 'note',
            channel: 'other',
            direction: 'out',
            at: '2026-01-01T00:00:00.000Z',
            subject: 'A only',
          },
        }),
      )
    ).body;
    await read(settingsApi(t, adminA.token).$patch({ json: { currency: 'EUR' } }));
    const versionA = (await ctx.store.teams.get(teamA.id))!.version;

    // records
    for (const [records, id] of [
      [asB.contacts, contact.id],
      [asB.interactions, note.id],
    ] as const) {
      expect((await read(records[':id'].$get({ param: { id } }))).status).toBe(404);
      expect((await read(records[':id'].$delete({ param: { id }, query: {} }))).status).toBe(404);
      expect((await read(records.$get({ query: { includeDeleted: 'true' } }))).body.items).toEqual([]);
    }
    expect(
      (await read(asB.contacts[':id'].$patch({ param: { id: contact.id }, json: { name: 'Pwned' } }))).status,
    ).toBe(404);
    expect((await read(asB.contacts.$get({ query: { search: 'secret' } }))).body.items).toEqual([]);
    // same id and email in team B is a separate record, not a clash with A's
    const twin = await read(
      asB.contacts.$post({ json: { id: contact.id, name: 'Twin', emails: ['s@a.test'] } }),
    );
    expect(twin.status).toBe(201);

    // members
    const memberA = { param: { id: repA.user.id } };
    expect((await read(asB.users[':id'].$get(memberA))).status).toBe(404);
    expect((await read(asB.users[':id'].$patch({ ...memberA, json: { active: false } }))).status).toBe(404);
    expect((await read(asB.users[':id'].password.$post({ ...memberA, json: {} }))).status).toBe(404);
    expect(
      (await read(asB.users[':id'].reassign.$post({ ...memberA, json: { toUserId: adminA.user.id } })))
        .status,
    ).toBe(404);
    const usersB = (await read(asB.users.$get({ query: {} }))).body.users;
    expect(usersB.map((u: { id: string }) => u.id)).toEqual([adminB.user.id]);

    // team and settings
    await read(teamsApi(t, b).current.$patch({ json: { name: 'Renamed B' } }));
    await read(settingsApi(t, b).$put({ json: { currency: 'JPY' } }));
    expect((await read(teamsApi(t, adminA.token).current.$get())).body.team.name).toBe('A');
    expect((await read(settingsApi(t, adminA.token).$get())).body.settings.currency).toBe('EUR');

    // nothing of A changed
    expect((await read(asA.contacts[':id'].$get({ param: { id: contact.id } }))).body).toEqual(contact);
    expect((await read(authApi(t, repA.token).me.$get())).status).toBe(200);
    expect((await ctx.store.teams.get(teamA.id))!.version).toBe(versionA);
    const rowsA = await ctx.store.rows.after(teamA.id, START_POSITION, 100);
    expect(rowsA.map((r) => r.data.name ?? r.data.subject)).toEqual(['Secret', 'A only']);
    expect((await ctx.store.rows.after(teamB.id, START_POSITION, 100)).map((r) => r.data.name)).toEqual([
      'Twin',
    ]);
  });
});
