import type { Db } from '../driver.ts';
import { type Team, teamsRepo } from './teams.ts';
import type { User } from './users.ts';

export interface Session {
  user: User;
  team: Team;
  expiresAt: string;
}

export interface TokensRepo {
  create(token: {
    tokenHash: string;
    userId: string;
    teamId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The session for a token hash, only when unexpired at `now` and its user is active. */
  resolve(tokenHash: string, now: string): Promise<Session | undefined>;
  delete(tokenHash: string): Promise<void>;
  /** Signs a user out everywhere (deactivation, password reset), optionally keeping one session. */
  deleteForUser(teamId: string, userId: string, exceptTokenHash?: string): Promise<number>;
  purgeExpired(now: string): Promise<number>;
}

interface SessionRow {
  expires_at: string;
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: User['role'];
  time_zone: string | null;
  created_at: string;
  updated_at: string;
}

export function tokensRepo(db: Db): TokensRepo {
  return {
    async create({ tokenHash, userId, teamId, createdAt, expiresAt }) {
      await db.run(
        'INSERT INTO tokens (token_hash, user_id, team_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [tokenHash, userId, teamId, createdAt, expiresAt],
      );
    },
    async resolve(tokenHash, now) {
      const r = await db.get<SessionRow>(
        `SELECT t.expires_at, u.id, u.team_id, u.email, u.name, u.role, u.time_zone, u.created_at, u.updated_at
           FROM tokens t JOIN users u ON u.id = t.user_id AND u.team_id = t.team_id
          WHERE t.token_hash = ? AND t.expires_at > ? AND u.active = 1`,
        [tokenHash, now],
      );
      if (!r) return undefined;
      const team = await teamsRepo(db).get(r.team_id);
      if (!team) return undefined;
      const user: User = {
        id: r.id,
        teamId: r.team_id,
        email: r.email,
        name: r.name,
        role: r.role,
        active: true,
        timeZone: r.time_zone,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
      return { user, team, expiresAt: r.expires_at };
    },
    async delete(tokenHash) {
      await db.run('DELETE FROM tokens WHERE token_hash = ?', [tokenHash]);
    },
    async deleteForUser(teamId, userId, exceptTokenHash) {
      return db.run('DELETE FROM tokens WHERE team_id = ? AND user_id = ? AND token_hash <> ?', [
        teamId,
        userId,
        exceptTokenHash ?? '',
      ]);
    },
    async purgeExpired(now) {
      return db.run('DELETE FROM tokens WHERE expires_at <= ?', [now]);
    },
  };
}
