import {
  analyseIfNever,
  type Db,
  fromJson,
  insertMany,
  int,
  placeholders,
  type SqlValue,
  toJson,
} from '../driver.ts';
import { putCustomerDirectory } from './customer-directory.ts';

/** One synced entity row (contact, customer, interaction, …) as the server keeps it. */
export interface RowRecord {
  teamId: string;
  entity: string;
  id: string;
  /** The team version that last changed this row. */
  version: number;
  /** The shared RowState (per-field HLCs and set elements) from which `data` is materialised. */
  state: unknown;
  /** The materialised entity as clients see it. */
  data: Record<string, unknown>;
  deletedAt: string | null;
  ownerId: string | null;
  customerId: string | null;
  contactId: string | null;
  search: string;
  updatedAt: string;
}

/** What a writer supplies; the version comes from the team lock. */
export type RowWrite = Omit<RowRecord, 'teamId' | 'version'>;

/** A pull position: rows strictly after (version, entity, id) in that order. */
export interface RowPosition {
  version: number;
  entity: string;
  id: string;
}

/** A row as pull sends it: `state` is the stored JSON text, unparsed. */
export interface RowStateText {
  entity: string;
  id: string;
  version: number;
  state: string;
}

export const START_POSITION: RowPosition = { version: 0, entity: '', id: '' };

export interface RowListQuery {
  /** Case-insensitive substring of the row's search text. */
  search?: string;
  ownerId?: string;
  contactId?: string;
  customerId?: string;
  includeDeleted?: boolean;
  /** Keyset cursor: rows with id < before (ids are time-ordered UUIDv7, so newest first). */
  before?: string;
  limit: number;
}

export interface RowsRepo {
  get(teamId: string, entity: string, id: string): Promise<RowRecord | undefined>;
  getMany(teamId: string, entity: string, ids: readonly string[]): Promise<RowRecord[]>;
  /** Inserts or replaces rows, stamping each with `version`. The last write wins for a repeated (entity, id). */
  put(teamId: string, version: number, rows: readonly RowWrite[]): Promise<void>;
  /**
   * The same as put, for rows that most likely exist with the same owner, customer and contact
   * (the server's own metrics rows): those are updated in their state, data, deleted, search and
   * version columns only, so the owner, customer and contact indexes are not rewritten (SQLite
   * rewrites an index when the UPDATE sets one of its columns, whether or not the value changes).
   * The rest (new rows, moved keys, customers) go through put, as does every row on Postgres.
   */
  putExisting(teamId: string, version: number, rows: readonly RowWrite[]): Promise<void>;
  /** Rows after a pull position, ordered by (version, entity, id). */
  after(teamId: string, position: RowPosition, limit: number): Promise<RowRecord[]>;
  /** The same rows with only what a pull sends, the state left as JSON text to splice into the response. */
  statesAfter(teamId: string, position: RowPosition, limit: number): Promise<RowStateText[]>;
  /** REST listing of one entity, newest first. */
  list(teamId: string, entity: string, query: RowListQuery): Promise<RowRecord[]>;
  /** Live rows of these entities owned by a user (reassignment). */
  ownedBy(teamId: string, entities: readonly string[], ownerId: string): Promise<RowRecord[]>;
  /** Removes tombstones at or below a version (purge); returns how many went. */
  purgeDeleted(teamId: string, throughVersion: number): Promise<number>;
}

interface RowRow {
  team_id: string;
  entity: string;
  id: string;
  version: unknown;
  state: unknown;
  data: unknown;
  deleted_at: string | null;
  owner_id: string | null;
  customer_id: string | null;
  contact_id: string | null;
  search: string;
  updated_at: string;
}

/** Ids per getMany statement. */
const GET_MANY = 1_000;

const COLUMNS =
  'team_id, entity, id, version, state, data, deleted_at, owner_id, customer_id, contact_id, search, updated_at';
const WRITE_COLUMNS = COLUMNS.split(', ');

