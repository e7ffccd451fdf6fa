import { type Db, int } from '../driver.ts';

export interface LoginAttemptsRepo {
  recordFailure(attempt: { id: string; email: string; ip: string; at: string }): Promise<void>;
  /** Failures for this email from this address strictly after `since`, and the oldest one's time. */
  failuresSince(email: string, ip: string, since: string): Promise<{ count: number; oldest: string | null }>;
  clear(email: string, ip: string): Promise<void>;
  purgeBefore(at: string): Promise<number>;
}

export function loginAttemptsRepo(db: Db): LoginAttemptsRepo {
  return {
    async recordFailure({ id, email, ip, at }) {
      await db.run('INSERT INTO login_attempts (id, email, ip, at) VALUES (?, ?, ?, ?)', [id, email, ip, at]);
    },
    async failuresSince(email, ip, since) {
      const r = await db.get<{ n: unknown; oldest: string | null }>(
        'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_attempts WHERE email = ? AND ip = ? AND at > ?',
        [email, ip, since],
      );
      return { count: int(r?.n ?? 0), oldest: r?.oldest ?? null };
    },
    async clear(email, ip) {
      await db.run('DELETE FROM login_attempts WHERE email = ? AND ip = ?', [email, ip]);
    },
    async purgeBefore(at) {
      return db.run('DELETE FROM login_attempts WHERE at < ?', [at]);
    },
  };
}
