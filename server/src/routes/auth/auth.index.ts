import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './auth.handlers.ts';
import * as routes from './auth.routes.ts';

export const authRouter = createRouter()
  .openapi(routes.loginRoute, handlers.login)
  .openapi(routes.logoutRoute, handlers.logout)
  .openapi(routes.meRoute, handlers.me)
  .openapi(routes.updateMeRoute, handlers.updateMe)
  .openapi(routes.changePasswordRoute, handlers.changePassword);
