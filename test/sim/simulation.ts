import type { StoreKind } from '@rapport/server/testing/test-store';
import { readState } from '../../extension/db/sync-state.ts';
import { checkConvergence } from './checks.ts';
import type { FaultyNetwork } from './faulty-network.ts';
import { createWorld, type SimWorld } from './world.ts';

export interface SimOptions {
  seed: number;
  steps: number;
  clients: number;
  store: StoreKind;
  /** Clients 1… are reps rather than leads. */
  reps?: boolean;
}

export interface SimReport {
  /** Broken invariants; empty when the run converged correctly. */
  problems: string[];
  /** Every step and fault, to replay and read a failing seed. */
  log: string[];
  stats: Record<
    'ops' | 'syncs' | 'failedSyncs' | 'contactWrites' | 'interactions' | 'erases' | 'merges' | 'rejected',
    number
  > &
    FaultyNetwork['stats'];
}

const MAX_FINAL_ROUNDS = 10;

/** Runs one seeded simulation against a fresh real server and returns what broke. */
export async function runSimulation(options: SimOptions): Promise<SimReport> {
  const world = await createWorld(options);
  const { rng, net, clients, log } = world;
  const say = (line: string) => log.push(line);
  try {
    const stats = { ops: 0, syncs: 0, failedSyncs: 0 };
    for (let step = 0; step < options.steps; step++) {
      world.advance(1 + rng.int(20_000));
      // Offline periods: a client drops off now and then and comes back after ~10 steps.
      for (const c of clients) {
        if (net.isOffline(c.index) ? rng.chance(0.1) : rng.chance(0.015)) {
          net.setOffline(c.index, !net.isOffline(c.index));
          say(`#${step} c${c.index} ${net.isOffline(c.index) ? 'goes offline' : 'comes online'}`);
        }
      }
      if (rng.chance(0.15)) await net.releaseSome();
      const client = rng.pick(clients);
      const r = rng.next();
      if (r < 0.12) {
        // The background keeps writing while its sync is under way (outbox grows mid-push/pull).
        stats.ops += 1;
        stats.syncs += 1;
        const syncing = client.syncNow();
        say(`#${step} c${client.index} sync while ${await client.randomOp(rng)}`);
        const result = await syncing;
        if (result.outcome !== 'synced') stats.failedSyncs += 1;
        say(`  -> ${result.outcome}${'message' in result ? `: ${result.message}` : ''}`);
      } else if (r < 0.7) {
        stats.ops += 1;
        say(`#${step} c${client.index} ${await client.randomOp(rng)}`);
      } else {
        stats.syncs += 1;
        say(`#${step} c${client.index} sync`);
        const result = await client.syncNow();
        if (result.outcome !== 'synced') stats.failedSyncs += 1;
        say(`  -> ${result.outcome}${'message' in result ? `: ${result.message}` : ''}`);
      }
    }
    const problems = (await settle(world)) ? [] : [`no quiescence after ${MAX_FINAL_ROUNDS} healed rounds`];
    for (const client of clients) {
      for (const r of await client.db.rejected.toArray())
        say(`c${client.index} rejected #${r.mutationId} ${r.name}: ${r.reason}`);
      say(`c${client.index} clientId=${await readState(client.db, 'clientId')}`);
    }
    const checked = await checkConvergence({
      store: world.store.store,
      teamId: world.teamId,
      clients,
      oracle: world.oracle,
    });
    problems.push(...checked.problems);
    const { oracle } = world;
    const coverage = {
      contactWrites: oracle.contactWrites.length,
      interactions: oracle.interactions.length,
      erases: oracle.erases.length,
      merges: checked.merges,
      rejected: checked.rejected,
    };
    return {
      problems,
      log,
      stats: { ...stats, ...coverage, ...net.stats },
    };
  } finally {
    await world.destroy();
  }
}

/** Heals the network, delivers held requests and syncs every client until nothing is pending. */
export async function settle(world: SimWorld): Promise<boolean> {
  world.log.push('heal: network perfect, late requests delivered');
  world.net.heal();
  await world.net.releaseSome(true);
  for (let round = 0; round < MAX_FINAL_ROUNDS; round++) {
    let pending = 0;
    for (const client of world.clients) {
      world.advance(1000);
      const result = await client.syncNow();
      pending += await client.db.outbox.count();
      if (result.outcome !== 'synced') {
        pending += 1;
        world.log.push(`final round ${round} c${client.index}: ${JSON.stringify(result)}`);
      }
    }
    if (pending === 0) {
      // One more full round after the outboxes drain, so every client pulls the last pushes.
      for (const client of world.clients) await client.syncNow();
      return true;
    }
  }
  return false;
}
