import { expect, it } from 'vitest';
import { createUser } from '../../accounts/users.ts';
import { MINUTE_MS } from '../../lib/clock.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { uniqueEmail } from '../../testing/ids.ts';
import { createTestApp, seedTeam, seedUser, TEST_PASSWORD } from '../../testing/test-app.ts';
import { restClient as api, authApi, read } from '../../testing/test-client.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('auth', (ctx) => {
  const login = (
    t: ReturnType<typeof createTestApp>,
    email: string,
    password = TEST_PASSWORD,
    ip = '10.0.0.1',
  ) => read(authApi(t, undefined, ip).login.$post({ json: { email, password } }));

  it('signs in (email case-insensitive) and returns a token, expiry, user and team', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store, 'Acme');
    const user = await seedUser(ctx.store, team.id, 'lead', { name: 'Lena' });
    const res = await login(t, `  ${user.email.toUpperCase()} `);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^rpt_[\w-]{43}$/);
    expect(res.body.expiresAt).toBe('2026-02-14T09:00:00.000Z'); // clock 2026-01-15T09:00Z + 30 days
    expect(res.body.user).toEqual({
      id: user.id,
      teamId: team.id,
      email: user.email,
      name: 'Lena',
      role: 'lead',
      active: true,
      timeZone: null,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    });
    expect(res.body.team).toEqual({
      id: team.id,
      name: 'Acme',
      createdAt: team.createdAt,
      updatedAt: team.updatedAt,
    });
    const me = await read(authApi(t, res.body.token).me.$get());
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    expect(me.body.expiresAt).toBe('2026-02-14T09:00:00.000Z');
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    const wrong = await login(t, user.email, 'not the password');
    const unknown = await login(t, uniqueEmail('ghost'));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({
      code: 'unauthorized',
      message: 'Wrong email or password',
      details: null,
    });
  });

  it('rejects missing, malformed, unknown and expired tokens', async () => {
    const t = createTestApp(ctx.store, { tokenTtlMs: 60 * MINUTE_MS });
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    const { body } = await login(t, user.email);
    expect((await read(authApi(t).me.$get())).status).toBe(401);
    // Raw: a token without `Bearer ` on purpose; routeClient always signs in with a Bearer header.
    const noBearer = await t.request('GET', '/api/v1/auth/me', { headers: { authorization: body.token } });
    expect(noBearer.status).toBe(401);
    expect(noBearer.headers.get('www-authenticate')).toBe('Bearer');
    expect((await read(authApi(t, 'rpt_forged').me.$get())).status).toBe(401);
    t.clock.advance(59 * MINUTE_MS);
    expect((await read(authApi(t, body.token).me.$get())).status).toBe(200);
    t.clock.advance(MINUTE_MS);
    const expired = await read(authApi(t, body.token).me.$get());
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('logout revokes only the token it was sent with', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    const a = (await login(t, user.email)).body.token;
    const b = (await login(t, user.email)).body.token;
    expect((await read(authApi(t, a).logout.$post())).body).toEqual({ ok: true });
    expect((await read(authApi(t, a).me.$get())).status).toBe(401);
    expect((await read(authApi(t, b).me.$get())).status).toBe(200);
  });

  it('a deactivated user can neither sign in nor use an existing token', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const rep = await seedUser(ctx.store, team.id, 'rep');
    const token = (await login(t, rep.email)).body.token;
    const off = await read(
      api(t, admin.token).users[':id'].$patch({ param: { id: rep.id }, json: { active: false } }),
    );
    expect(off.status).toBe(200);
    expect(off.body.user.active).toBe(false);
    expect((await read(authApi(t, token).me.$get())).status).toBe(401);
    const again = await login(t, rep.email);
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/deactivated/);
  });

  it('changes your own password: other sessions end, this one stays', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    const mine = (await login(t, user.email)).body.token;
    const other = (await login(t, user.email)).body.token;
    const wrong = await read(
      authApi(t, mine).password.$post({ json: { currentPassword: 'nope', newPassword: 'new password 1' } }),
    );
    expect(wrong.status).toBe(403);
    const short = await read(
      authApi(t, mine).password.$post({ json: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }),
    );
    expect(short.status).toBe(400);
    const ok = await read(
      authApi(t, mine).password.$post({
        json: { currentPassword: TEST_PASSWORD, newPassword: 'new password 1' },
      }),
    );
    expect(ok.status).toBe(200);
    expect((await read(authApi(t, mine).me.$get())).status).toBe(200);
    expect((await read(authApi(t, other).me.$get())).status).toBe(401);
    expect((await login(t, user.email)).status).toBe(401);
    expect((await login(t, user.email, 'new password 1')).status).toBe(200);
  });

  it('lets a member set their own name and time zone, validating the zone', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'rep');
    const ok = await read(authApi(t, token).me.$patch({ json: { timeZone: 'Asia/Shanghai', name: 'Mei' } }));
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ timeZone: 'Asia/Shanghai', name: 'Mei' });
    const bad = await read(authApi(t, token).me.$patch({ json: { timeZone: 'Mars/Olympus' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('timeZone');
    // Raw: a role on /auth/me on purpose, which the typed body refuses to compile.
    const role = await t.request('PATCH', '/api/v1/auth/me', { token, json: { role: 'admin' } });
    expect(role.status).toBe(400);
  });

  it('stores passwords as salted scrypt with its parameters, never in clear', async () => {
    const team = await seedTeam(ctx.store);
    const email = uniqueEmail('hash');
    await createUser(
      ctx.store,
      { now: () => new Date() },
      { teamId: team.id, email, name: 'H', role: 'rep', password: 'secret pass 1' },
    );
    await createUser(
      ctx.store,
      { now: () => new Date() },
      { teamId: team.id, email: `b${email}`, name: 'H', role: 'rep', password: 'secret pass 1' },
    );
    const a = (await ctx.store.users.findByEmail(email))!.passwordHash;
    const b = (await ctx.store.users.findByEmail(`b${email}`))!.passwordHash;
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // random salt
    expect(a).not.toContain('secret');
    expect(await verifyPassword('secret pass 1', a)).toBe(true);
    expect(await verifyPassword('secret pass 2', a)).toBe(false);
    expect(await verifyPassword('secret pass 1', 'garbage')).toBe(false);
  });
});
