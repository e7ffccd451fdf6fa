import { createRouter } from '../../lib/create-router.ts';
import * as handlers from './customers.handlers.ts';
import * as routes from './customers.routes.ts';

/** Customer operations beyond the entity REST routes (mounted beside them at /customers). */
export const customersRouter = createRouter()
  .openapi(routes.mergeRoute, handlers.merge)
  .openapi(routes.ordersRoute, handlers.orders);
