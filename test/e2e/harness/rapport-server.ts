// The real Rapport server, in-process on a free loopback port, with its own fresh database: what the
// extension under test syncs with. The data is the server's; tests drive it through the API or the
// store, and move time with the clock.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { bootstrap } from '@rapport/server/accounts/bootstrap';
import { createUser } from '@rapport/server/accounts/users';
import { createApp } from '@rapport/server/app';
import { type Clock, systemClock } from '@rapport/server/lib/clock';
import type { Store, Team, User } from '@rapport/server/store/store';
import { createTestStore, type StoreKind } from '@rapport/server/testing/test-store';

export interface StartServerOptions {
  /** Default sqlite (a temp file); postgres needs RAPPORT_TEST_PG_URL. */
  store?: StoreKind;
  /** Default the system clock; pass manualClock() from @rapport/server/lib/clock to move time. */
  clock?: Clock;
  /** The first admin's sign-in (default admin@rapport.test / a fixed test password). */
  admin?: { email: string; password: string };
}

export interface Account {
  email: string;
  password: string;
  user: User;
}

export interface RapportServer {
  /** http://127.0.0.1:<port> (localhost works too: the browser's host rules exclude it). */
  url: string;
  port: number;
  store: Store;
  clock: Clock;
  /** The default team a fresh data directory gets. */
  team: Team;
  admin: Account;
  /** Adds a user to the default team (role rep unless given). */
  addUser(input: { email: string; password: string; name?: string; role?: User['role'] }): Promise<Account>;
  /** Signs in through POST /api/v1/auth/login and returns the bearer token (admin by default). */
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_ADMIN = { email: 'admin@rapport.test', password: 'correct horse battery staple' } as const;

export async function startServer(options: StartServerOptions = {}): Promise<RapportServer> {
  const clock = options.clock ?? systemClock;
  const adminLogin = options.admin ?? TEST_ADMIN;
  const db = await createTestStore(options.store ?? 'sqlite');
  const { store } = db;
  try {
    const { team, createdAdmin } = await bootstrap(store, clock, adminLogin);
    if (!createdAdmin) throw new Error('startServer: bootstrap created no admin on a fresh store');
    const server = createAdaptorServer({ fetch: createApp({ store, clock }).fetch });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    const login = async (
      email: string = adminLogin.email,
      password: string = adminLogin.password,
    ): Promise<string> => {
      const res = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const body = (await res.json()) as { token?: string };
      if (!res.ok || typeof body.token !== 'string')
        throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(body)}`);
      return body.token;
    };

    return {
      url,
      port,
      store,
      clock,
      team,
      admin: { ...adminLogin, user: createdAdmin },
      addUser: async ({ email, password, name, role }) => ({
        email,
        password,
        user: await createUser(store, clock, {
          teamId: team.id,
          email,
          password,
          name: name ?? email,
          role: role ?? 'rep',
        }),
      }),
      login,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
