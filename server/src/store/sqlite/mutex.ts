/**
 * A FIFO async lock. One SQLite connection serves every write, so a transaction's awaits would
 * otherwise let another request's statements run inside it.
 *
 * better-sqlite3 is synchronous, so a holder's awaits resolve as microtasks; handing the lock straight
 * to the next waiter would drain the whole queue in one microtask run, and no socket (not even a
 * health check) would be read until it was empty. A waiter therefore takes the lock in a macrotask
 * (setImmediate), letting pending I/O in between holders.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;
  #waiting = 0;

  get held(): boolean {
    return this.#held;
  }

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    const previous = this.#tail;
    const contended = this.#held || this.#waiting > 0;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#waiting += 1;
    try {
      await previous;
      if (contended) await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      this.#waiting -= 1;
    }
    this.#held = true;
    try {
      return await fn();
    } finally {
      this.#held = false;
      release();
    }
  }
}
