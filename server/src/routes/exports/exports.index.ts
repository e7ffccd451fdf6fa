import { createRouter } from '../../lib/create-router.ts';
import { exportContactsHandler } from './exports.handlers.ts';
import { exportContactsRoute } from './exports.routes.ts';

export const exportsRouter = createRouter().openapi(exportContactsRoute, exportContactsHandler);
