import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './passwords.ts';

/** A FIFO counting semaphore. */
export class Semaphore {
  #free: number;
  #waiting: (() => void)[] = [];

  constructor(permits: number) {
    this.#free = permits;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

const DEFAULT_PREFIX = `scrypt$${DEFAULT_SCRYPT.N}$${DEFAULT_SCRYPT.r}$${DEFAULT_SCRYPT.p}$`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Password checks for logins, bounded so a flood cannot starve the machine: at most `permits` scrypt
 * runs at once (each takes ~130 ms of a core and 32 MiB), the rest queue in arrival order.
 *
 * An unknown email has no hash to check. It does not take a permit (a flood of made-up emails would
 * otherwise queue real users behind it); it waits as long as a check with the default parameters
 * takes instead, a running average measured on real checks (first calibrated by hashing once), so
 * its answer time matches a known email's and does not reveal which emails have accounts. What is
 * left: under a queue of real checks a known email waits longer than an unknown one; the login rate
 * limits bound how long that queue can get.
 */
export class PasswordGate {
  readonly #slots: Semaphore;
  #checkMs: number | undefined;
  #calibrating: Promise<number> | undefined;
  /** Scrypt runs started, for tests and metrics. */
  checksStarted = 0;

  constructor(permits: number) {
    this.#slots = new Semaphore(permits);
  }

  /** True when `password` matches `stored`; for no account (`stored` undefined), false after the same time. */
  async check(password: string, stored: string | undefined): Promise<boolean> {
    if (stored === undefined) {
      const started = performance.now();
      const ms = await this.#expectedMs();
      await sleep(ms - (performance.now() - started));
      return false;
    }
    return this.#slots.run(async () => {
      this.checksStarted += 1;
      const started = performance.now();
      const ok = await verifyPassword(password, stored);
      if (stored.startsWith(DEFAULT_PREFIX)) this.#learn(performance.now() - started);
      return ok;
    });
  }

  #learn(ms: number): void {
    this.#checkMs = this.#checkMs === undefined ? ms : this.#checkMs * 0.8 + ms * 0.2;
  }

  #expectedMs(): Promise<number> {
    if (this.#checkMs !== undefined) return Promise.resolve(this.#checkMs);
    this.#calibrating ??= this.#slots.run(async () => {
      this.checksStarted += 1;
      const started = performance.now();
      await hashPassword('calibration'); // one scrypt run at the default parameters, as a check costs
      const ms = performance.now() - started;
      this.#learn(ms);
      return ms;
    });
    return this.#calibrating;
  }
}

/** Two checks at once: the server targets small machines (2 cores); scrypt runs on libuv's pool of 4. */
export const passwordGate = new PasswordGate(2);
