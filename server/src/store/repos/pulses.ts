import { type Db, int } from '../driver.ts';

/** One employee pulse score as stored. */
export interface PulseRecord {
  id: string;
  userId: string;
  date: string;
  score: number;
  comment: string | null;
  shared: boolean;
  createdAt: string;
}

export interface PulsesRepo {
  /** Insert-only: a repeat of an id changes nothing; true when a row was added. */
  add(teamId: string, pulse: PulseRecord): Promise<boolean>;
  /** The team's pulses with date in [from, to) (null: unbounded), oldest first. */
  list(teamId: string, from: string | null, to: string | null): Promise<PulseRecord[]>;
}

interface PulseRow {
  id: string;
  user_id: string;
  date: string;
  score: unknown;
  comment: string | null;
  shared: unknown;
  created_at: string;
}

export function pulsesRepo(db: Db): PulsesRepo {
  return {
    async add(teamId, p) {
      const n = await db.run(
        `INSERT INTO employee_pulses (team_id, id, user_id, date, score, comment, shared, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (team_id, id) DO NOTHING`,
        [teamId, p.id, p.userId, p.date, p.score, p.comment, p.shared ? 1 : 0, p.createdAt],
      );
      return n > 0;
    },
    async list(teamId, from, to) {
      const rows = await db.all<PulseRow>(
        `SELECT id, user_id, date, score, comment, shared, created_at FROM employee_pulses
         WHERE team_id = ? AND date >= ? AND date < ? ORDER BY date, id`,
        [teamId, from ?? '0000-01-01', to ?? '9999-12-31'],
      );
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        date: r.date,
        score: int(r.score),
        comment: r.comment,
        shared: int(r.shared) === 1,
        createdAt: r.created_at,
      }));
    },
  };
}
