import { type Db, fromJson, int, toJson } from '../driver.ts';

export interface Team {
  id: string;
  name: string;
  /** The sync version counter: the version stamped on the team's most recently changed rows. */
  version: number;
  /** Rows deleted at or below this version may be gone; a pull cookie older than this resets. */
  purgedVersion: number;
  /** Raw settings JSON; parse with TeamSettings from @rapport/shared/settings. */
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface TeamsRepo {
  create(team: { id: string; name: string; settings: Record<string, unknown>; at: string }): Promise<Team>;
  get(id: string): Promise<Team | undefined>;
  list(): Promise<Team[]>;
  /** The first team created: the one CLI commands act on unless --team is given. */
  getDefault(): Promise<Team | undefined>;
  findByName(name: string): Promise<Team[]>;
  rename(id: string, name: string, at: string): Promise<Team | undefined>;
  setSettings(id: string, settings: Record<string, unknown>, at: string): Promise<Team | undefined>;
  /**
   * Inside a transaction: locks the team row (Postgres FOR UPDATE; SQLite's BEGIN IMMEDIATE already
   * holds the write lock) and returns its current version. Writers then stamp rows with version + 1
   * and call setVersion. Throws outside a transaction or for an unknown team.
   */
  lock(id: string): Promise<number>;
  setVersion(id: string, version: number): Promise<void>;
  setPurgedVersion(id: string, version: number): Promise<void>;
}

interface TeamRow {
  id: string;
  name: string;
  version: unknown;
  purged_version: unknown;
  settings: unknown;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, version, purged_version, settings, created_at, updated_at';

function toTeam(r: TeamRow): Team {
  return {
    id: r.id,
    name: r.name,
    version: int(r.version),
    purgedVersion: int(r.purged_version),
    settings: fromJson(r.settings),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function teamsRepo(db: Db): TeamsRepo {
  const one = async (id: string) => {
    const r = await db.get<TeamRow>(`SELECT ${COLUMNS} FROM teams WHERE id = ?`, [id]);
    return r && toTeam(r);
  };
  return {
    async create({ id, name, settings, at }) {
      await db.run(
        'INSERT INTO teams (id, name, version, purged_version, settings, created_at, updated_at) VALUES (?, ?, 0, 0, ?, ?, ?)',
        [id, name, toJson(settings), at, at],
      );
      return { id, name, version: 0, purgedVersion: 0, settings, createdAt: at, updatedAt: at };
    },
    get: one,
    async list() {
      return (await db.all<TeamRow>(`SELECT ${COLUMNS} FROM teams ORDER BY created_at, id`)).map(toTeam);
    },
    async getDefault() {
      const r = await db.get<TeamRow>(`SELECT ${COLUMNS} FROM teams ORDER BY created_at, id LIMIT 1`);
      return r && toTeam(r);
    },
    async findByName(name) {
      return (
        await db.all<TeamRow>(`SELECT ${COLUMNS} FROM teams WHERE name = ? ORDER BY created_at, id`, [name])
      ).map(toTeam);
    },
    async rename(id, name, at) {
      await db.run('UPDATE teams SET name = ?, updated_at = ? WHERE id = ?', [name, at, id]);
      return one(id);
    },
    async setSettings(id, settings, at) {
      await db.run('UPDATE teams SET settings = ?, updated_at = ? WHERE id = ?', [toJson(settings), at, id]);
      return one(id);
    },
    async lock(id) {
      if (!db.inTransaction) throw new Error('teams.lock() must run inside store.transaction()');
      const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const r = await db.get<{ version: unknown }>(`SELECT version FROM teams WHERE id = ?${forUpdate}`, [
        id,
      ]);
      if (!r) throw new Error(`team ${id} does not exist`);
      return int(r.version);
    },
    async setVersion(id, version) {
      await db.run('UPDATE teams SET version = ? WHERE id = ?', [version, id]);
    },
    async setPurgedVersion(id, version) {
      await db.run('UPDATE teams SET purged_version = ? WHERE id = ?', [version, id]);
    },
  };
}
