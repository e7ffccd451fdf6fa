import { createTestApp, seedTeam, type TestApp } from '@rapport/server/testing/test-app';
import { createTestStore, type StoreKind, type TestStore } from '@rapport/server/testing/test-store';
import { afterEach, expect } from 'vitest';
import { DEFAULT_PG_URL } from '../bench/lib/databases.ts';
import { FaultyNetwork } from './faulty-network.ts';
import { Oracle } from './oracle.ts';
import { createRng, type Rng } from './prng.ts';
import { SimClient } from './sim-client.ts';

const START = Date.parse('2026-01-15T09:00:00.000Z');

/** A real server in-process on a fresh store, N signed-in extensions of one team, a faulty network between. */
export interface SimWorld {
  rng: Rng;
  server: TestApp;
  store: TestStore;
  teamId: string;
  net: FaultyNetwork;
  oracle: Oracle;
  clients: SimClient[];
  log: string[];
  /** Moves the one clock that clients and server share. */
  advance(ms: number): void;
  destroy(): Promise<void>;
}

export interface WorldOptions {
  seed: number;
  clients: number;
  store: StoreKind;
  /** Client 0 is always a lead; with reps, the others are reps (their edits of others' contacts are refused). */
  reps?: boolean;
  /** How far each client's device clock is off the server's (ms, by client index; default 0). */
  skewMs?: readonly number[];
}

/** The stores the scripted cases run on, each case once per store. */
export const STORES: readonly StoreKind[] = ['sqlite', 'postgres'];

/** The person the scripted two-client cases capture first. */
export const SEAN = { name: 'Sean Miller', email: 'sean@acme0.com' } as const;

/**
 * For a test file's top level: registers an afterEach that destroys the world of the test, and returns
 * the function that makes it.
 */
export function worldPerTest(): (options: WorldOptions) => Promise<SimWorld> {
  let world: SimWorld | undefined;
  afterEach(async () => {
    await world?.destroy();
    world = undefined;
  });
  return async (options) => {
    world = await createWorld(options);
    return world;
  };
}

/** The world's two clients (a lead, then a lead or a rep), on a network healed of faults. */
export function twoClients(world: SimWorld): [SimClient, SimClient] {
  const [a, b] = world.clients;
  if (!a || !b) throw new Error('two clients expected');
  world.net.heal();
  return [a, b];
}

/** Syncs each client in the order given; every sync must come back synced. */
export async function expectSynced(...clients: SimClient[]): Promise<void> {
  for (const c of clients) expect((await c.syncNow()).outcome, `client ${c.index}`).toBe('synced');
}

export async function createWorld(options: WorldOptions): Promise<SimWorld> {
  const rng = createRng(options.seed);
  const log: string[] = [];
  // As the benchmarks do: the local cluster `npm test` sets up, unless RAPPORT_TEST_PG_URL says otherwise.
  if (options.store === 'postgres') process.env.RAPPORT_TEST_PG_URL ??= DEFAULT_PG_URL;
  const store = await createTestStore(options.store);
  try {
    const server = createTestApp(store.store);
    let now = START;
    server.clock.set(new Date(now));
    const team = await seedTeam(store.store, 'Sim team', new Date(now).toISOString());
    const net = new FaultyNetwork(
      async (url, init) =>
        await server.app.request(url, init, {
          incoming: { socket: { remoteAddress: '127.0.0.1' } },
        } as never),
      rng,
      (line) => log.push(line),
    );
    const oracle = new Oracle();
    const clients: SimClient[] = [];
    for (let i = 0; i < options.clients; i++) {
      // Leads may edit every contact: then rejections come only from the protocol (erased contacts).
      const role = options.reps && i > 0 ? 'rep' : 'lead';
      const { user, token } = await server.member(team, role, { name: `User ${i} (${role})` });
      const skew = options.skewMs?.[i] ?? 0;
      const client = new SimClient(i, user, token, net.fetchFor(i), () => now + skew, rng, oracle);
      await client.signIn({
        id: team.id,
        name: team.name,
        createdAt: team.createdAt,
        updatedAt: team.updatedAt,
      });
      clients.push(client);
    }
    return {
      rng,
      server,
      store,
      teamId: team.id,
      net,
      oracle,
      clients,
      log,
      advance(ms) {
        now += ms;
        server.clock.set(new Date(now));
      },
      async destroy() {
        for (const c of clients) c.db.close();
        await store.destroy();
      },
    };
  } catch (error) {
    await store.destroy();
    throw error;
  }
}
