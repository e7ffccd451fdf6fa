/**
 * Pushes of one team take turns in process before they open a transaction. The team row's lock
 * (SELECT … FOR UPDATE on Postgres) still decides; the queue only keeps the requests that would wait
 * on it from each holding a pooled connection while they wait, so pulls and other teams still get one.
 */
export class TeamQueue {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(teamId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(teamId) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tails.set(teamId, tail);
    await previous;
    try {
      return await fn();
    } finally {
      // The last in line removes the entry, so idle teams hold no memory.
      if (this.#tails.get(teamId) === tail) this.#tails.delete(teamId);
      release();
    }
  }
}
