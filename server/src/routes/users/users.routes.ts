import { createRoute, z } from '@hono/zod-openapi';
import { OWNED_ENTITIES } from '@rapport/shared/entities';
import { EmailSchema, NameSchema, PasswordSchema, RoleSchema, UserSchema } from '../../accounts/schemas.ts';
import { ErrorSchema } from '../../lib/errors.ts';
import {
  conflictResponse,
  errorResponses,
  IdParam,
  jsonBody,
  jsonResponse,
  notFoundResponse,
} from '../../lib/openapi.ts';

export const CreateUserBody = z.strictObject({
  email: EmailSchema,
  name: NameSchema,
  role: RoleSchema,
  password: PasswordSchema.optional().openapi({
    description: 'Omit to have one generated and returned once',
  }),
});

export const UpdateUserBody = z
  .strictObject({ name: NameSchema.optional(), role: RoleSchema.optional(), active: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, { error: 'send at least one of name, role, active' });

export const ResetPasswordBody = z.strictObject({
  password: PasswordSchema.optional().openapi({
    description: 'Omit to have one generated and returned once',
  }),
});

/** Entities whose owner (ownerId) a lead may move to another member: the entity table's owned ones. */
export const REASSIGNABLE = OWNED_ENTITIES;

export const ReassignBody = z.strictObject({
  toUserId: z.string().min(1),
  entities: z
    .array(z.enum(REASSIGNABLE))
    .min(1)
    .default(['customer', 'contact'])
    .openapi({ description: 'Which owned records move (default customers and contacts)' }),
});

const UserWithPassword = z.object({ user: UserSchema, password: z.string().optional() });

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['users'],
  summary: "List your team's members",
  responses: {
    200: jsonResponse(z.object({ users: z.array(UserSchema) }), 'Members, by email'),
    401: errorResponses[401],
  },
});

export const getUserRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['users'],
  summary: 'One member of your team',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ user: UserSchema }), 'The member'),
    401: errorResponses[401],
    ...notFoundResponse,
  },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: 'Add a member to your team (admin)',
  request: { body: jsonBody(CreateUserBody) },
  responses: {
    201: jsonResponse(UserWithPassword, 'Created; `password` is present only when it was generated'),
    ...errorResponses,
    ...conflictResponse,
  },
});

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['users'],
  summary: 'Rename, change role, deactivate or reactivate a member (admin)',
  description:
    'Deactivating signs the member out everywhere; the last active admin cannot be demoted or deactivated.',
  request: { params: IdParam, body: jsonBody(UpdateUserBody) },
  responses: {
    200: jsonResponse(z.object({ user: UserSchema }), 'Updated'),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/{id}/password',
  tags: ['users'],
  summary: "Reset a member's password (admin); signs them out everywhere",
  request: { params: IdParam, body: jsonBody(ResetPasswordBody) },
  responses: {
    200: jsonResponse(UserWithPassword, 'Reset; `password` is present only when it was generated'),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const reassignRoute = createRoute({
  method: 'post',
  path: '/{id}/reassign',
  tags: ['users'],
  summary: "Move a member's customers and contacts to another member (lead, admin)",
  description:
    'Every moved record gets a new team version, so extensions receive the new owner on their next pull.',
  request: { params: IdParam, body: jsonBody(ReassignBody) },
  responses: {
    200: jsonResponse(
      z.object({ moved: z.record(z.string(), z.number().int()), version: z.number().int() }),
      'How many records of each kind moved, and the version stamped on them',
    ),
    ...errorResponses,
    404: jsonResponse(ErrorSchema, 'No such member in your team'),
  },
});
