import { createRoute, z } from '@hono/zod-openapi';
import { EmailSchema, NameSchema, PasswordSchema, TeamSchema, UserSchema } from '../../accounts/schemas.ts';
import { conflictResponse, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';

export const RenameTeamBody = z.strictObject({ name: NameSchema });

export const CreateTeamBody = z.strictObject({
  name: NameSchema,
  admin: z.strictObject({
    email: EmailSchema,
    name: NameSchema,
    password: PasswordSchema.optional().openapi({
      description: 'Omit to have one generated and returned once',
    }),
  }),
});

export const getCurrentTeamRoute = createRoute({
  method: 'get',
  path: '/current',
  tags: ['teams'],
  summary: 'Your team',
  responses: { 200: jsonResponse(z.object({ team: TeamSchema }), 'Your team'), 401: errorResponses[401] },
});

export const renameTeamRoute = createRoute({
  method: 'patch',
  path: '/current',
  tags: ['teams'],
  summary: 'Rename your team (admin)',
  request: { body: jsonBody(RenameTeamBody) },
  responses: { 200: jsonResponse(z.object({ team: TeamSchema }), 'Renamed'), ...errorResponses },
});

export const createTeamRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['teams'],
  summary: 'Create another team with its first admin (admin)',
  description:
    'Teams are separate tenants: the new team starts empty and only its own admin can sign in to it; you do not gain access to it.',
  request: { body: jsonBody(CreateTeamBody) },
  responses: {
    201: jsonResponse(
      z.object({ team: TeamSchema, admin: UserSchema, password: z.string().optional() }),
      "Created; `password` is the new admin's generated password when none was given",
    ),
    ...errorResponses,
    ...conflictResponse,
  },
});
