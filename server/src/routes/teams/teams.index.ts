import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './teams.handlers.ts';
import * as routes from './teams.routes.ts';

export const teamsRouter = createRouter()
  .openapi(routes.getCurrentTeamRoute, handlers.getCurrent)
  .openapi(routes.renameTeamRoute, handlers.rename)
  .openapi(routes.createTeamRoute, handlers.create);
