import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../exports/contacts.ts';
import { VCARD_VERSIONS } from '../../exports/vcard.ts';
import { errorResponses } from '../../lib/openapi.ts';

export const ExportContactsQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "format must be 'csv' or 'vcard'" }).default('csv'),
  version: z
    .enum(VCARD_VERSIONS, { error: "version must be '3.0' or '4.0'" })
    .default('4.0')
    .openapi({ description: 'vCard version' }),
});

export const exportContactsRoute = createRoute({
  method: 'get',
  path: '/contacts',
  tags: ['exports'],
  summary: 'Every contact of the team as CSV or vCard (3.0 or 4.0)',
  request: { query: ExportContactsQuery },
  responses: {
    200: {
      description: 'The file (Content-Disposition: attachment)',
      content: {
        'text/csv': { schema: z.string() },
        'text/vcard': { schema: z.string() },
      },
    },
    ...errorResponses,
  },
});
