import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './imports.handlers.ts';
import * as routes from './imports.routes.ts';

export const importsRouter = createRouter()
  .openapi(routes.importOrdersRoute, handlers.importOrdersHandler)
  .openapi(routes.importContactsRoute, handlers.importContactsHandler)
  .openapi(routes.importSurveysRoute, handlers.importSurveysHandler)
  .openapi(routes.listImportsRoute, handlers.listImportsHandler)
  .openapi(routes.importProgressRoute, handlers.importProgressHandler);
