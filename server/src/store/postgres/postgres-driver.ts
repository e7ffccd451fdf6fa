import pg from 'pg';
import {
  activeTransaction,
  type Db,
  type Driver,
  ForeignKeyViolationError,
  Queries,
  type SqlValue,
  TransactionMisuseError,
  toPgPlaceholders,
  UniqueViolationError,
} from '../driver.ts';

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

/** int8 as exact bigint (money, versions); json/jsonb as text so both drivers hand repositories the same shapes. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => BigInt(v);
    if (oid === JSON_OID || oid === JSONB) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function translateError(err: unknown): unknown {
  const e = err as { code?: unknown; constraint?: unknown };
  if (e.code === '23505') return new UniqueViolationError(String(e.constraint ?? 'unique'), err);
  if (e.code === '23503') return new ForeignKeyViolationError(err);
  return err;
}

/** Deadlocks and serialization failures are safe to retry as a whole transaction. */
const RETRYABLE = new Set(['40001', '40P01']);

interface TxMark {
  driver: PostgresDriver;
  open: boolean;
}

type Queryable = pg.Pool | pg.PoolClient;

async function simple(on: Queryable, sql: string): Promise<void> {
  try {
    await on.query(sql);
  } catch (err) {
    throw translateError(err);
  }
}

async function query<T>(
  on: Queryable,
  sql: string,
  params: readonly SqlValue[],
): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  try {
    return await on.query<T & pg.QueryResultRow>(toPgPlaceholders(sql), params as unknown[]);
  } catch (err) {
    throw translateError(err);
  }
}

/** The query half of Db, shared by the pool and a transaction's client; `queryable()` checks it may be used. */
abstract class PostgresQueries extends Queries {
  protected abstract queryable(): Queryable;

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await query<T>(this.queryable(), sql, params)).rows;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await query(this.queryable(), sql, params)).rowCount ?? 0;
  }

  async exec(sql: string): Promise<void> {
    await simple(this.queryable(), sql);
  }
}

export class PostgresDriver extends PostgresQueries implements Driver {
  readonly dialect = 'postgres' as const;
  readonly inTransaction = false;
  readonly pool: pg.Pool;
  /** One connection of its own, so a health check never waits for the pool. */
  readonly #pingPool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    super();
    this.pool = new pg.Pool({ connectionString, types, max: options.max ?? 10 });
    this.#pingPool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 60_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
    this.#pingPool.on('error', () => {});
  }

  async ping(): Promise<void> {
    await simple(this.#pingPool, 'SELECT 1');
  }

  #guard(): void {
    const mark = activeTransaction.getStore() as TxMark | undefined;
    if (mark?.open && mark.driver === this) throw new TransactionMisuseError();
  }

  protected queryable(): Queryable {
    this.#guard();
    return this.pool;
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#guard();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(fn);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (attempt >= 3 || typeof code !== 'string' || !RETRYABLE.has(code)) throw err;
      }
    }
  }

  async #once<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const mark: TxMark = { driver: this, open: true };
    const tx = new PostgresTx(client);
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await activeTransaction.run(mark, () => fn(tx));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      mark.open = false;
      tx.done = true;
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.#pingPool.end()]);
  }
}

class PostgresTx extends PostgresQueries implements Db {
  readonly dialect = 'postgres' as const;
  readonly inTransaction = true;
  done = false;

  constructor(readonly client: pg.PoolClient) {
    super();
  }

  #check(): void {
    if (this.done) throw new Error('this transaction has already finished');
  }

  protected queryable(): Queryable {
    this.#check();
    return this.client;
  }

  /**
   * A transaction is one connection, so its queries run one after another in call order: callers
   * that overlap them (Promise.all over reports run inside a recompute) get what pg's own queue gave,
   * without pg's "client is already executing a query" deprecation (an error from pg 9).
   */
  #tail: Promise<unknown> = Promise.resolve();

  #serial<T>(next: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(next, next);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  override all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#serial(() => super.all<T>(sql, params));
  }

  override run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#serial(() => super.run(sql, params));
  }

  override exec(sql: string): Promise<void> {
    return this.#serial(() => super.exec(sql));
  }
}
