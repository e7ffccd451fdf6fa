import { exportContacts } from '../../exports/contacts.ts';
import type { AppRouteHandler } from '../../lib/app-env.ts';
import type { exportContactsRoute } from './exports.routes.ts';

export const exportContactsHandler: AppRouteHandler<typeof exportContactsRoute> = async (c) => {
  const { format, version } = c.req.valid('query');
  const file = await exportContacts(c.var.store, c.var.auth.team.id, format, version);
  return c.body(file.body, 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'X-Record-Count': String(file.count),
  });
};
