import { expect, it } from 'vitest';
import { uniqueEmail } from '../../testing/ids.ts';
import { createTestApp, seedTeam, TEST_PASSWORD } from '../../testing/test-app.ts';
import { restClient as api, authApi, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('users', (ctx) => {
  it('an admin adds a member; a generated password is returned once and works', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const email = uniqueEmail('new');
    const res = await read(
      api(t, admin.token).users.$post({ json: { email: email.toUpperCase(), name: ' Nora ', role: 'rep' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email, name: 'Nora', role: 'rep', active: true, teamId: team.id });
    expect(res.body.password).toMatch(/^[a-zA-Z2-9]{16}$/);
    const login = await read(authApi(t).login.$post({ json: { email, password: res.body.password } }));
    expect(login.status).toBe(200);
    const dup = await read(api(t, admin.token).users.$post({ json: { email, name: 'Again', role: 'rep' } }));
    expect(dup.status).toBe(409);
    const given = await read(
      api(t, admin.token).users.$post({
        json: { email: uniqueEmail('given'), name: 'G', role: 'lead', password: 'chosen password' },
      }),
    );
    expect(given.status).toBe(201);
    expect(given.body.password).toBeUndefined();
  });

  it('only admins add, change and reset members; everyone may list them', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin', { email: 'a-admin@users.test' });
    const lead = await t.member(team, 'lead', { email: 'b-lead@users.test' });
    const rep = await t.member(team, 'rep', { email: 'c-rep@users.test' });
    for (const who of [lead, rep]) {
      const add = await read(
        api(t, who.token).users.$post({ json: { email: uniqueEmail(), name: 'X', role: 'admin' } }),
      );
      expect(add.status).toBe(403);
      expect(add.body.error.code).toBe('forbidden');
      expect(
        (
          await read(
            api(t, who.token).users[':id'].$patch({ param: { id: rep.user.id }, json: { role: 'admin' } }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await read(
            api(t, who.token).users[':id'].password.$post({ param: { id: admin.user.id }, json: {} }),
          )
        ).status,
      ).toBe(403);
    }
    const list = await read(api(t, rep.token).users.$get({ query: {} }));
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { email: string }) => u.email)).toEqual([
      'a-admin@users.test',
      'b-lead@users.test',
      'c-rep@users.test',
    ]);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    const one = await read(api(t, rep.token).users[':id'].$get({ param: { id: lead.user.id } }));
    expect(one.body.user.role).toBe('lead');
    const promoted = await read(
      api(t, admin.token).users[':id'].$patch({
        param: { id: lead.user.id },
        json: { role: 'admin', name: 'Boss' },
      }),
    );
    expect(promoted.body.user).toMatchObject({ role: 'admin', name: 'Boss' });
    expect(
      (await read(api(t, admin.token).users[':id'].$patch({ param: { id: lead.user.id }, json: {} }))).status,
    ).toBe(400);
  });

  it('the last active admin can be neither demoted nor deactivated', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const demote = await read(
      api(t, admin.token).users[':id'].$patch({ param: { id: admin.user.id }, json: { role: 'lead' } }),
    );
    expect(demote.status).toBe(409);
    const off = await read(
      api(t, admin.token).users[':id'].$patch({ param: { id: admin.user.id }, json: { active: false } }),
    );
    expect(off.status).toBe(409);
    const second = await t.member(team, 'admin');
    expect(
      (
        await read(
          api(t, second.token).users[':id'].$patch({ param: { id: admin.user.id }, json: { active: false } }),
        )
      ).status,
    ).toBe(200);
  });

  it("an admin resets a member's password and signs them out everywhere", async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const rep = await t.member(team, 'rep');
    const res = await read(
      api(t, admin.token).users[':id'].password.$post({ param: { id: rep.user.id }, json: {} }),
    );
    expect(res.status).toBe(200);
    expect(res.body.password).toHaveLength(16);
    expect((await read(authApi(t, rep.token).me.$get())).status).toBe(401);
    const oldPw = await read(
      authApi(t).login.$post({ json: { email: rep.user.email, password: TEST_PASSWORD } }),
    );
    expect(oldPw.status).toBe(401);
    const newPw = await read(
      authApi(t).login.$post({ json: { email: rep.user.email, password: res.body.password } }),
    );
    expect(newPw.status).toBe(200);
    const chosen = await read(
      api(t, admin.token).users[':id'].password.$post({
        param: { id: rep.user.id },
        json: { password: 'short' },
      }),
    );
    expect(chosen.status).toBe(400);
  });
});
