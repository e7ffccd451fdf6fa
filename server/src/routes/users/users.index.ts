import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './users.handlers.ts';
import * as routes from './users.routes.ts';

export const usersRouter = createRouter()
  .openapi(routes.listUsersRoute, handlers.list)
  .openapi(routes.getUserRoute, handlers.get)
  .openapi(routes.createUserRoute, handlers.create)
  .openapi(routes.updateUserRoute, handlers.update)
  .openapi(routes.resetPasswordRoute, handlers.resetPassword)
  .openapi(routes.reassignRoute, handlers.reassign);
