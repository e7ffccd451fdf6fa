import { uuidv7 } from 'uuidv7';
import { conflict } from '../lib/api-error.ts';
import type { Clock } from '../lib/clock.ts';
import { hashPassword } from '../lib/passwords.ts';
import { type Role, type Store, type Team, UniqueViolationError, type User } from '../store/store.ts';

export interface NewUser {
  teamId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** Creates a user with a hashed password; 409 when the (global) login email is taken. */
export async function createUser(store: Store, clock: Clock, input: NewUser): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await store.users.create({
      id: uuidv7(),
      teamId: input.teamId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash,
      at: clock.now().toISOString(),
    });
  } catch (err) {
    if (err instanceof UniqueViolationError)
      throw conflict(`A user with the email ${input.email} already exists`);
    throw err;
  }
}

/** Sets a new password and signs the user out everywhere. */
export async function resetPassword(store: Store, clock: Clock, user: User, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await store.transaction(async (tx) => {
    await tx.users.update(user.teamId, user.id, { passwordHash }, clock.now().toISOString());
    await tx.tokens.deleteForUser(user.teamId, user.id);
  });
}

/** The team a new team gets; settings stay `{}` so defaults added later apply to it too. */
export async function createTeam(store: Store, clock: Clock, name: string): Promise<Team> {
  return store.teams.create({ id: uuidv7(), name, settings: {}, at: clock.now().toISOString() });
}
