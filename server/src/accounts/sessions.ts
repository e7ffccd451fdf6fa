import { uuidv7 } from 'uuidv7';
import type { Clock } from '../lib/clock.ts';
import { MINUTE_MS } from '../lib/clock.ts';
import { ApiError } from '../lib/errors.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../lib/passwords.ts';
import { hashToken, newToken } from '../lib/tokens.ts';
import type { Store, Team, User } from '../store/store.ts';

/** Failed password checks allowed per email and address inside the window before 429. */
export const LOGIN_LIMIT = { maxFailures: 10, windowMs: 15 * MINUTE_MS } as const;

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
  team: Team;
}

export interface LoginInput {
  email: string;
  password: string;
  /** The caller's address; failures are counted per email + address. */
  ip: string;
}

/** 429 with Retry-After when this email + address has used up its failures. */
async function assertNotLimited(store: Store, now: Date, email: string, ip: string): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs).toISOString();
  const failures = await store.loginAttempts.failuresSince(email, ip, since);
  if (failures.count < LOGIN_LIMIT.maxFailures) return;
  // Refused attempts are not recorded, so the block lifts when the oldest counted failure leaves the window.
  const freeAt = new Date(failures.oldest ?? since).getTime() + LOGIN_LIMIT.windowMs;
  const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new ApiError(
    429,
    'rate_limited',
    `Too many failed attempts for this email; try again in ${Math.ceil(retryAfter / 60)} min`,
    { retryAfterSeconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}

async function recordFailure(store: Store, now: Date, email: string, ip: string): Promise<void> {
  await store.loginAttempts.recordFailure({ id: uuidv7(), email, ip, at: now.toISOString() });
}

/** Checks the password and issues a bearer token valid for ttlMs. */
export async function login(
  store: Store,
  clock: Clock,
  input: LoginInput,
  ttlMs: number,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const now = clock.now();
  await assertNotLimited(store, now, email, input.ip);

  const user = await store.users.findByEmail(email);
  const ok = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDummy(input.password);
  if (!user || !ok) {
    await recordFailure(store, now, email, input.ip);
    throw new ApiError(401, 'unauthorized', 'Wrong email or password');
  }
  if (!user.active)
    throw new ApiError(403, 'forbidden', 'This account has been deactivated; ask an admin of your team');

  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const since = new Date(now.getTime() - LOGIN_LIMIT.windowMs).toISOString();
  const team = await store.transaction(async (tx) => {
    await tx.loginAttempts.clear(email, input.ip);
    // Housekeeping rides on successful logins: old attempts and expired tokens go.
    await tx.loginAttempts.purgeBefore(since);
    await tx.tokens.purgeExpired(now.toISOString());
    await tx.tokens.create({
      tokenHash: hashToken(token),
      userId: user.id,
      teamId: user.teamId,
      createdAt: now.toISOString(),
      expiresAt,
    });
    return tx.teams.get(user.teamId);
  });
  if (!team) throw new Error(`user ${user.id} belongs to a missing team`);
  const { passwordHash: _, ...publicUser } = user;
  return { token, expiresAt, user: publicUser, team };
}

/** Changes the caller's password after checking the current one; other sessions are signed out. */
export async function changePassword(
  store: Store,
  clock: Clock,
  caller: { user: User; tokenHash: string; ip: string },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const now = clock.now();
  const { user } = caller;
  await assertNotLimited(store, now, user.email, caller.ip);
  const stored = await store.users.findByEmail(user.email);
  if (!stored || !(await verifyPassword(currentPassword, stored.passwordHash))) {
    await recordFailure(store, now, user.email, caller.ip);
    throw new ApiError(403, 'forbidden', 'The current password is wrong');
  }
  const passwordHash = await hashPassword(newPassword);
  await store.transaction(async (tx) => {
    await tx.users.update(user.teamId, user.id, { passwordHash }, now.toISOString());
    await tx.tokens.deleteForUser(user.teamId, user.id, caller.tokenHash);
  });
}

/** Issues a token without a password (CLI, tests). */
export async function issueToken(
  store: Store,
  clock: Clock,
  user: User,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const now = clock.now();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await store.tokens.create({
    tokenHash: hashToken(token),
    userId: user.id,
    teamId: user.teamId,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, expiresAt };
}
