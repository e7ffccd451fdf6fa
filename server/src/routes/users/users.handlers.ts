import { presentUser } from '../../accounts/present.ts';
import { createUser as createAccount, resetPassword as resetAccountPassword } from '../../accounts/users.ts';
import { reassignOwner } from '../../entities/reassign.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { generatePassword } from '../../lib/passwords.ts';
import type { Store, User } from '../../store/store.ts';
import type {
  createUserRoute,
  getUserRoute,
  listUsersRoute,
  reassignRoute,
  resetPasswordRoute,
  updateUserRoute,
} from './users.routes.ts';

async function memberOrThrow(store: Store, teamId: string, id: string): Promise<User> {
  const user = await store.users.get(teamId, id);
  if (!user) throw notFound(`No member ${id} in your team`);
  return user;
}

export const list: AppRouteHandler<typeof listUsersRoute> = async (c) => {
  const users = await c.var.store.users.list(c.var.auth.team.id);
  return c.json({ users: users.map(presentUser) }, 200);
};

export const get: AppRouteHandler<typeof getUserRoute> = async (c) => {
  const user = await memberOrThrow(c.var.store, c.var.auth.team.id, c.req.valid('param').id);
  return c.json({ user: presentUser(user) }, 200);
};

export const create: AppRouteHandler<typeof createUserRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['admin'], 'add members');
  const body = c.req.valid('json');
  const password = body.password ?? generatePassword();
  const user = await createAccount(c.var.store, c.var.clock, {
    ...body,
    password,
    teamId: c.var.auth.team.id,
  });
  return c.json({ user: presentUser(user), ...(body.password ? {} : { password }) }, 201);
};

export const update: AppRouteHandler<typeof updateUserRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['admin'], 'change members');
  const { id } = c.req.valid('param');
  const changes = c.req.valid('json');
  const teamId = c.var.auth.team.id;
  const at = c.var.clock.now().toISOString();
  const user = await c.var.store.transaction(async (tx) => {
    const before = await memberOrThrow(tx, teamId, id);
    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      (changes.active === false || (changes.role ?? 'admin') !== 'admin');
    if (losesAdmin && (await tx.users.countActive(teamId, 'admin')) <= 1) {
      throw conflict('The team needs at least one active admin: make someone else admin first');
    }
    const after = await tx.users.update(teamId, id, changes, at);
    if (changes.active === false) await tx.tokens.deleteForUser(teamId, id);
    return after ?? before;
  });
  return c.json({ user: presentUser(user) }, 200);
};

export const resetPassword: AppRouteHandler<typeof resetPasswordRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['admin'], "reset members' passwords");
  const user = await memberOrThrow(c.var.store, c.var.auth.team.id, c.req.valid('param').id);
  const given = c.req.valid('json').password;
  const password = given ?? generatePassword();
  await resetAccountPassword(c.var.store, c.var.clock, user, password);
  return c.json({ user: presentUser(user), ...(given ? {} : { password }) }, 200);
};

export const reassign: AppRouteHandler<typeof reassignRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['lead', 'admin'], "reassign a member's records");
  const { id } = c.req.valid('param');
  const { toUserId, entities } = c.req.valid('json');
  const teamId = c.var.auth.team.id;
  const from = await memberOrThrow(c.var.store, teamId, id);
  const to = await memberOrThrow(c.var.store, teamId, toUserId);
  if (from.id === to.id) throw badRequest('toUserId must be a different member');
  if (!to.active) throw badRequest(`${to.email} is deactivated; reassign to an active member`);
  const result = await reassignOwner(c.var, teamId, { fromUserId: from.id, toUserId: to.id, entities });
  return c.json(result, 200);
};
