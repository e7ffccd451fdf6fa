import type { OpenAPIHono } from '@hono/zod-openapi';
import { uuidv7 } from 'uuidv7';
import { issueToken } from '../accounts/sessions.ts';
import { type CreateAppOptions, createApp } from '../app.ts';
import type { AppEnv } from '../lib/app-env.ts';
import { DAY_MS, type ManualClock, manualClock } from '../lib/clock.ts';
import { hashPassword } from '../lib/passwords.ts';
import type { Role, Store, Team, User } from '../store/store.ts';
import { uniqueEmail } from './ids.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Scrypt at test cost (N=2^10): verification reads the parameters from the hash, so logins stay fast. */
let cheapHash: Promise<string> | undefined;
export function testPasswordHash(): Promise<string> {
  cheapHash ??= hashPassword(TEST_PASSWORD, { N: 1024, r: 8, p: 1 });
  return cheapHash;
}

export async function seedTeam(
  store: Store,
  name = 'Test team',
  at = '2026-01-01T00:00:00.000Z',
): Promise<Team> {
  return store.teams.create({ id: uuidv7(), name, settings: {}, at });
}

/** A user whose password is TEST_PASSWORD. */
export async function seedUser(
  store: Store,
  teamId: string,
  role: Role,
  fields: { email?: string; name?: string } = {},
): Promise<User> {
  return store.users.create({
    id: uuidv7(),
    teamId,
    email: fields.email ?? uniqueEmail(role),
    name: fields.name ?? `Test ${role}`,
    role,
    passwordHash: await testPasswordHash(),
    at: '2026-01-01T00:00:00.000Z',
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response JSON freely; assertions check the shape.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  /** A raw body (sent as is; set content-type via headers). */
  body?: string;
  headers?: Record<string, string>;
  /** The peer address the app sees (login rate limits are per address). */
  ip?: string;
}

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  store: Store;
  clock: ManualClock;
  // biome-ignore lint/suspicious/noExplicitAny: see ApiResponse.
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** A member of `team` with a valid token (no password round trip). */
  member(
    team: Team,
    role: Role,
    fields?: { email?: string; name?: string },
  ): Promise<{ user: User; token: string }>;
}

/** The real app in-process over `store`, with a manual clock. */
export function createTestApp(
  store: Store,
  options: Partial<CreateAppOptions> & { clock?: ManualClock } = {},
): TestApp {
  const clock = options.clock ?? manualClock();
  const app = createApp({ ...options, store, clock });
  return {
    app,
    store,
    clock,
    async request(method, path, { token, json, body, headers = {}, ip = '127.0.0.1' } = {}) {
      const h: Record<string, string> = { ...headers };
      if (token) h.authorization = `Bearer ${token}`;
      let payload: string | undefined = body;
      if (json !== undefined) {
        payload = JSON.stringify(json);
        h['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers: h, body: payload }, {
        incoming: { socket: { remoteAddress: ip } },
      } as never);
      const text = await res.text();
      let parsed: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
      return { status: res.status, body: parsed as never, headers: res.headers };
    },
    async member(team, role, fields) {
      const user = await seedUser(store, team.id, role, fields);
      const { token } = await issueToken(store, clock, user, 30 * DAY_MS);
      return { user, token };
    },
  };
}

/** The app over `store` with one team, its lead and a rep (signed in), and a reader of the team's version. */
export async function teamWithLeadAndRep(
  store: Store,
  options: Partial<CreateAppOptions> & { clock?: ManualClock } = {},
) {
  const t = createTestApp(store, options);
  const team = await seedTeam(store);
  const lead = await t.member(team, 'lead');
  const rep = await t.member(team, 'rep');
  const version = async () => (await store.teams.get(team.id))!.version;
  return { t, team, lead, rep, version };
}
