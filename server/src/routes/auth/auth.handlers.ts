import { presentTeam, presentUser } from '../../accounts/present.ts';
import { changePassword as changeOwnPassword, login as loginWithPassword } from '../../accounts/sessions.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { clientIp } from '../../lib/client-ip.ts';
import type { changePasswordRoute, loginRoute, logoutRoute, meRoute, updateMeRoute } from './auth.routes.ts';

export const login: AppRouteHandler<typeof loginRoute> = async (c) => {
  const { email, password } = c.req.valid('json');
  const session = await loginWithPassword(
    c.var.store,
    c.var.clock,
    { email, password, ip: clientIp(c) },
    c.var.config.tokenTtlMs,
  );
  return c.json(
    {
      token: session.token,
      expiresAt: session.expiresAt,
      user: presentUser(session.user),
      team: presentTeam(session.team),
    },
    200,
  );
};

export const logout: AppRouteHandler<typeof logoutRoute> = async (c) => {
  await c.var.store.tokens.delete(c.var.auth.tokenHash);
  return c.json({ ok: true as const }, 200);
};

export const me: AppRouteHandler<typeof meRoute> = async (c) => {
  const { user, team, expiresAt } = c.var.auth;
  return c.json({ user: presentUser(user), team: presentTeam(team), expiresAt }, 200);
};

export const updateMe: AppRouteHandler<typeof updateMeRoute> = async (c) => {
  const { user, team, expiresAt } = c.var.auth;
  const changes = c.req.valid('json');
  const updated =
    (await c.var.store.users.update(team.id, user.id, changes, c.var.clock.now().toISOString())) ?? user;
  return c.json({ user: presentUser(updated), team: presentTeam(team), expiresAt }, 200);
};

export const changePassword: AppRouteHandler<typeof changePasswordRoute> = async (c) => {
  const { currentPassword, newPassword } = c.req.valid('json');
  const { user, tokenHash } = c.var.auth;
  await changeOwnPassword(
    c.var.store,
    c.var.clock,
    { user, tokenHash, ip: clientIp(c) },
    currentPassword,
    newPassword,
  );
  return c.json({ ok: true as const }, 200);
};
