import { AsyncLocalStorage } from 'node:async_hooks';

export type Dialect = 'sqlite' | 'postgres';

/** What a parameter may be. Booleans are stored as 0/1 integers; JSON is passed as text. */
export type SqlValue = string | number | bigint | null;

/**
 * The tiny SQL surface the repositories are written against. SQL uses `?` placeholders and the
 * common subset of SQLite and Postgres (ON CONFLICT, RETURNING, row-value comparisons).
 * Integer columns come back as bigint or number depending on the driver: read them with int()/big().
 */
export interface Db {
  readonly dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** True for the connection handed to a transaction callback. */
  readonly inTransaction: boolean;
}

/** What every driver and transaction shares: `get` is the first row of `all`. */
export abstract class Queries implements Db {
  abstract readonly dialect: Dialect;
  abstract readonly inTransaction: boolean;
  abstract all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  abstract run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  abstract exec(sql: string): Promise<void>;

  async get<T = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
}

export interface Driver extends Db {
  /** Runs fn in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Resolves when the database answers, without queueing behind other requests' statements (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique or primary-key constraint refused a write. */
export class UniqueViolationError extends Error {
  override name = 'UniqueViolationError';
  constructor(
    readonly constraint: string,
    cause: unknown,
  ) {
    super(`unique constraint violated: ${constraint}`, { cause });
  }
}

/** A foreign-key constraint refused a write. */
export class ForeignKeyViolationError extends Error {
  override name = 'ForeignKeyViolationError';
  constructor(cause: unknown) {
    super('foreign key constraint violated', { cause });
  }
}

/** Thrown when code inside a transaction calls the store it came from instead of the `tx` it was given. */
export class TransactionMisuseError extends Error {
  override name = 'TransactionMisuseError';
  constructor() {
    super('the root store was used inside store.transaction(); use the tx passed to the callback');
  }
}

/** Tracks which driver's transaction the current async context is inside, to catch root-store misuse. */
export const activeTransaction = new AsyncLocalStorage<object>();

const translated = new Map<string, string>();

/** Rewrites `?` placeholders as `$1, $2, …` for Postgres, leaving quoted text alone. */
export function toPgPlaceholders(sql: string): string {
  const cached = translated.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else out += ch;
  }
  translated.set(sql, out);
  return out;
}

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Integer column as a number (counts, versions, ids that fit 2^53). */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
}

/** Integer column as an exact bigint (money). */
export function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' || typeof value === 'string') return BigInt(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
}

export function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

/** JSON column (text in SQLite, json or jsonb read as text in Postgres). */
export function fromJson<T = unknown>(value: unknown): T {
  if (typeof value !== 'string') throw new TypeError(`expected a JSON text column, got ${typeof value}`);
  return JSON.parse(value) as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function bool(value: unknown): boolean {
  return int(value) !== 0;
}

/** Splits rows into chunks whose parameter count stays under both engines' limits. */
export function chunk<T>(items: readonly T[], paramsPerItem: number, maxParams = 30_000): T[][] {
  const size = Math.max(1, Math.floor(maxParams / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Multi-row INSERT in chunks. `conflict` is appended verbatim (e.g. "ON CONFLICT (a, b) DO NOTHING").
 * Callers must not pass two rows with the same conflict key in one call when the clause updates.
 */
export async function insertMany(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  conflict = '',
): Promise<number> {
  let changed = 0;
  const one = `(${placeholders(columns.length)})`;
  for (const part of chunk(rows, columns.length)) {
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => one).join(', ')} ${conflict}`;
    changed += await db.run(sql, part.flat());
  }
  return changed;
}

/**
 * Multi-row INSERT like insertMany; on Postgres the rows travel as one JSON array parameter (each row
 * an array, cast per column by `pgTypes`, e.g. 'text', 'bigint') instead of one parameter per value:
 * the statement text stays short and the same for every batch, and the rows are serialised once.
 * Values must be JSON-representable (bigints are sent as their decimal text).
 */
export async function insertRecords(
  db: Db,
  table: string,
  columns: readonly string[],
  pgTypes: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  conflict = '',
): Promise<number> {
  if (db.dialect !== 'postgres') return insertMany(db, table, columns, rows, conflict);
  const select = pgTypes.map((type, i) => `(r->>${i})::${type}`).join(', ');
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM json_array_elements(?::json) AS r ${conflict}`;
  let changed = 0;
  for (let i = 0; i < rows.length; i += JSON_BATCH) {
    const part = rows.slice(i, i + JSON_BATCH);
    changed += await db.run(sql, [
      JSON.stringify(part, (_, v) => (typeof v === 'bigint' ? v.toString() : v)),
    ]);
  }
  return changed;
}

/** Rows per JSON parameter. */
const JSON_BATCH = 5_000;

/** Rows one write must add before a table never analysed is analysed (analyseIfNever). */
export const ANALYSE_AFTER = 1_000;

/**
 * Postgres plans from a table's statistics. Until autovacuum first analyses a table (a new
 * database's first large sync) it has none, and the planner takes a team's rows for a single row:
 * an identity lookup of 400 values then read every value of that kind through (team_id, kind) and
 * filtered them, 23–28 ms a lookup at 20,000 contacts instead of 4 ms with statistics. A write that
 * adds many rows to a table never analysed analyses it, once (ANALYZE may run in a transaction).
 */
export async function analyseIfNever(db: Db, table: 'rows' | 'identities', added: number): Promise<void> {
  if (db.dialect !== 'postgres' || added < ANALYSE_AFTER) return;
  const found = await db.get<{ n: unknown }>(
    'SELECT reltuples AS n FROM pg_class WHERE oid = CAST(? AS regclass)',
    [table],
  );
  if (Number(found?.n) < 0) await db.exec(`ANALYZE ${table}`);
}