function toRecord(r: RowRow): RowRecord {
  return {
    teamId: r.team_id,
    entity: r.entity,
    id: r.id,
    version: int(r.version),
    state: fromJson(r.state),
    data: fromJson(r.data),
    deletedAt: r.deleted_at,
    ownerId: r.owner_id,
    customerId: r.customer_id,
    contactId: r.contact_id,
    search: r.search,
    updatedAt: r.updated_at,
  };
}

/** LIKE pattern matching `text` literally (escape char `\`). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function rowsRepo(db: Db): RowsRepo {
  const repo: RowsRepo = {
    async get(teamId, entity, id) {
      const r = await db.get<RowRow>(
        `SELECT ${COLUMNS} FROM rows WHERE team_id = ? AND entity = ? AND id = ?`,
        [teamId, entity, id],
      );
      return r && toRecord(r);
    },
    async getMany(teamId, entity, ids) {
      const out: RowRecord[] = [];
      // A push's 1,000 mutations in one statement (one round trip on Postgres), under both engines' limits.
      for (let i = 0; i < ids.length; i += GET_MANY) {
        const part = ids.slice(i, i + GET_MANY);
        const rows = await db.all<RowRow>(
          `SELECT ${COLUMNS} FROM rows WHERE team_id = ? AND entity = ? AND id IN (${placeholders(part.length)})`,
          [teamId, entity, ...part],
        );
        out.push(...rows.map(toRecord));
      }
      return out;
    },
    async put(teamId, version, rows) {
      const latest = new Map<string, RowWrite>();
      for (const r of rows) latest.set(`${r.entity}\u0000${r.id}`, r);
      const updates = WRITE_COLUMNS.slice(3)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
      const conflict = `ON CONFLICT (team_id, entity, id) DO UPDATE SET ${updates}`;
      const written = [...latest.values()];
      if (db.dialect === 'postgres') {
        await putJsonRecords(db, teamId, version, written, conflict);
        await analyseIfNever(db, 'rows', written.length);
      } else {
        const values: SqlValue[][] = written.map((r) => [
          teamId,
          r.entity,
          r.id,
          version,
          toJson(r.state),
          toJson(r.data),
          r.deletedAt,
          r.ownerId,
          r.customerId,
          r.contactId,
          r.search,
          r.updatedAt,
        ]);
        await insertMany(db, 'rows', WRITE_COLUMNS, values, conflict);
      }
      await putCustomerDirectory(
        db,
        teamId,
        written.filter((r) => r.entity === 'customer'),
      );
    },
    async putExisting(teamId, version, rows) {
      // Postgres gains nothing: `version` is in rows_pull, so no update of a row is HOT and every index
      // gets a new entry whichever columns are set (an UPDATE … FROM json_to_recordset measured slower
      // than the upsert).
      if (db.dialect === 'postgres') return repo.put(teamId, version, rows);
      const latest = new Map<string, RowWrite>();
      for (const r of rows) latest.set(`${r.entity}\u0000${r.id}`, r);
      // Customers keep the directory in step: put does that.
      const rest: RowWrite[] = [];
      // One cached statement per row (in-process): an UPDATE … FROM a VALUES list … RETURNING buffers
      // the join and the returned rows, and cost more than the index writes it saved.
      const sql = `UPDATE rows SET version = ?, state = ?, data = ?, deleted_at = ?, search = ?, updated_at = ?
        WHERE team_id = ? AND entity = ? AND id = ? AND owner_id IS ? AND customer_id IS ? AND contact_id IS ?`;
      for (const r of latest.values()) {
        const changed =
          r.entity !== 'customer' &&
          (await db.run(sql, [
            version,
            toJson(r.state),
            toJson(r.data),
            r.deletedAt,
            r.search,
            r.updatedAt,
            teamId,
            r.entity,
            r.id,
            r.ownerId,
            r.customerId,
            r.contactId,
          ])) > 0;
        if (!changed) rest.push(r);
      }
      if (rest.length > 0) await repo.put(teamId, version, rest);
    },
    async after(teamId, p, limit) {
      const rows = await db.all<RowRow>(
        `SELECT ${COLUMNS} FROM rows WHERE team_id = ? AND (version, entity, id) > (?, ?, ?)
          ORDER BY version, entity, id LIMIT ?`,
        [teamId, p.version, p.entity, p.id, limit],
      );
      return rows.map(toRecord);
    },
    async statesAfter(teamId, p, limit) {
      const rows = await db.all<{ entity: string; id: string; version: unknown; state: unknown }>(
        `SELECT entity, id, version, state FROM rows WHERE team_id = ? AND (version, entity, id) > (?, ?, ?)
          ORDER BY version, entity, id LIMIT ?`,
        [teamId, p.version, p.entity, p.id, limit],
      );
      return rows.map((r) => {
        if (typeof r.state !== 'string')
          throw new TypeError(`expected a JSON text column, got ${typeof r.state}`);
        return { entity: r.entity, id: r.id, version: int(r.version), state: r.state };
      });
    },
    async list(teamId, entity, q) {
      const where = ['team_id = ?', 'entity = ?'];
      const params: SqlValue[] = [teamId, entity];
      if (!q.includeDeleted) where.push('deleted_at IS NULL');
      if (q.ownerId !== undefined) where.push('owner_id = ?') && params.push(q.ownerId);
      if (q.contactId !== undefined) where.push('contact_id = ?') && params.push(q.contactId);
      if (q.customerId !== undefined) where.push('customer_id = ?') && params.push(q.customerId);
      if (q.before !== undefined) where.push('id < ?') && params.push(q.before);
      if (q.search) where.push("search LIKE ? ESCAPE '\\'") && params.push(likePattern(q.search));
      const rows = await db.all<RowRow>(
        `SELECT ${COLUMNS} FROM rows WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
        [...params, q.limit],
      );
      return rows.map(toRecord);
    },
    async ownedBy(teamId, entities, ownerId) {
      if (entities.length === 0) return [];
      const rows = await db.all<RowRow>(
        `SELECT ${COLUMNS} FROM rows WHERE team_id = ? AND owner_id = ? AND deleted_at IS NULL
            AND entity IN (${placeholders(entities.length)}) ORDER BY entity, id`,
        [teamId, ownerId, ...entities],
      );
      return rows.map(toRecord);
    },
    async purgeDeleted(teamId, throughVersion) {
      return db.run('DELETE FROM rows WHERE team_id = ? AND deleted_at IS NOT NULL AND version <= ?', [
        teamId,
        throughVersion,
      ]);
    },
  };
  return repo;
}

/** A row as one element of the JSON parameter that json_to_recordset spreads into columns. */
function jsonRecord(r: RowWrite) {
  return {
    e: r.entity,
    i: r.id,
    s: r.state,
    d: r.data,
    x: r.deletedAt,
    o: r.ownerId,
    cu: r.customerId,
    co: r.contactId,
    q: r.search,
    u: r.updatedAt,
  };
}

/** Rows per statement on Postgres (one JSON parameter each). */
const PG_PUT_BATCH = 2_000;

/**
 * Postgres: the rows as one JSON array parameter, spread into columns by json_to_recordset, instead
 * of a VALUES list of 12 parameters per row. The server then parses one short statement (the same
 * text every time) and the batch is serialised once, states and data inline (each stored as its
 * own JSON text: the columns are `json`, migration 013).
 */
async function putJsonRecords(
  db: Db,
  teamId: string,
  version: number,
  rows: readonly RowWrite[],
  conflict: string,
): Promise<void> {
  for (let i = 0; i < rows.length; i += PG_PUT_BATCH) {
    const part = rows.slice(i, i + PG_PUT_BATCH).map(jsonRecord);
    await db.run(
      `INSERT INTO rows (${COLUMNS})
        SELECT ?::text, r.e, r.i, ?::bigint, r.s, r.d, r.x, r.o, r.cu, r.co, r.q, r.u
          FROM json_to_recordset(?::json) AS r(e text, i text, s json, d json, x text, o text, cu text, co text, q text, u text)
        ${conflict}`,
      [teamId, version, toJson(part)],
    );
  }
}
