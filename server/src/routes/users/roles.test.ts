import { expect, it } from 'vitest';
import { newId } from '../../testing/ids.ts';
import { createTestApp, seedTeam, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { restClient as api, authApi, read, settingsApi, teamsApi } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { createCustomer, hlc, SyncClient, upsert } from '../sync/sync-kit.ts';

const login = (t: TestApp, email: string, password = TEST_PASSWORD) =>
  // Raw: login limits are per peer address, which only t.request can set.
  t.request('POST', '/api/v1/auth/login', { json: { email, password }, ip: '10.9.0.1' });

forEachStore('tokens and roles', (ctx) => {
  async function team() {
    const t = createTestApp(ctx.store);
    const tm = await seedTeam(ctx.store, 'Roles');
    const admin = await t.member(tm, 'admin');
    const lead = await t.member(tm, 'lead');
    const rep = await t.member(tm, 'rep');
    const rep2 = await t.member(tm, 'rep');
    return { t, tm, admin, lead, rep, rep2 };
  }
  const me = (t: TestApp, token: string) => read(authApi(t, token).me.$get());

  it("every token of a member dies when an admin resets their password; the new password works, the old doesn't", async () => {
    const { t, admin, rep } = await team();
    const fromLogin = (await login(t, rep.user.email)).body.token as string;
    expect((await me(t, rep.token)).status).toBe(200);
    const reset = await read(
      api(t, admin.token).users[':id'].password.$post({
        param: { id: rep.user.id },
        json: { password: 'brand new password' },
      }),
    );
    expect(reset.status).toBe(200);
    for (const token of [rep.token, fromLogin]) {
      const res = await me(t, token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    expect((await login(t, rep.user.email)).status).toBe(401);
    expect((await login(t, rep.user.email, 'brand new password')).status).toBe(200);
  });

  it('every token of a member dies when they are deactivated, and reactivation does not revive them', async () => {
    const { t, admin, rep } = await team();
    const fromLogin = (await login(t, rep.user.email)).body.token as string;
    const off = await read(
      api(t, admin.token).users[':id'].$patch({ param: { id: rep.user.id }, json: { active: false } }),
    );
    expect(off.status).toBe(200);
    for (const token of [rep.token, fromLogin]) expect((await me(t, token)).status).toBe(401);
    // a sync push with an old token is refused too
    expect((await new SyncClient(t, rep.token).send([])).status).toBe(401);
    await read(
      api(t, admin.token).users[':id'].$patch({ param: { id: rep.user.id }, json: { active: true } }),
    );
    for (const token of [rep.token, fromLogin]) expect((await me(t, token)).status).toBe(401);
    expect((await login(t, rep.user.email)).status).toBe(200);
  });

  it('a rep cannot change settings, create users, promote themselves or rename the team', async () => {
    const { t, tm, rep, lead } = await team();
    const before = (await read(settingsApi(t, rep.token).$get())).body.settings;
    const attempts = [
      read(settingsApi(t, rep.token).$patch({ json: { currency: 'EUR' } })),
      read(settingsApi(t, rep.token).$put({ json: { currency: 'EUR' } })),
      read(
        api(t, rep.token).users.$post({
          json: { email: `${newId()}@x.test`, name: 'Sneaky', role: 'admin', password: 'long enough pw' },
        }),
      ),
      read(api(t, rep.token).users[':id'].$patch({ param: { id: rep.user.id }, json: { role: 'admin' } })),
      read(api(t, rep.token).users[':id'].$patch({ param: { id: rep.user.id }, json: { role: 'lead' } })),
      read(api(t, rep.token).users[':id'].password.$post({ param: { id: lead.user.id }, json: {} })),
      read(teamsApi(t, rep.token).current.$patch({ json: { name: 'Mine' } })),
      read(
        teamsApi(t, rep.token).$post({
          json: {
            name: 'Side team',
            admin: { email: `${newId()}@x.test`, name: 'A', password: 'long enough pw' },
          },
        }),
      ),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // /auth/me changes only name and time zone: a role there is refused, not ignored
    // Raw: a role on /auth/me on purpose, which the typed body refuses to compile.
    const self = await t.request('PATCH', '/api/v1/auth/me', { token: rep.token, json: { role: 'admin' } });
    expect(self.status).toBe(400);
    expect((await me(t, rep.token)).body.user.role).toBe('rep');
    expect((await read(settingsApi(t, rep.token).$get())).body.settings).toEqual(before);
    expect((await ctx.store.users.list(tm.id)).map((u) => u.role).sort()).toEqual([
      'admin',
      'lead',
      'rep',
      'rep',
    ]);
    expect((await ctx.store.teams.get(tm.id))!.name).toBe('Roles');
  });

  it('a lead changes team settings; only an admin manages members', async () => {
    const { t, lead } = await team();
    const saved = await read(settingsApi(t, lead.token).$patch({ json: { currency: 'EUR' } }));
    expect(saved.status).toBe(200);
    expect(saved.body.settings.currency).toBe('EUR');
    const add = await read(
      api(t, lead.token).users.$post({
        json: { email: `${newId()}@x.test`, name: 'New', role: 'rep', password: 'long enough pw' },
      }),
    );
    expect(add.status).toBe(403);
  });

  it("a rep cannot edit another rep's customer, by REST or by sync push", async () => {
    const { t, tm, rep, rep2 } = await team();
    const customer = await read(
      api(t, rep2.token).customers.$post({ json: { name: 'Theirs Ltd', kind: 'company' } }),
    );
    expect(customer.status).toBe(201);
    expect(customer.body.ownerId).toBe(rep2.user.id);
    const id = customer.body.id as string;
    for (const json of [{ name: 'Mine now' }, { ownerId: rep.user.id }]) {
      const res = await read(api(t, rep.token).customers[':id'].$patch({ param: { id }, json }));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(
      (await read(api(t, rep.token).customers[':id'].$delete({ param: { id: id }, query: {} }))).status,
    ).toBe(403);

    const client = new SyncClient(t, rep.token);
    const pushed = await client.push(
      upsert('customer', id, { name: 'Theirs Ltd' }, { name: 'Mine now' }, hlc(60_000)),
      upsert('customer', id, { ownerId: rep2.user.id }, { ownerId: rep.user.id }, hlc(61_000)),
      {
        name: 'entity.delete',
        args: { entity: 'customer', id, at: new Date().toISOString(), t: hlc(62_000) },
      },
      // creating a customer owned by someone else is refused too
      createCustomer(newId(), { name: 'Planted', ownerId: rep2.user.id }, hlc(63_000)),
    );
    expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const row = await ctx.store.rows.get(tm.id, 'customer', id);
    expect(row?.data).toMatchObject({ name: 'Theirs Ltd', ownerId: rep2.user.id, deletedAt: null });
    // their own customer they may edit
    const own = await read(
      api(t, rep.token).customers.$post({ json: { name: 'Mine Ltd', kind: 'company' } }),
    );
    const renamed = await read(
      api(t, rep.token).customers[':id'].$patch({ param: { id: own.body.id }, json: { name: 'Mine Ltd 2' } }),
    );
    expect(renamed.status).toBe(200);
  });
});
