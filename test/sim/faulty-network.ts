import type { Fetch } from '../../extension/sync/http.ts';
import type { Rng } from './prng.ts';

/** Sends one request to the real server (Hono's app.request in-process). */
export type Deliver = (url: string, init: RequestInit) => Promise<Response>;

export interface FaultRates {
  /** Never reaches the server. */
  drop: number;
  /** The server applies it, the answer is lost. */
  dropResponse: number;
  /** Reaches the server twice. */
  duplicate: number;
  /** Held back and delivered at a later step (after newer requests); the client times out. */
  delay: number;
}

export const DEFAULT_FAULTS: FaultRates = { drop: 0.05, dropResponse: 0.07, duplicate: 0.08, delay: 0.06 };

interface Held {
  client: number;
  url: string;
  init: RequestInit;
}

/**
 * The network between each client and the server. Faults are drawn from the simulation's PRNG;
 * `heal()` makes it perfect for the final convergence rounds.
 */
export class FaultyNetwork {
  private readonly held: Held[] = [];
  private readonly offline = new Set<number>();
  private healed = false;
  /** Faults scripted for a client's next requests (repro tests), taken before random ones. */
  private readonly forced = new Map<number, Array<keyof FaultRates | 'ok'>>();
  readonly stats = {
    sent: 0,
    dropped: 0,
    lostResponses: 0,
    duplicated: 0,
    delayed: 0,
    replayed: 0,
    offline: 0,
  };

  constructor(
    private readonly deliver: Deliver,
    private readonly rng: Rng,
    private readonly log: (line: string) => void,
    private readonly faults: FaultRates = DEFAULT_FAULTS,
  ) {}

  setOffline(client: number, offline: boolean): void {
    if (offline) this.offline.add(client);
    else this.offline.delete(client);
  }

  isOffline(client: number): boolean {
    return this.offline.has(client);
  }

  force(client: number, ...faults: Array<keyof FaultRates | 'ok'>): void {
    this.forced.set(client, [...(this.forced.get(client) ?? []), ...faults]);
  }

  /** A perfect network (true) or the faulty one again (false). */
  heal(healed = true): void {
    this.healed = healed;
    if (healed) this.offline.clear();
  }

  /** Delivers some held requests now, in random order (stale pushes arriving late). */
  async releaseSome(all = false): Promise<void> {
    while (this.held.length > 0 && (all || this.rng.chance(0.5))) {
      const [h] = this.held.splice(this.rng.int(this.held.length), 1);
      if (!h) break;
      this.stats.replayed += 1;
      const res = await this.deliver(h.url, h.init);
      this.log(`  late delivery c${h.client} ${describe(h)} -> ${res.status}`);
    }
  }

  fetchFor(client: number): Fetch {
    return async (url, init) => {
      this.stats.sent += 1;
      if (this.healed) return this.deliver(url, init);
      const what = describe({ client, url, init });
      if (this.offline.has(client)) {
        this.stats.offline += 1;
        throw new TypeError('Failed to fetch (offline)');
      }
      const forced = this.forced.get(client)?.shift();
      const f =
        forced === undefined
          ? this.faults
          : { drop: 0, dropResponse: 0, duplicate: 0, delay: 0, [forced]: 1 };
      const r = forced === undefined ? this.rng.next() : 0.5;
      if (r < f.drop) {
        this.stats.dropped += 1;
        this.log(`  drop c${client} ${what}`);
        throw new TypeError('Failed to fetch (dropped)');
      }
      if (r < f.drop + f.dropResponse) {
        this.stats.lostResponses += 1;
        const res = await this.deliver(url, init);
        this.log(`  lost response c${client} ${what} (server said ${res.status})`);
        throw new TypeError('Failed to fetch (response lost)');
      }
      if (r < f.drop + f.dropResponse + f.duplicate) {
        this.stats.duplicated += 1;
        const first = await this.deliver(url, init);
        const second = await this.deliver(url, init);
        this.log(`  duplicate c${client} ${what} -> ${first.status}, ${second.status}`);
        return this.rng.chance(0.5) ? first : second;
      }
      if (r < f.drop + f.dropResponse + f.duplicate + f.delay) {
        this.stats.delayed += 1;
        this.held.push({ client, url, init });
        this.log(`  delay c${client} ${what}`);
        throw new TypeError('Failed to fetch (timed out)');
      }
      return this.deliver(url, init);
    };
  }
}

function describe({ url, init }: Held): string {
  const path = new URL(url).pathname;
  if (typeof init.body !== 'string') return `${init.method} ${path}`;
  const ids = (JSON.parse(init.body) as { mutations?: Array<{ id: number }> }).mutations?.map((m) => m.id);
  return `${init.method} ${path} [${ids?.[0]}..${ids?.at(-1)}]`;
}
