import { mergeCustomers } from '../../entities/merge-customers.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import { customerOrders } from '../../reports/customer-orders.ts';
import type { mergeRoute, ordersRoute } from './customers.routes.ts';

export const merge: AppRouteHandler<typeof mergeRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['lead', 'admin'], 'merge customers');
  const { id } = c.req.valid('param');
  const { from, dryRun } = c.req.valid('json');
  const result = await mergeCustomers(c.var, c.var.auth.team.id, { intoId: id, fromId: from, dryRun });
  return c.json(result, 200);
};

export const orders: AppRouteHandler<typeof ordersRoute> = async (c) => {
  const { id } = c.req.valid('param');
  return c.json(await customerOrders(c.var.store, c.var.auth.team.id, id, c.req.valid('query')), 200);
};
