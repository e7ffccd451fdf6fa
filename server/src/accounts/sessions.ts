import type { Clock } from '../lib/clock.ts';
import { ApiError } from '../lib/errors.ts';
import { passwordGate } from '../lib/password-gate.ts';
import { hashPassword } from '../lib/passwords.ts';
import { hashToken, newToken } from '../lib/tokens.ts';
import type { Store, Team, User } from '../store/store.ts';
import { reserveLoginAttempt } from './login-limit.ts';

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
  team: Team;
}

export interface LoginInput {
  email: string;
  password: string;
  /** The caller's address; failures are counted per email + address, per address and per email. */
  ip: string;
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
  const attempt = await reserveLoginAttempt(store, now, email, input.ip);

  const user = await store.users.findByEmail(email);
  if (!(await passwordGate.check(input.password, user?.passwordHash)) || !user)
    throw new ApiError(401, 'unauthorized', 'Wrong email or password');
  await attempt.succeeded();
  if (!user.active)
    throw new ApiError(403, 'forbidden', 'This account has been deactivated; ask an admin of your team');

  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const team = await store.transaction(async (tx) => {
    // Housekeeping rides on successful logins: expired tokens go.
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
  // The same limits as login: a stolen token must not become a way to guess the password.
  const attempt = await reserveLoginAttempt(store, now, user.email, caller.ip);
  const stored = await store.users.findByEmail(user.email);
  if (!stored || !(await passwordGate.check(currentPassword, stored.passwordHash)))
    throw new ApiError(403, 'forbidden', 'The current password is wrong');
  await attempt.succeeded();
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
