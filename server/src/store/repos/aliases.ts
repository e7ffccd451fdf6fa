import { type Db, insertMany, int, placeholders } from '../driver.ts';

export interface Alias {
  entity: string;
  fromId: string;
  toId: string;
  version: number;
}

export interface AliasesRepo {
  /** Records that `fromId` was merged into `toId` (idempotent for the same pair). */
  add(teamId: string, alias: Alias): Promise<void>;
  /** `add` of several aliases in multi-row statements; each `fromId` (per entity) at most once. */
  addMany(teamId: string, aliases: readonly Alias[]): Promise<void>;
  /** Maps each id that is an alias to the row it now lives in (following chains). */
  resolve(teamId: string, entity: string, ids: readonly string[]): Promise<Map<string, string>>;
  /** Aliases stamped after a version, in version order. */
  after(teamId: string, version: number, limit: number): Promise<Alias[]>;
}

interface AliasRow {
  entity: string;
  from_id: string;
  to_id: string;
  version: unknown;
}

const toAlias = (r: AliasRow): Alias => ({
  entity: r.entity,
  fromId: r.from_id,
  toId: r.to_id,
  version: int(r.version),
});

export function aliasesRepo(db: Db): AliasesRepo {
  async function addMany(teamId: string, aliases: readonly Alias[]): Promise<void> {
    await insertMany(
      db,
      'aliases',
      ['team_id', 'entity', 'from_id', 'to_id', 'version'],
      aliases.map((a) => [teamId, a.entity, a.fromId, a.toId, a.version]),
      'ON CONFLICT (team_id, entity, from_id) DO UPDATE SET to_id = excluded.to_id, version = excluded.version',
    );
  }
  return {
    add: (teamId, a) => addMany(teamId, [a]),
    addMany,
    async resolve(teamId, entity, ids) {
      const current = new Map(ids.map((id) => [id, id]));
      let frontier = [...new Set(ids)];
      // Merges can chain (c -> b -> a); a few hops at most in practice.
      for (let hop = 0; hop < 16 && frontier.length > 0; hop++) {
        const rows = await db.all<AliasRow>(
          `SELECT entity, from_id, to_id, version FROM aliases WHERE team_id = ? AND entity = ? AND from_id IN (${placeholders(frontier.length)})`,
          [teamId, entity, ...frontier],
        );
        const step = new Map(rows.map((r) => [r.from_id, r.to_id]));
        for (const [start, at] of current) {
          const to = step.get(at);
          if (to !== undefined) current.set(start, to);
        }
        frontier = [...new Set(step.values())];
      }
      return new Map([...current].filter(([start, at]) => start !== at));
    },
    async after(teamId, version, limit) {
      const rows = await db.all<AliasRow>(
        'SELECT entity, from_id, to_id, version FROM aliases WHERE team_id = ? AND version > ? ORDER BY version, entity, from_id LIMIT ?',
        [teamId, version, limit],
      );
      return rows.map(toAlias);
    },
  };
}
