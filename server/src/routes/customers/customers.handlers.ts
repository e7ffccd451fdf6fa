import { mergeCustomers } from '../../entities/merge-customers.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import { assertRole } from '../../lib/auth.ts';
import type { mergeRoute } from './customers.routes.ts';

export const merge: AppRouteHandler<typeof mergeRoute> = async (c) => {
  assertRole(c.var.auth.user.role, ['lead', 'admin'], 'merge customers');
  const { id } = c.req.valid('param');
  const { from, dryRun } = c.req.valid('json');
  const result = await mergeCustomers(c.var, c.var.auth.team.id, { intoId: id, fromId: from, dryRun });
  return c.json(result, 200);
};
