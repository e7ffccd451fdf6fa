import type { Role } from '@rapport/shared/schemas/team';
import { bool, type Db, int } from '../driver.ts';

export type { Role };

export interface User {
  id: string;
  teamId: string;
  /** Lower-case; unique across all teams (it is the login). */
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** IANA zone for counting follow-up days; null means the browser's. */
  timeZone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  timeZone?: string | null;
  passwordHash?: string;
}

export interface UsersRepo {
  /** Throws UniqueViolationError when the email is taken (in any team). */
  create(
    user: Omit<User, 'active' | 'timeZone' | 'createdAt' | 'updatedAt'> & {
      passwordHash: string;
      at: string;
    },
  ): Promise<User>;
  get(teamId: string, id: string): Promise<User | undefined>;
  list(teamId: string): Promise<User[]>;
  /** Login lookup across teams (emails are global). */
  findByEmail(email: string): Promise<(User & { passwordHash: string }) | undefined>;
  update(teamId: string, id: string, changes: UserChanges, at: string): Promise<User | undefined>;
  countActive(teamId: string, role: Role): Promise<number>;
}

interface UserRow {
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: Role;
  active: unknown;
  time_zone: string | null;
  created_at: string;
  updated_at: string;
  password_hash?: string;
}

const COLUMNS = 'id, team_id, email, name, role, active, time_zone, created_at, updated_at';

function toUser(r: UserRow): User {
  return {
    id: r.id,
    teamId: r.team_id,
    email: r.email,
    name: r.name,
    role: r.role,
    active: bool(r.active),
    timeZone: r.time_zone,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function usersRepo(db: Db): UsersRepo {
  const get = async (teamId: string, id: string) => {
    const r = await db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE team_id = ? AND id = ?`, [
      teamId,
      id,
    ]);
    return r && toUser(r);
  };
  return {
    async create({ id, teamId, email, name, role, passwordHash, at }) {
      await db.run(
        'INSERT INTO users (id, team_id, email, name, role, password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)',
        [id, teamId, email.toLowerCase(), name, role, passwordHash, at, at],
      );
      return {
        id,
        teamId,
        email: email.toLowerCase(),
        name,
        role,
        active: true,
        timeZone: null,
        createdAt: at,
        updatedAt: at,
      };
    },
    get,
    async list(teamId) {
      return (
        await db.all<UserRow>(`SELECT ${COLUMNS} FROM users WHERE team_id = ? ORDER BY email`, [teamId])
      ).map(toUser);
    },
    async findByEmail(email) {
      const r = await db.get<UserRow>(`SELECT ${COLUMNS}, password_hash FROM users WHERE email = ?`, [
        email.toLowerCase(),
      ]);
      return r && { ...toUser(r), passwordHash: r.password_hash ?? '' };
    },
    async update(teamId, id, changes, at) {
      const sets: string[] = [];
      const params: (string | number | null)[] = [];
      if (changes.name !== undefined) sets.push('name = ?') && params.push(changes.name);
      if (changes.role !== undefined) sets.push('role = ?') && params.push(changes.role);
      if (changes.active !== undefined) sets.push('active = ?') && params.push(changes.active ? 1 : 0);
      if (changes.timeZone !== undefined) sets.push('time_zone = ?') && params.push(changes.timeZone);
      if (changes.passwordHash !== undefined)
        sets.push('password_hash = ?') && params.push(changes.passwordHash);
      sets.push('updated_at = ?');
      params.push(at);
      await db.run(`UPDATE users SET ${sets.join(', ')} WHERE team_id = ? AND id = ?`, [
        ...params,
        teamId,
        id,
      ]);
      return get(teamId, id);
    },
    async countActive(teamId, role) {
      const r = await db.get<{ n: unknown }>(
        'SELECT COUNT(*) AS n FROM users WHERE team_id = ? AND role = ? AND active = 1',
        [teamId, role],
      );
      return int(r?.n ?? 0);
    },
  };
}
