import { type Db, type Dialect, fromJson, type SqlValue } from '../driver.ts';

/** Read-only queries over sync rows that reports and exports need in bulk. */
export interface ReportRowsRepo {
  /** The materialised data of every live row of an entity (optionally of one owner), in id order. */
  live<T = Record<string, unknown>>(teamId: string, entity: string, filter?: { ownerId?: string }): Promise<T[]>;
  /** The newest interaction time per contact (live interactions only). */
  lastInteractionByContact(teamId: string): Promise<Map<string, string>>;
}

/** A text field of the row's JSON data. */
function jsonField(dialect: Dialect, field: string): string {
  return dialect === 'postgres' ? `(data ->> '${field}')` : `json_extract(data, '$.${field}')`;
}

export function reportRowsRepo(db: Db): ReportRowsRepo {
  return {
    async live<T>(teamId: string, entity: string, filter: { ownerId?: string } = {}) {
      const params: SqlValue[] = [teamId, entity];
      const owner = filter.ownerId === undefined ? '' : ' AND owner_id = ?';
      if (filter.ownerId !== undefined) params.push(filter.ownerId);
      const rows = await db.all<{ data: unknown }>(
        `SELECT data FROM rows WHERE team_id = ? AND entity = ? AND deleted_at IS NULL${owner} ORDER BY id`,
        params,
      );
      return rows.map((r) => fromJson<T>(r.data));
    },
    async lastInteractionByContact(teamId) {
      const at = jsonField(db.dialect, 'at');
      const rows = await db.all<{ contact_id: string; at: string | null }>(
        `SELECT contact_id, MAX(${at}) AS at FROM rows
          WHERE team_id = ? AND entity = 'interaction' AND deleted_at IS NULL AND contact_id IS NOT NULL
          GROUP BY contact_id`,
        [teamId],
      );
      return new Map(rows.filter((r) => r.at !== null).map((r) => [r.contact_id, r.at as string]));
    },
  };
}
