import { type Db, int } from '../driver.ts';

/** Failed (or still running) login attempts inside a window, for one key. */
export interface AttemptCount {
  count: number;
  oldest: string | null;
  latest: string | null;
}

export interface LoginAttemptCounts {
  /** This email from this address. */
  pair: AttemptCount;
  /** This address, any email. */
  address: AttemptCount;
  /** This email, any address. */
  account: AttemptCount;
  /** This email has signed in from this address since `knownSince`. */
  knownAddress: boolean;
}

export interface LoginAttemptsRepo {
  /**
   * Serialises attempt reservations for this email and address until the transaction ends, so a
   * count and the insert that follows it cannot interleave with a concurrent login's (Postgres: advisory
   * locks, taken in one order; SQLite: its one connection already runs transactions one at a time).
   */
  lock(email: string, ip: string): Promise<void>;
  counts(email: string, ip: string, since: string, knownSince: string): Promise<LoginAttemptCounts>;
  /** An attempt counts as a failure from the moment it is reserved; a success deletes it. */
  recordFailure(attempt: { id: string; email: string; ip: string; at: string }): Promise<void>;
  deleteAttempt(id: string): Promise<void>;
  /** A successful sign-in: the pair's failures go and the address becomes known for the email. */
  recordSuccess(email: string, ip: string, at: string): Promise<void>;
  /** Drops failures older than `failuresBefore` and known addresses unused since `addressesBefore`. */
  purge(failuresBefore: string, addressesBefore: string): Promise<number>;
}

const count = (r: { n: unknown; oldest: string | null; latest: string | null } | undefined) => ({
  count: int(r?.n ?? 0),
  oldest: r?.oldest ?? null,
  latest: r?.latest ?? null,
});

export function loginAttemptsRepo(db: Db): LoginAttemptsRepo {
  const window = (where: string, params: string[]) =>
    db
      .get<{ n: unknown; oldest: string | null; latest: string | null }>(
        `SELECT COUNT(*) AS n, MIN(at) AS oldest, MAX(at) AS latest FROM login_attempts WHERE ${where} AND at > ?`,
        params,
      )
      .then(count);
  return {
    async lock(email, ip) {
      if (db.dialect !== 'postgres') return;
      for (const key of [`login:email:${email}`, `login:ip:${ip}`].sort())
        await db.get('SELECT pg_advisory_xact_lock(hashtext(?))', [key]);
    },
    async counts(email, ip, since, knownSince) {
      const [pair, address, account, known] = [
        await window('email = ? AND ip = ?', [email, ip, since]),
        await window('ip = ?', [ip, since]),
        await window('email = ?', [email, since]),
        await db.get(
          'SELECT 1 AS k FROM login_addresses WHERE email = ? AND ip = ? AND last_success_at > ?',
          [email, ip, knownSince],
        ),
      ];
      return { pair, address, account, knownAddress: known !== undefined };
    },
    async recordFailure({ id, email, ip, at }) {
      await db.run('INSERT INTO login_attempts (id, email, ip, at) VALUES (?, ?, ?, ?)', [id, email, ip, at]);
    },
    async deleteAttempt(id) {
      await db.run('DELETE FROM login_attempts WHERE id = ?', [id]);
    },
    async recordSuccess(email, ip, at) {
      await db.run('DELETE FROM login_attempts WHERE email = ? AND ip = ?', [email, ip]);
      await db.run(
        `INSERT INTO login_addresses (email, ip, last_success_at) VALUES (?, ?, ?)
         ON CONFLICT (email, ip) DO UPDATE SET last_success_at = excluded.last_success_at`,
        [email, ip, at],
      );
    },
    async purge(failuresBefore, addressesBefore) {
      const attempts = await db.run('DELETE FROM login_attempts WHERE at < ?', [failuresBefore]);
      const addresses = await db.run('DELETE FROM login_addresses WHERE last_success_at < ?', [
        addressesBefore,
      ]);
      return attempts + addresses;
    },
  };
}
