/**
 * A FIFO async lock. One SQLite connection serves every write, so a transaction's awaits would
 * otherwise let another request's statements run inside it.
 *
 * better-sqlite3 is synchronous, so a holder's awaits resolve as microtasks, and handing the lock
 * straight to the next waiter would drain the whole queue before the event loop reads one more socket
 * (a health check waited seconds behind a queue of pushes). Yielding at every handoff starves the
 * queue instead: each turn of the loop first serves every readable socket, so writers advanced one
 * per turn. So holders run back to back for up to SLICE_MS, then the next waiter yields once
 * (setImmediate) and a new slice starts.
 */
const SLICE_MS = 10;

export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #held = false;
  #waiting = 0;
  #sliceStart = 0;

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
      if (!contended) this.#sliceStart = performance.now();
      else if (performance.now() - this.#sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.#sliceStart = performance.now();
      }
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
