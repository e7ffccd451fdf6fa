import { createTestApp, seedTeam, type TestApp } from '@rapport/server/testing/test-app';
import { createTestStore, type StoreKind, type TestStore } from '@rapport/server/testing/test-store';
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

export async function createWorld(options: {
  seed: number;
  clients: number;
  store: StoreKind;
  /** Client 0 is always a lead; with reps, the others are reps (their edits of others' contacts are refused). */
  reps?: boolean;
  /** How far each client's device clock is off the server's (ms, by client index; default 0). */
  skewMs?: readonly number[];
}): Promise<SimWorld> {
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
