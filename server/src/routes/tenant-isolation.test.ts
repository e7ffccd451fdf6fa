import { expect, it } from 'vitest';
import { START_POSITION } from '../store/store.ts';
import { createTestApp, seedTeam } from '../testing/test-app.ts';
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

    const contact = (
      await t.request('POST', '/api/v1/contacts', {
        token: adminA.token,
        json: { name: 'Secret', emails: ['s@a.test'] },
      })
    ).body;
    const note = (
      await t.request('POST', '/api/v1/interactions', {
        token: adminA.token,
        json: {
          contactId: contact.id,
          kind: 'note',
          channel: 'other',
          direction: 'out',
          at: '2026-01-01T00:00:00.000Z',
          subject: 'A only',
        },
      })
    ).body;
    await t.request('PATCH', '/api/v1/settings', { token: adminA.token, json: { currency: 'EUR' } });
    const versionA = (await ctx.store.teams.get(teamA.id))!.version;

    // records
    for (const [path, id] of [
      ['contacts', contact.id],
      ['interactions', note.id],
    ]) {
      expect((await t.request('GET', `/api/v1/${path}/${id}`, { token: b })).status).toBe(404);
      expect((await t.request('DELETE', `/api/v1/${path}/${id}`, { token: b })).status).toBe(404);
      expect(
        (await t.request('GET', `/api/v1/${path}?includeDeleted=true`, { token: b })).body.items,
      ).toEqual([]);
    }
    expect(
      (await t.request('PATCH', `/api/v1/contacts/${contact.id}`, { token: b, json: { name: 'Pwned' } }))
        .status,
    ).toBe(404);
    expect((await t.request('GET', `/api/v1/contacts?search=secret`, { token: b })).body.items).toEqual([]);
    // same id and email in team B is a separate record, not a clash with A's
    const twin = await t.request('POST', '/api/v1/contacts', {
      token: b,
      json: { id: contact.id, name: 'Twin', emails: ['s@a.test'] },
    });
    expect(twin.status).toBe(201);

    // members
    expect((await t.request('GET', `/api/v1/users/${repA.user.id}`, { token: b })).status).toBe(404);
    expect(
      (await t.request('PATCH', `/api/v1/users/${repA.user.id}`, { token: b, json: { active: false } }))
        .status,
    ).toBe(404);
    expect(
      (await t.request('POST', `/api/v1/users/${repA.user.id}/password`, { token: b, json: {} })).status,
    ).toBe(404);
    expect(
      (
        await t.request('POST', `/api/v1/users/${repA.user.id}/reassign`, {
          token: b,
          json: { toUserId: adminA.user.id },
        })
      ).status,
    ).toBe(404);
    const usersB = (await t.request('GET', '/api/v1/users', { token: b })).body.users;
    expect(usersB.map((u: { id: string }) => u.id)).toEqual([adminB.user.id]);

    // team and settings
    await t.request('PATCH', '/api/v1/teams/current', { token: b, json: { name: 'Renamed B' } });
    await t.request('PUT', '/api/v1/settings', { token: b, json: { currency: 'JPY' } });
    expect((await t.request('GET', '/api/v1/teams/current', { token: adminA.token })).body.team.name).toBe(
      'A',
    );
    expect((await t.request('GET', '/api/v1/settings', { token: adminA.token })).body.settings.currency).toBe(
      'EUR',
    );

    // nothing of A changed
    expect((await t.request('GET', `/api/v1/contacts/${contact.id}`, { token: adminA.token })).body).toEqual(
      contact,
    );
    expect((await t.request('GET', '/api/v1/auth/me', { token: repA.token })).status).toBe(200);
    expect((await ctx.store.teams.get(teamA.id))!.version).toBe(versionA);
    const rowsA = await ctx.store.rows.after(teamA.id, START_POSITION, 100);
    expect(rowsA.map((r) => r.data.name ?? r.data.subject)).toEqual(['Secret', 'A only']);
    expect((await ctx.store.rows.after(teamB.id, START_POSITION, 100)).map((r) => r.data.name)).toEqual([
      'Twin',
    ]);
  });
});
