import { uuidv7 } from 'uuidv7';
import { DAY_MS, MINUTE_MS } from '../lib/clock.ts';
import { ApiError } from '../lib/errors.ts';
import type { LoginAttemptCounts } from '../store/repos/login-attempts.ts';
import type { Store } from '../store/store.ts';

/**
 * Login rate limits. Failures count inside a sliding window; an attempt counts as a failure from the
 * moment it is let through (before its password is checked) until it succeeds, so concurrent guesses
 * cannot all slip past one count. Three keys:
 *
 * - email + address: `freeFailures` failures, then each further attempt waits twice as long as the
 *   one before (1 s, 2 s, 4 s … at most `maxBackoffMs`) after the latest failure. Short backoff instead of
 *   one long lock: a guesser behind the same address slows the owner down but cannot lock them out
 *   for long, and a success clears the pair.
 * - address, any email (`perAddress`): stops one address from trying many accounts.
 * - email, any address (`perAccount`, higher): stops guessing spread over many addresses.
 *
 * The address and account limits do not apply to an address the account signed in from within
 * `knownAddressMs`: strangers elsewhere can trip them, and must not lock the owner out of their own
 * address. A limited request is refused with 429 and Retry-After before any password is hashed.
 */
export const LOGIN_LIMIT = {
  windowMs: 15 * MINUTE_MS,
  freeFailures: 5,
  maxBackoffMs: 5 * MINUTE_MS,
  perAddress: 30,
  perAccount: 20,
  knownAddressMs: 90 * DAY_MS,
} as const;

/** Milliseconds until the next attempt may go through, or 0 when it may go now. */
export function waitMs(c: LoginAttemptCounts, now: number): number {
  const L = LOGIN_LIMIT;
  const waits: number[] = [];
  if (c.pair.count >= L.freeFailures && c.pair.latest) {
    const backoff = Math.min(1000 * 2 ** (c.pair.count - L.freeFailures), L.maxBackoffMs);
    waits.push(Date.parse(c.pair.latest) + backoff - now);
  }
  if (!c.knownAddress) {
    if (c.address.count >= L.perAddress && c.address.oldest)
      waits.push(Date.parse(c.address.oldest) + L.windowMs - now);
    if (c.account.count >= L.perAccount && c.account.oldest)
      waits.push(Date.parse(c.account.oldest) + L.windowMs - now);
  }
  return Math.max(0, ...waits);
}

/** A let-through attempt: `succeeded` clears it, anything else leaves it counted as a failure. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

/**
 * Lets one attempt for `email` from `ip` through, counting it as a failure already, or throws 429.
 * The count and the reservation happen in one transaction under a lock on the email and the address.
 */
export async function reserveLoginAttempt(
  store: Store,
  now: Date,
  email: string,
  ip: string,
): Promise<LoginAttempt> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs).toISOString();
  const knownSince = new Date(now.getTime() - LOGIN_LIMIT.knownAddressMs).toISOString();
  const id = uuidv7();
  const wait = await store.transaction(async (tx) => {
    await tx.loginAttempts.lock(email, ip);
    const ms = waitMs(await tx.loginAttempts.counts(email, ip, since, knownSince), now.getTime());
    if (ms === 0) await tx.loginAttempts.recordFailure({ id, email, ip, at });
    return ms;
  });
  if (wait > 0) throw rateLimited(wait);
  return {
    async succeeded() {
      await store.transaction(async (tx) => {
        await tx.loginAttempts.deleteAttempt(id);
        await tx.loginAttempts.recordSuccess(email, ip, at);
        // Housekeeping rides on successful logins.
        await tx.loginAttempts.purge(since, knownSince);
      });
    },
  };
}

function rateLimited(ms: number): ApiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const when = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
  return new ApiError(
    429,
    'rate_limited',
    `Too many failed sign-in attempts; try again in ${when}`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}
