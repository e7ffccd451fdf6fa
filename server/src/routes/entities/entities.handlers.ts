import type { Context } from 'hono';
import type { RestEntity } from '../../entities/registry.ts';
import {
  createEntity,
  deleteEntity,
  type EntityContext,
  getEntity,
  listEntities,
  patchEntity,
} from '../../entities/rest.ts';
import type { AppEnv, AppRouteHandler } from '../../lib/app-env.ts';
import { badRequest } from '../../lib/errors.ts';
import type { EntityRoutes } from './entities.routes.ts';

function entityContext(c: Context<AppEnv>): EntityContext {
  return { store: c.var.store, clock: c.var.clock, hlc: c.var.hlc, user: c.var.auth.user };
}

/** Handlers for one REST entity; every query is scoped to the caller's team. */
export function entityHandlers(rest: RestEntity) {
  const list: AppRouteHandler<EntityRoutes['list']> = async (c) => {
    const { cursor, includeDeleted, ...q } = c.req.valid('query');
    const page = await listEntities(c.var.store, c.var.auth.team.id, rest.entity, {
      ...q,
      includeDeleted: includeDeleted ?? false,
      ...(cursor ? { before: cursor } : {}),
    });
    return c.json(page, 200);
  };
  const get: AppRouteHandler<EntityRoutes['get']> = async (c) =>
    c.json(await getEntity(c.var.store, c.var.auth.team.id, rest, c.req.valid('param').id), 200);
  const create: AppRouteHandler<EntityRoutes['create']> = async (c) =>
    c.json(await createEntity(entityContext(c), rest, c.req.valid('json')), 201);
  const patch: AppRouteHandler<EntityRoutes['patch']> = async (c) =>
    c.json(await patchEntity(entityContext(c), rest, c.req.valid('param').id, c.req.valid('json')), 200);
  const remove: AppRouteHandler<EntityRoutes['remove']> = async (c) => {
    const erase = c.req.valid('query').erase ?? false;
    if (erase && rest.entity !== 'contact') throw badRequest('erase applies to contacts only');
    await deleteEntity(entityContext(c), rest, c.req.valid('param').id, erase);
    return c.json({ ok: true as const }, 200);
  };
  return { list, get, create, patch, remove };
}
