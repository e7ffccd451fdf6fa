import { uuidv7 } from 'uuidv7';
import { presentTeam, presentUser } from '../../accounts/present.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import { conflict } from '../../lib/errors.ts';
import { generatePassword, hashPassword } from '../../lib/passwords.ts';
import { UniqueViolationError } from '../../store/store.ts';
import type { createTeamRoute, getCurrentTeamRoute, renameTeamRoute } from './teams.routes.ts';

export const getCurrent: AppRouteHandler<typeof getCurrentTeamRoute> = async (c) => {
  const team = (await c.var.store.teams.get(c.var.auth.team.id)) ?? c.var.auth.team;
  return c.json({ team: presentTeam(team) }, 200);
};

export const rename: AppRouteHandler<typeof renameTeamRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['admin'], 'rename the team');
  const { name } = c.req.valid('json');
  const team =
    (await c.var.store.teams.rename(c.var.auth.team.id, name, c.var.clock.now().toISOString())) ??
    c.var.auth.team;
  return c.json({ team: presentTeam(team) }, 200);
};

export const create: AppRouteHandler<typeof createTeamRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['admin'], 'create teams');
  const { name, admin } = c.req.valid('json');
  const password = admin.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const at = c.var.clock.now().toISOString();
  try {
    const { team, user } = await c.var.store.transaction(async (tx) => {
      const team = await tx.teams.create({ id: uuidv7(), name, settings: {}, at });
      const user = await tx.users.create({
        id: uuidv7(),
        teamId: team.id,
        email: admin.email,
        name: admin.name,
        role: 'admin',
        passwordHash,
        at,
      });
      return { team, user };
    });
    return c.json(
      { team: presentTeam(team), admin: presentUser(user), ...(admin.password ? {} : { password }) },
      201,
    );
  } catch (err) {
    if (err instanceof UniqueViolationError)
      throw conflict(`A user with the email ${admin.email} already exists`);
    throw err;
  }
};
