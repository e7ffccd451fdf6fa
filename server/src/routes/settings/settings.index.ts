import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './settings.handlers.ts';
import * as routes from './settings.routes.ts';

export const settingsRouter = createRouter()
  .openapi(routes.getSettingsRoute, handlers.get)
  .openapi(routes.putSettingsRoute, handlers.put)
  .openapi(routes.patchSettingsRoute, handlers.patch);
