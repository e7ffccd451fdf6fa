import { createRoute, z } from '@hono/zod-openapi';
import { LoginBody } from '@rapport/shared/schemas/api';
import { timeZoneSchema } from '@rapport/shared/schemas/dates';
import { PasswordSchema, TeamSchema, UserSchema } from '../../accounts/schemas.ts';
import { ErrorSchema } from '../../lib/errors.ts';
import { errorResponses, jsonBody, jsonResponse, OkSchema, publicRoute } from '../../lib/openapi.ts';

export const SessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
  team: TeamSchema,
});

export const MeSchema = z.object({ user: UserSchema, team: TeamSchema, expiresAt: z.string() });

export const UpdateMeBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: timeZoneSchema.nullable().optional(),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { error: 'currentPassword is required' }).max(1024),
  newPassword: PasswordSchema,
});

export const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  description:
    'Returns an opaque bearer token. Failed attempts are limited per email and address (5, then a doubling wait from 1 s up to 5 min), per address (30 in 15 min) and per email (20 in 15 min, not applied to addresses the account signed in from before); a limited attempt answers 429 with Retry-After before any password check.',
  ...publicRoute,
  request: {
    body: jsonBody(LoginBody, 'Your sign-in', { email: 'rita@example.com', password: 'a long password' }),
  },
  responses: {
    200: jsonResponse(SessionSchema, 'Signed in', {
      token: 'AbCdEf0123456789AbCdEf0123456789AbCdEf01234',
      expiresAt: '2026-02-14T09:00:00.000Z',
      user: {
        id: '01944f3a-7c00-7000-8000-000000000002',
        teamId: '01944f3a-7c00-7000-8000-000000000001',
        email: 'rita@example.com',
        name: 'Rita Rep',
        role: 'rep',
        active: true,
        timeZone: 'Europe/Berlin',
        createdAt: '2026-01-02T09:00:00.000Z',
        updatedAt: '2026-01-02T09:00:00.000Z',
      },
      team: {
        id: '01944f3a-7c00-7000-8000-000000000001',
        name: 'Acme Sales',
        createdAt: '2026-01-02T09:00:00.000Z',
        updatedAt: '2026-01-02T09:00:00.000Z',
      },
    }),
    400: errorResponses[400],
    401: jsonResponse(ErrorSchema, 'Wrong email or password', {
      error: { code: 'unauthorized', message: 'Wrong email or password', details: null },
    }),
    403: jsonResponse(ErrorSchema, 'The account is deactivated', {
      error: {
        code: 'forbidden',
        message: 'This account has been deactivated; ask an admin of your team',
        details: null,
      },
    }),
    429: jsonResponse(ErrorSchema, 'Too many failed attempts; see Retry-After', {
      error: {
        code: 'rate_limited',
        message: 'Too many failed sign-in attempts; try again in 4 s',
        details: { retryAfterSeconds: 4 },
      },
    }),
  },
});

export const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'Revoke the token used for this request',
  responses: { 200: jsonResponse(OkSchema, 'Signed out'), 401: errorResponses[401] },
});

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and team',
  responses: { 200: jsonResponse(MeSchema, 'The caller'), 401: errorResponses[401] },
});

export const updateMeRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['auth'],
  summary: 'Change your own name or time zone',
  request: { body: jsonBody(UpdateMeBody) },
  responses: { 200: jsonResponse(MeSchema, 'Updated'), 400: errorResponses[400], 401: errorResponses[401] },
});

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: 'Change your own password (signs out your other sessions)',
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    200: jsonResponse(OkSchema, 'Changed'),
    400: errorResponses[400],
    401: errorResponses[401],
    403: jsonResponse(ErrorSchema, 'The current password is wrong'),
  },
});
