import { expect, it } from 'vitest';
import { createUser } from '../../accounts/users.ts';
import { MINUTE_MS } from '../../lib/clock.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { uniqueEmail } from '../../testing/ids.ts';
import { createTestApp, seedTeam, seedUser, TEST_PASSWORD } from '../../testing/test-app.ts';
import { forEachStore } from '../../testing/test-store.ts';

forEachStore('auth', (ctx) => {
  const login = (
    t: ReturnType<typeof createTestApp>,
    email: string,
    password = TEST_PASSWORD,
    ip = '10.0.0.1',
  ) => t.request('POST', '/api/v1/auth/login', { json: { email, password }, ip });

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
    const me = await t.request('GET', '/api/v1/auth/me', { token: res.body.token });
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
    expect((await t.request('GET', '/api/v1/auth/me')).status).toBe(401);
    const noBearer = await t.request('GET', '/api/v1/auth/me', { headers: { authorization: body.token } });
    expect(noBearer.status).toBe(401);
    expect(noBearer.headers.get('www-authenticate')).toBe('Bearer');
    expect((await t.request('GET', '/api/v1/auth/me', { token: 'rpt_forged' })).status).toBe(401);
    t.clock.advance(59 * MINUTE_MS);
    expect((await t.request('GET', '/api/v1/auth/me', { token: body.token })).status).toBe(200);
    t.clock.advance(MINUTE_MS);
    const expired = await t.request('GET', '/api/v1/auth/me', { token: body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toMatch(/expired/);
  });

  it('logout revokes only the token it was sent with', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const user = await seedUser(ctx.store, team.id, 'rep');
    const a = (await login(t, user.email)).body.token;
    const b = (await login(t, user.email)).body.token;
    expect((await t.request('POST', '/api/v1/auth/logout', { token: a })).body).toEqual({ ok: true });
    expect((await t.request('GET', '/api/v1/auth/me', { token: a })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { token: b })).status).toBe(200);
  });

  it('a deactivated user can neither sign in nor use an existing token', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const admin = await t.member(team, 'admin');
    const rep = await seedUser(ctx.store, team.id, 'rep');
    const token = (await login(t, rep.email)).body.token;
    const off = await t.request('PATCH', `/api/v1/users/${rep.id}`, {
      token: admin.token,
      json: { active: false },
    });
    expect(off.status).toBe(200);
    expect(off.body.user.active).toBe(false);
    expect((await t.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
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
    const wrong = await t.request('POST', '/api/v1/auth/password', {
      token: mine,
      json: { currentPassword: 'nope', newPassword: 'new password 1' },
    });
    expect(wrong.status).toBe(403);
    const short = await t.request('POST', '/api/v1/auth/password', {
      token: mine,
      json: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    const ok = await t.request('POST', '/api/v1/auth/password', {
      token: mine,
      json: { currentPassword: TEST_PASSWORD, newPassword: 'new password 1' },
    });
    expect(ok.status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: mine })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { token: other })).status).toBe(401);
    expect((await login(t, user.email)).status).toBe(401);
    expect((await login(t, user.email, 'new password 1')).status).toBe(200);
  });

  it('lets a member set their own name and time zone, validating the zone', async () => {
    const t = createTestApp(ctx.store);
    const team = await seedTeam(ctx.store);
    const { token } = await t.member(team, 'rep');
    const ok = await t.request('PATCH', '/api/v1/auth/me', {
      token,
      json: { timeZone: 'Asia/Shanghai', name: 'Mei' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ timeZone: 'Asia/Shanghai', name: 'Mei' });
    const bad = await t.request('PATCH', '/api/v1/auth/me', { token, json: { timeZone: 'Mars/Olympus' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toBe('timeZone');
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
