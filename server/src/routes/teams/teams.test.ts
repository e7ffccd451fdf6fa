import { expect, it } from 'vitest';
import { uniqueEmail } from '../../testing/ids.ts';
import { createTestApp, seedTeam } from '../../testing/test-app.ts';
import { restClient as api, authApi, read, teamsApi } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('teams', (ctx) => {
  it('members read their team; only an admin renames it', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store, 'Old name');
    const admin = await t.member(team, 'admin');
    const lead = await t.member(team, 'lead');
    expect((await read(teamsApi(t, lead.token).current.$get())).body.team.name).toBe('Old name');
    expect((await read(teamsApi(t, lead.token).current.$patch({ json: { name: 'X' } }))).status).toBe(403);
    t.clock.set('2026-02-01T00:00:00.000Z');
    const renamed = await read(teamsApi(t, admin.token).current.$patch({ json: { name: '  New name ' } }));
    expect(renamed.status).toBe(200);
    expect(renamed.body.team).toMatchObject({
      id: team.id,
      name: 'New name',
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    expect((await read(teamsApi(t, admin.token).current.$patch({ json: { name: '' } }))).status).toBe(400);
  });

  it('an admin creates a separate team with its own first admin, and gains no access to it', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const rep = await t.member(team, 'rep');
    const email = uniqueEmail('founder');
    const body = { name: 'Second', admin: { email, name: 'Founder' } };
    expect((await read(teamsApi(t, rep.token).$post({ json: body }))).status).toBe(403);
    const res = await read(teamsApi(t, admin.token).$post({ json: body }));
    expect(res.status).toBe(201);
    expect(res.body.team.name).toBe('Second');
    expect(res.body.admin).toMatchObject({ email, role: 'admin', teamId: res.body.team.id });
    const login = await read(authApi(t).login.$post({ json: { email, password: res.body.password } }));
    expect(login.body.team.id).toBe(res.body.team.id);
    const theirUsers = await read(api(t, login.body.token).users.$get({ query: {} }));
    expect(theirUsers.body.users.map((u: { email: string }) => u.email)).toEqual([email]);
    expect(
      (await read(api(t, admin.token).users[':id'].$get({ param: { id: res.body.admin.id } }))).status,
    ).toBe(404);
    expect((await read(teamsApi(t, admin.token).$post({ json: body }))).status).toBe(409);
    // the failed attempt left no half-created team behind
    expect((await ctx.store.teams.findByName('Second')).length).toBe(1);
  });
});
