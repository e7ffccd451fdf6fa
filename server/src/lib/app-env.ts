import type { IncomingMessage } from 'node:http';
import type { RouteConfig, RouteHandler } from '@hono/zod-openapi';
import type { HlcClock } from '../entities/server-hlc.ts';
import type { Session, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './log.ts';

/** Limits and lifetimes the app was built with (from env.ts in production, chosen by tests). */
export interface AppConfig {
  tokenTtlMs: number;
  maxBodyBytes: number;
}

/** The signed-in caller: set by the auth middleware on every non-public /api/v1 route. */
export interface AuthContext extends Session {
  tokenHash: string;
}

export interface AppVariables {
  store: Store;
  clock: Clock;
  /** This server's hybrid logical clock for stamping field writes (REST, sync, imports). */
  hlc: HlcClock;
  log: Logger;
  config: AppConfig;
  auth: AuthContext;
}

export interface AppEnv {
  Variables: AppVariables;
  /** @hono/node-server passes the Node request; absent under app.request() in tests. */
  Bindings: { incoming?: IncomingMessage };
}

/** A handler typed by its route contract: `export const list: AppRouteHandler<typeof listRoute> = async (c) => …`. */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
