import type { Team, User } from '../store/store.ts';

/** The public shape of a team (Team in @rapport/shared/schemas/team; settings have their own endpoint). */
export function presentTeam(team: Team) {
  return { id: team.id, name: team.name, createdAt: team.createdAt, updatedAt: team.updatedAt };
}

/** A user as the API shows it (User in @rapport/shared/schemas/team): never the password hash. */
export function presentUser(user: User) {
  return {
    id: user.id,
    teamId: user.teamId,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    timeZone: user.timeZone,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
