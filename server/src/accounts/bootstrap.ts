import type { Clock } from '../lib/clock.ts';
import type { Store, Team, User } from '../store/store.ts';
import { createTeam, createUser } from './users.ts';

export const DEFAULT_TEAM_NAME = 'My team';

export interface BootstrapResult {
  team: Team;
  createdTeam: boolean;
  /** The admin created from RAPPORT_ADMIN_EMAIL/PASSWORD on this run, if any. */
  createdAdmin?: User;
}

/**
 * First run: a fresh database gets one default team; when an admin email and password are given and
 * no user has that email yet, that admin is created in the default team. Safe to run on every start.
 */
export async function bootstrap(
  store: Store,
  clock: Clock,
  admin?: { email?: string; password?: string },
): Promise<BootstrapResult> {
  const existing = await store.teams.getDefault();
  const team = existing ?? (await createTeam(store, clock, DEFAULT_TEAM_NAME));
  const result: BootstrapResult = { team, createdTeam: !existing };
  if (admin?.email && admin.password && !(await store.users.findByEmail(admin.email))) {
    result.createdAdmin = await createUser(store, clock, {
      teamId: team.id,
      email: admin.email,
      name: 'Admin',
      role: 'admin',
      password: admin.password,
    });
  }
  return result;
}
