import { expect, it } from 'vitest';
import { verifyPassword } from '../lib/passwords.ts';
import { captureCli } from '../testing/cli.ts';
import { uniqueEmail } from '../testing/ids.ts';
import { forEachStore } from '../testing/test-store.ts';
import { runCli } from './runner.ts';

const cli = (argv: string[], env: Record<string, string | undefined>, signal?: AbortSignal) =>
  captureCli(argv, { env, signal });

forEachStore('CLI', (ctx) => {
  it('prints help: on stdout with exit 0 when asked, on stderr with exit 2 when no command is given', async () => {
    const asked = await cli(['help'], ctx.env);
    expect(asked.code).toBe(0);
    expect(asked.out).toContain('user add');
    const none = await cli([], ctx.env);
    expect([none.code, none.out]).toEqual([2, '']);
    expect(none.err).toContain('Usage: pnpm -s rapport <command>');
    const unknown = await cli(['frobnicate'], ctx.env);
    expect(unknown.code).toBe(2);
  });

  it('user add creates the default team on first run and prints the user with a generated password', async () => {
    const email = uniqueEmail('cli');
    const res = await cli(['user', 'add', email.toUpperCase(), '--role', 'admin', '--name', 'Ana'], ctx.env);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.out);
    expect(printed).toMatchObject({ email, name: 'Ana', role: 'admin', active: true });
    expect(printed.password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(res.err).toContain('team "My team"');
    const stored = await ctx.store.users.findByEmail(email);
    expect(await verifyPassword(printed.password, stored!.passwordHash)).toBe(true);
    expect((await ctx.store.teams.getDefault())?.id).toBe(printed.teamId);
  });

  it('takes the password from --password or RAPPORT_PASSWORD and then does not print it', async () => {
    const a = uniqueEmail('flag');
    const b = uniqueEmail('envpw');
    const viaFlag = await cli(['user', 'add', a, '--role', 'rep', '--password', 'flag password'], ctx.env);
    const viaEnv = await cli(['user', 'add', b, '-r', 'lead'], {
      ...ctx.env,
      RAPPORT_PASSWORD: 'env password',
    });
    expect([viaFlag.code, viaEnv.code]).toEqual([0, 0]);
    expect(JSON.parse(viaFlag.out).password).toBeUndefined();
    expect(await verifyPassword('flag password', (await ctx.store.users.findByEmail(a))!.passwordHash)).toBe(
      true,
    );
    expect(await verifyPassword('env password', (await ctx.store.users.findByEmail(b))!.passwordHash)).toBe(
      true,
    );
  });

  it('reports usage mistakes with exit 2 and refusals with exit 1, printing nothing on stdout', async () => {
    const email = uniqueEmail('dup');
    expect((await cli(['user', 'add', email, '--role', 'rep'], ctx.env)).code).toBe(0);
    const cases: [string[], number, RegExp][] = [
      [['user', 'add', email, '--role', 'rep'], 1, /already exists/],
      [['user', 'add', uniqueEmail()], 2, /--role is required/],
      [['user', 'add', uniqueEmail(), '--role', 'boss'], 2, /role must be/],
      [['user', 'add', 'not-an-email', '--role', 'rep'], 2, /is not an email address/],
      [['user', 'add', uniqueEmail(), '--role', 'rep', '--password', 'short'], 2, /at least 8/],
      [['user', 'add', uniqueEmail(), '--role', 'rep', '--colour', 'red'], 2, /Unknown option '--colour'/],
      [['user', 'add'], 2, /missing arguments/],
      [['user', 'list', '--team', 'No such team'], 1, /No team "No such team"/],
    ];
    for (const [argv, code, message] of cases) {
      const res = await cli(argv, ctx.env);
      expect({ argv, code: res.code, out: res.out }).toEqual({ argv, code, out: '' });
      expect(res.err).toMatch(message);
    }
    const badEnv = await cli(['user', 'list'], { ...ctx.env, PORT: 'eighty' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.err).toContain('PORT: PORT must be a number');
  });

  it('team add makes another team that --team selects by name or id', async () => {
    const added = await cli(['team', 'add', 'Night', 'Shift'], ctx.env);
    expect(added.code).toBe(0);
    const team = JSON.parse(added.out);
    expect(team.name).toBe('Night Shift');
    const byName = await cli(
      ['user', 'add', uniqueEmail('n1'), '--role', 'rep', '--team', 'Night Shift'],
      ctx.env,
    );
    const byId = await cli(['user', 'add', uniqueEmail('n2'), '--role', 'lead', '-t', team.id], ctx.env);
    expect([JSON.parse(byName.out).teamId, JSON.parse(byId.out).teamId]).toEqual([team.id, team.id]);
    const list = await cli(['user', 'list', '--team', team.id], ctx.env);
    expect(
      JSON.parse(list.out)
        .map((u: { role: string }) => u.role)
        .sort(),
    ).toEqual(['lead', 'rep']);
    const teams = JSON.parse((await cli(['team', 'list'], ctx.env)).out);
    expect(teams.map((t: { name: string }) => t.name)).toEqual(['My team', 'Night Shift']);
  });

  it('creates the admin from RAPPORT_ADMIN_EMAIL/PASSWORD once, and serve answers until stopped', async () => {
    const email = uniqueEmail('boot');
    const env = {
      ...ctx.env,
      RAPPORT_ADMIN_EMAIL: email,
      RAPPORT_ADMIN_PASSWORD: 'bootstrap pw',
      PORT: '0',
      HOST: '127.0.0.1',
    };
    const stop = new AbortController();
    let out = '';
    const running = runCli(['serve'], {
      env: { ...env, RAPPORT_LOG_LEVEL: 'silent' },
      signal: stop.signal,
      out: (t) => {
        out += t;
      },
      err: () => {},
    });
    // On a fresh checkout serve first builds the dashboard (a few seconds), then listens.
    for (let i = 0; i < 2400 && !out; i++) await new Promise((r) => setTimeout(r, 25));
    expect(out).toMatch(/^http:\/\/localhost:\d+\/\n$/);
    const base = out.trim();
    const home = await fetch(base);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="app"></div>');
    const health = await fetch(`${base}api/v1/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).database).toBe(ctx.kind);
    const login = await fetch(`${base}api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'bootstrap pw' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.role).toBe('admin');
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(`${base}api/v1/health`)).rejects.toThrow();
    // a second start neither duplicates the admin nor fails
    expect((await cli(['user', 'list'], env)).code).toBe(0);
    const admins = (await ctx.store.users.list((await ctx.store.teams.getDefault())!.id)).filter(
      (u) => u.email === email,
    );
    expect(admins).toHaveLength(1);
  }, 90_000);
});
