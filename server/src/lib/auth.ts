import type { MiddlewareHandler } from 'hono';
import type { Role } from '../store/store.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, forbidden, unauthorized } from './errors.ts';
import { hashToken } from './tokens.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Resolves `Authorization: Bearer <token>` to the caller (user + team) or answers 401. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const match = BEARER.exec(c.req.header('authorization') ?? '');
  if (!match?.[1]) throw withChallenge(unauthorized());
  const tokenHash = hashToken(match[1]);
  const session = await c.var.store.tokens.resolve(tokenHash, c.var.clock.now().toISOString());
  if (!session) throw withChallenge(unauthorized('The token is invalid or has expired; sign in again'));
  c.set('auth', { ...session, tokenHash });
  await next();
};

function withChallenge(err: ApiError): ApiError {
  return new ApiError(err.status, err.code, err.message, err.details, { 'WWW-Authenticate': 'Bearer' });
}

const describeRoles = (roles: readonly Role[]) => roles.join(' or ');

/** Lets the request through only for callers with one of these roles (403 otherwise). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { user } = c.var.auth;
    if (!roles.includes(user.role))
      throw forbidden(`This needs the ${describeRoles(roles)} role; you are a ${user.role}`);
    await next();
  };
}

/** The same check inside a handler. */
export function assertRole(role: Role, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(role)) throw forbidden(`Only a ${describeRoles(allowed)} may ${action}`);
}
