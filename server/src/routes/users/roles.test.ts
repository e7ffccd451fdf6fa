import { expect, it } from 'vitest';
import { newId } from '../../testing/ids.ts';
import { createTestApp, seedTeam, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { forEachStore } from '../../testing/test-store.ts';
import { createCustomer, hlc, SyncClient, upsert } from '../sync/sync-kit.ts';

const login = (t: TestApp, email: string, password = TEST_PASSWORD) =>
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
  const me = (t: TestApp, token: string) => t.request('GET', '/api/v1/auth/me', { token });

  it("every token of a member dies when an admin resets their password; the new password works, the old doesn't", async () => {
    const { t, admin, rep } = await team();
    const fromLogin = (await login(t, rep.user.email)).body.token as string;
    expect((await me(t, rep.token)).status).toBe(200);
    const reset = await t.request('POST', `/api/v1/users/${rep.user.id}/password`, {
      token: admin.token,
      json: { password: 'brand new password' },
    });
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
    const off = await t.request('PATCH', `/api/v1/users/${rep.user.id}`, {
      token: admin.token,
      json: { active: false },
    });
    expect(off.status).toBe(200);
    for (const token of [rep.token, fromLogin]) expect((await me(t, token)).status).toBe(401);
    // a sync push with an old token is refused too
    expect((await new SyncClient(t, rep.token).send([])).status).toBe(401);
    await t.request('PATCH', `/api/v1/users/${rep.user.id}`, { token: admin.token, json: { active: true } });
    for (const token of [rep.token, fromLogin]) expect((await me(t, token)).status).toBe(401);
    expect((await login(t, rep.user.email)).status).toBe(200);
  });

  it('a rep cannot change settings, create users, promote themselves or rename the team', async () => {
    const { t, tm, rep, lead } = await team();
    const before = (await t.request('GET', '/api/v1/settings', { token: rep.token })).body.settings;
    const attempts = [
      t.request('PATCH', '/api/v1/settings', { token: rep.token, json: { currency: 'EUR' } }),
      t.request('PUT', '/api/v1/settings', { token: rep.token, json: { currency: 'EUR' } }),
      t.request('POST', '/api/v1/users', {
        token: rep.token,
        json: { email: `${newId()}@x.test`, name: 'Sneaky', role: 'admin', password: 'long enough pw' },
      }),
      t.request('PATCH', `/api/v1/users/${rep.user.id}`, { token: rep.token, json: { role: 'admin' } }),
      t.request('PATCH', `/api/v1/users/${rep.user.id}`, { token: rep.token, json: { role: 'lead' } }),
      t.request('POST', `/api/v1/users/${lead.user.id}/password`, { token: rep.token, json: {} }),
      t.request('PATCH', '/api/v1/teams/current', { token: rep.token, json: { name: 'Mine' } }),
      t.request('POST', '/api/v1/teams', {
        token: rep.token,
        json: {
          name: 'Side team',
          admin: { email: `${newId()}@x.test`, name: 'A', password: 'long enough pw' },
        },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // /auth/me changes only name and time zone: a role there is refused, not ignored
    const self = await t.request('PATCH', '/api/v1/auth/me', { token: rep.token, json: { role: 'admin' } });
    expect(self.status).toBe(400);
    expect((await me(t, rep.token)).body.user.role).toBe('rep');
    expect((await t.request('GET', '/api/v1/settings', { token: rep.token })).body.settings).toEqual(before);
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
    const saved = await t.request('PATCH', '/api/v1/settings', {
      token: lead.token,
      json: { currency: 'EUR' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.currency).toBe('EUR');
    const add = await t.request('POST', '/api/v1/users', {
      token: lead.token,
      json: { email: `${newId()}@x.test`, name: 'New', role: 'rep', password: 'long enough pw' },
    });
    expect(add.status).toBe(403);
  });

  it("a rep cannot edit another rep's customer, by REST or by sync push", async () => {
    const { t, tm, rep, rep2 } = await team();
    const customer = await t.request('POST', '/api/v1/customers', {
      token: rep2.token,
      json: { name: 'Theirs Ltd', kind: 'company' },
    });
    expect(customer.status).toBe(201);
    expect(customer.body.ownerId).toBe(rep2.user.id);
    const id = customer.body.id as string;
    for (const json of [{ name: 'Mine now' }, { ownerId: rep.user.id }]) {
      const res = await t.request('PATCH', `/api/v1/customers/${id}`, { token: rep.token, json });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await t.request('DELETE', `/api/v1/customers/${id}`, { token: rep.token })).status).toBe(403);

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
    const own = await t.request('POST', '/api/v1/customers', {
      token: rep.token,
      json: { name: 'Mine Ltd', kind: 'company' },
    });
    const renamed = await t.request('PATCH', `/api/v1/customers/${own.body.id}`, {
      token: rep.token,
      json: { name: 'Mine Ltd 2' },
    });
    expect(renamed.status).toBe(200);
  });
});
