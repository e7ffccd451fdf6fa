import { compareCodeUnits } from '@rapport/shared/domain/collections';
import type { RowState } from '@rapport/shared/sync/row';
import { type Db, type Dialect, fromJson, placeholders, type SqlValue } from '../driver.ts';

/** Read-only bulk queries over sync rows and their identities (reports, imports, exports). */
export interface RowQueriesRepo {
  /**
   * The materialised data of every live row of an entity (optionally of one owner, or of some
   * customers by the indexed customer column), in id order (per chunk of customers when given).
   */
  live<T = Record<string, unknown>>(
    teamId: string,
    entity: string,
    filter?: { ownerId?: string; customerIds?: readonly string[] },
  ): Promise<T[]>;
  /** Like `live`, with each row's replicated state (per-field HLCs) beside its data. */
  liveWithState<T = Record<string, unknown>>(
    teamId: string,
    entity: string,
    filter?: { ownerId?: string },
  ): Promise<{ data: T; state: RowState }[]>;
  /**
   * Per stored row of these ids (live or deleted): whether it is deleted and the newest HLC among its
   * fields, read in SQL without parsing the state (for entities without set fields).
   */
  latestFieldClocks(
    teamId: string,
    entity: string,
    ids: readonly string[],
  ): Promise<Map<string, { deleted: boolean; t: string | null }>>;
  /** Ids of every live row of an entity. */
  liveIds(teamId: string, entity: string): Promise<string[]>;
  /** The newest interaction time per contact (live interactions only). */
  lastInteractionByContact(teamId: string): Promise<Map<string, string>>;
  /** Live rows of an entity linked to any of these customers (or contacts), in id order. */
  liveLinked<T = Record<string, unknown>>(
    teamId: string,
    entity: string,
    link: 'customer_id' | 'contact_id',
    ids: readonly string[],
  ): Promise<T[]>;
  /** `lastInteractionByContact` for these contacts only. */
  lastInteractionOf(teamId: string, contactIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Which live row of an entity holds each of these values of one identity kind (value -> row id).
   * One `value IN (…)` per kind keeps to the primary-key index, which a long OR of pairs does not.
   */
  holders(
    teamId: string,
    entity: string,
    kind: string,
    values: readonly string[],
  ): Promise<Map<string, string>>;
  /** Every (row id, value) of one identity kind held by live rows of an entity. */
  identityValues(teamId: string, entity: string, kind: string): Promise<{ id: string; value: string }[]>;
}

/** A text field of the row's JSON data. */
function jsonField(dialect: Dialect, field: string): string {
  return dialect === 'postgres' ? `(data ->> '${field}')` : `json_extract(data, '$.${field}')`;
}

export function rowQueriesRepo(db: Db): RowQueriesRepo {
  return {
    async latestFieldClocks(teamId, entity, ids) {
      // HLC text compares byte-wise (fixed-width time and counter), as in shared maxHlc. Postgres
      // parses a `json` column again for each operator (json_each over state -> 'fields' cost
      // ≈0.3 ms per row, 1.4 s for an import's 5,000 metrics rows), so it hands over the stored
      // text and the newest clock is found in JavaScript; SQLite's json_each is cheap.
      const pg = db.dialect === 'postgres';
      const newest = pg
        ? 'r.state'
        : `(SELECT MAX(json_extract(f.value, '$.t')) FROM json_each(r.state, '$.fields') f)`;
      const out = new Map<string, { deleted: boolean; t: string | null }>();
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const rows = await db.all<{ id: string; deleted_at: string | null; t: unknown }>(
          `SELECT r.id, r.deleted_at, ${newest} AS t FROM rows r
            WHERE r.team_id = ? AND r.entity = ? AND r.id IN (${placeholders(part.length)})`,
          [teamId, entity, ...part],
        );
        for (const r of rows)
          out.set(r.id, {
            deleted: r.deleted_at !== null,
            t: pg ? newestFieldClock(fromJson<RowState>(r.t)) : ((r.t as string | null) ?? null),
          });
      }
      return out;
    },
    async live<T>(
      teamId: string,
      entity: string,
      filter: { ownerId?: string; customerIds?: readonly string[] } = {},
    ) {
      const params: SqlValue[] = [teamId, entity];
      const owner = filter.ownerId === undefined ? '' : ' AND owner_id = ?';
      if (filter.ownerId !== undefined) params.push(filter.ownerId);
      const sql = `SELECT data FROM rows WHERE team_id = ? AND entity = ? AND deleted_at IS NULL${owner}`;
      if (filter.customerIds === undefined) {
        const rows = await db.all<{ data: unknown }>(`${sql} ORDER BY id`, params);
        return rows.map((r) => fromJson<T>(r.data));
      }
      const out: T[] = [];
      for (let i = 0; i < filter.customerIds.length; i += 500) {
        const part = filter.customerIds.slice(i, i + 500);
        const rows = await db.all<{ data: unknown }>(
          `${sql} AND customer_id IN (${placeholders(part.length)}) ORDER BY id`,
          [...params, ...part],
        );
        for (const r of rows) out.push(fromJson<T>(r.data));
      }
      return out;
    },
    async liveWithState<T>(teamId: string, entity: string, filter: { ownerId?: string } = {}) {
      const params: SqlValue[] = [teamId, entity];
      const owner = filter.ownerId === undefined ? '' : ' AND owner_id = ?';
      if (filter.ownerId !== undefined) params.push(filter.ownerId);
      const rows = await db.all<{ data: unknown; state: unknown }>(
        `SELECT data, state FROM rows WHERE team_id = ? AND entity = ? AND deleted_at IS NULL${owner} ORDER BY id`,
        params,
      );
      return rows.map((r) => ({ data: fromJson<T>(r.data), state: fromJson<RowState>(r.state) }));
    },
    async liveIds(teamId, entity) {
      const rows = await db.all<{ id: string }>(
        'SELECT id FROM rows WHERE team_id = ? AND entity = ? AND deleted_at IS NULL ORDER BY id',
        [teamId, entity],
      );
      return rows.map((r) => r.id);
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
    async liveLinked<T>(
      teamId: string,
      entity: string,
      link: 'customer_id' | 'contact_id',
      ids: readonly string[],
    ) {
      const out: { id: string; data: T }[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const rows = await db.all<{ id: string; data: unknown }>(
          `SELECT id, data FROM rows WHERE team_id = ? AND entity = ? AND ${link} IN (${placeholders(part.length)}) AND deleted_at IS NULL`,
          [teamId, entity, ...part],
        );
        for (const r of rows) out.push({ id: r.id, data: fromJson<T>(r.data) });
      }
      return out.sort((a, b) => compareCodeUnits(a.id, b.id)).map((r) => r.data);
    },
    async lastInteractionOf(teamId, contactIds) {
      const at = jsonField(db.dialect, 'at');
      const out = new Map<string, string>();
      for (let i = 0; i < contactIds.length; i += 500) {
        const part = contactIds.slice(i, i + 500);
        const rows = await db.all<{ contact_id: string; at: string | null }>(
          `SELECT contact_id, MAX(${at}) AS at FROM rows
            WHERE team_id = ? AND entity = 'interaction' AND contact_id IN (${placeholders(part.length)}) AND deleted_at IS NULL
            GROUP BY contact_id`,
          [teamId, ...part],
        );
        for (const r of rows) if (r.at !== null) out.set(r.contact_id, r.at);
      }
      return out;
    },
    async holders(teamId, entity, kind, values) {
      const out = new Map<string, string>();
      const unique = [...new Set(values)];
      for (let i = 0; i < unique.length; i += 1000) {
        const part = unique.slice(i, i + 1000);
        const rows = await db.all<{ value: string; id: string }>(
          `SELECT value, id FROM identities WHERE team_id = ? AND entity = ? AND kind = ? AND value IN (${placeholders(part.length)})`,
          [teamId, entity, kind, ...part],
        );
        for (const r of rows) out.set(r.value, r.id);
      }
      return out;
    },
    identityValues(teamId, entity, kind) {
      return db.all<{ id: string; value: string }>(
        'SELECT id, value FROM identities WHERE team_id = ? AND entity = ? AND kind = ? ORDER BY id, value',
        [teamId, entity, kind],
      );
    },
  };
}

/** The newest of a state's field clocks (byte-wise, as SQL's MAX over them), null without fields. */
function newestFieldClock(state: RowState): string | null {
  let newest: string | null = null;
  for (const f of Object.values(state.fields)) if (newest === null || f.t > newest) newest = f.t;
  return newest;
}
