import { REST_ENTITIES, type RestEntity } from '../../entities/registry.ts';
import { type ApiRouter, createRouter } from '../../lib/create-router.ts';
import { ApiError } from '../../lib/errors.ts';
import { entityHandlers } from './entities.handlers.ts';
import { entityRoutes } from './entities.routes.ts';

/** The list, get, create and delete routes every REST entity has. */
function commonRoutes(rest: RestEntity) {
  const routes = entityRoutes(rest);
  const handlers = entityHandlers(rest);
  const router = createRouter()
    .openapi(routes.list, handlers.list)
    .openapi(routes.get, handlers.get)
    .openapi(routes.create, handlers.create)
    .openapi(routes.remove, handlers.remove);
  return { routes, handlers, router };
}

/** An editable entity's routes: the common ones and PATCH. Exported for the typed test client. */
export function editableEntityRouter(rest: RestEntity) {
  const { routes, handlers, router } = commonRoutes(rest);
  return router.openapi(routes.patch, handlers.patch);
}

/** An insert-only entity's routes: the common ones; PATCH answers 405. */
export function insertOnlyEntityRouter(rest: RestEntity) {
  const { router } = commonRoutes(rest);
  router.patch('/:id', () => {
    throw new ApiError(
      405,
      'method_not_allowed',
      `${rest.plural} are insert-only: create a new one whose supersedes names this one`,
    );
  });
  return router;
}

/** One router per REST entity (/api/v1/contacts, /companies, …). */
export const entityRouters: ApiRouter[] = REST_ENTITIES.map((rest) => ({
  path: `/${rest.path}`,
  router: rest.insertOnly ? insertOnlyEntityRouter(rest) : editableEntityRouter(rest),
}));
