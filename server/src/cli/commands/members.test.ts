import { expect, it } from 'vitest';
import { verifyPassword } from '../../lib/passwords.ts';
import { captureCli } from '../../testing/cli.ts';
import { uniqueEmail } from '../../testing/ids.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { forEachStore } from '../../testing/test-store.ts';

const cli = (argv: string[], env: Record<string, string | undefined>) => captureCli(argv, { env });

forEachStore('CLI: members', (ctx) => {
  it("deactivates a leaving rep, reassigns the rep's customers and contacts, then reactivates", async () => {
    const admin = uniqueEmail('admin');
    const rep = uniqueEmail('rep');
    const other = uniqueEmail('other');
    for (const [email, role] of [
      [admin, 'admin'],
      [rep, 'rep'],
      [other, 'rep'],
    ] as const)
      expect(
        (await cli(['user', 'add', email, '--role', role, '--password', 'a long password'], ctx.env)).code,
      ).toBe(0);
    const team = (await ctx.store.teams.getDefault())!;
    const repUser = (await ctx.store.users.findByEmail(rep))!;
    const otherUser = (await ctx.store.users.findByEmail(other))!;

    // The rep owns two customers and a contact, created through the API with the rep's own token.
    const t = createTestApp(ctx.store);
    const login = await t.request('POST', '/api/v1/auth/login', {
      json: { email: rep, password: 'a long password' },
    });
    const token = login.body.token as string;
    for (const name of ['Acme', 'Globex'])
      expect(
        (await t.request('POST', '/api/v1/customers', { token, json: { name, kind: 'company' } })).status,
      ).toBe(201);
    expect((await t.request('POST', '/api/v1/contacts', { token, json: { name: 'Ann Buyer' } })).status).toBe(
      201,
    );

    const off = await cli(['user', 'deactivate', rep], ctx.env);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out)).toMatchObject({ email: rep, active: false });
    // Signed out everywhere, and no new sign-in.
    expect((await t.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
    expect(
      (await t.request('POST', '/api/v1/auth/login', { json: { email: rep, password: 'a long password' } }))
        .status,
    ).toBeGreaterThanOrEqual(400);

    // No one takes customers over for a deactivated member.
    const refused = await cli(['customers', 'reassign', other, rep], ctx.env);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('deactivated');
    const moved = await cli(['customers', 'reassign', rep, other], ctx.env);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.out).moved).toEqual({ customer: 2, contact: 1 });
    expect(moved.err).toContain('Moved 2 customers, 1 contact');
    const owners = (await ctx.store.rowQueries.live<{ ownerId: string }>(team.id, 'customer')).map(
      (c) => c.ownerId,
    );
    expect(owners.filter((o) => o === otherUser.id)).toHaveLength(2);
    expect(owners.filter((o) => o === repUser.id)).toHaveLength(0);
    const bad = await cli(['customers', 'reassign', rep, other, '--entities', 'customer,invoice'], ctx.env);
    expect(bad.code).toBe(2);

    const on = await cli(['user', 'activate', rep], ctx.env);
    expect(JSON.parse(on.out).active).toBe(true);
  });

  it('changes roles, keeps one active admin, and resets passwords', async () => {
    const admin = uniqueEmail('soleadmin');
    const rep = uniqueEmail('promoted');
    const team = await cli(['team', 'add', `Roles ${admin}`], ctx.env);
    const teamId = JSON.parse(team.out).id as string;
    await cli(
      ['user', 'add', admin, '--role', 'admin', '--team', teamId, '--password', 'a long password'],
      ctx.env,
    );
    await cli(
      ['user', 'add', rep, '--role', 'rep', '--team', teamId, '--password', 'a long password'],
      ctx.env,
    );

    const lead = await cli(['user', 'role', rep, 'lead'], ctx.env);
    expect(lead.code).toBe(0);
    expect(JSON.parse(lead.out).role).toBe('lead');
    expect((await cli(['user', 'role', rep, 'boss'], ctx.env)).code).toBe(2);
    // The only admin can neither step down nor be deactivated.
    const demote = await cli(['user', 'role', admin, 'rep'], ctx.env);
    expect(demote.code).toBe(1);
    expect(demote.err).toContain('at least one active admin');
    expect((await cli(['user', 'deactivate', admin], ctx.env)).code).toBe(1);
    // With a second admin, the first may step down.
    expect((await cli(['user', 'role', rep, 'admin'], ctx.env)).code).toBe(0);
    expect((await cli(['user', 'role', admin, 'lead', '--team', teamId], ctx.env)).code).toBe(0);
    // --team must be the member's team.
    expect((await cli(['user', 'role', admin, 'rep', '--team', 'My team'], ctx.env)).code).toBe(1);

    const generated = await cli(['user', 'reset-password', rep], ctx.env);
    expect(generated.code).toBe(0);
    const { password } = JSON.parse(generated.out);
    expect(password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(await verifyPassword(password, (await ctx.store.users.findByEmail(rep))!.passwordHash)).toBe(true);
    const given = await cli(['user', 'reset-password', rep, '--password', 'another long one'], ctx.env);
    expect(JSON.parse(given.out).password).toBeUndefined();
    expect(
      await verifyPassword('another long one', (await ctx.store.users.findByEmail(rep))!.passwordHash),
    ).toBe(true);
    expect((await cli(['user', 'reset-password', 'nobody@example.com'], ctx.env)).code).toBe(1);
  });
});
