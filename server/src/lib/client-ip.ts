import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

/**
 * The peer address of the connection. Forwarded headers are ignored on purpose: anyone could set them
 * to dodge the login rate limit. Behind a reverse proxy every client shares the proxy's address.
 */
export function clientIp(c: Context<AppEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
