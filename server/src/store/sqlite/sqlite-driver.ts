import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  activeTransaction,
  type Db,
  type Driver,
  ForeignKeyViolationError,
  type SqlValue,
  TransactionMisuseError,
  UniqueViolationError,
} from '../driver.ts';
import { Mutex } from './mutex.ts';

type Statement = Database.Statement<unknown[], unknown>;

function translateError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const m = /constraint failed: (.*)$/.exec((err as Error).message);
    return new UniqueViolationError(m?.[1] ?? 'unique', err);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new ForeignKeyViolationError(err);
  return err;
}

interface TxMark {
  driver: SqliteDriver;
  open: boolean;
}

/** better-sqlite3 behind the async Driver surface: WAL, foreign keys on, exact 64-bit integers. */
export class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly inTransaction = false;
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Statement>();
  readonly #mutex = new Mutex();

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('synchronous = NORMAL');
    // Deleted and overwritten content is zeroed in the file, so an erased person's text does not
    // linger in free space (the WAL is checkpointed and truncated after an erase).
    this.#db.pragma('secure_delete = ON');
    // Another process (the CLI while the server runs) may hold the write lock briefly.
    this.#db.pragma('busy_timeout = 5000');
  }

  #prepare(sql: string): Statement {
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      stmt.safeIntegers(true);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  // The synchronous primitives; callers hold the mutex (or are the transaction holding it).
  allSync<T>(sql: string, params: readonly SqlValue[]): T[] {
    try {
      const stmt = this.#prepare(sql);
      if (stmt.reader) return stmt.all(...params) as T[];
      stmt.run(...params);
      return [];
    } catch (err) {
      throw translateError(err);
    }
  }

  runSync(sql: string, params: readonly SqlValue[]): number {
    try {
      return this.#prepare(sql).run(...params).changes;
    } catch (err) {
      throw translateError(err);
    }
  }

  execSync(sql: string): void {
    try {
      this.#db.exec(sql);
    } catch (err) {
      throw translateError(err);
    }
  }

  #outside<T>(fn: () => T): Promise<T> {
    const mark = activeTransaction.getStore() as TxMark | undefined;
    if (mark?.open && mark.driver === this) return Promise.reject(new TransactionMisuseError());
    return this.#mutex.run(fn);
  }

  all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#outside(() => this.allSync<T>(sql, params));
  }

  async get<T = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#outside(() => this.runSync(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.#outside(() => this.execSync(sql));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const mark = activeTransaction.getStore() as TxMark | undefined;
    if (mark?.open && mark.driver === this) return Promise.reject(new TransactionMisuseError());
    return this.#mutex.run(async () => {
      const txMark: TxMark = { driver: this, open: true };
      const tx = new SqliteTx(this);
      // IMMEDIATE takes the write lock now, so a transaction never fails to upgrade a read lock later.
      this.execSync('BEGIN IMMEDIATE');
      try {
        const result = await activeTransaction.run(txMark, () => fn(tx));
        this.execSync('COMMIT');
        return result;
      } catch (err) {
        if (this.#db.inTransaction) this.execSync('ROLLBACK');
        throw err;
      } finally {
        txMark.open = false;
        tx.done = true;
      }
    });
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => this.#db.close());
  }
}

class SqliteTx implements Db {
  readonly dialect = 'sqlite' as const;
  readonly inTransaction = true;
  done = false;

  constructor(readonly driver: SqliteDriver) {}

  #check(): void {
    if (this.done) throw new Error('this transaction has already finished');
  }

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.#check();
    return this.driver.allSync<T>(sql, params);
  }

  async get<T = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.#check();
    return this.driver.runSync(sql, params);
  }

  async exec(sql: string): Promise<void> {
    this.#check();
    this.driver.execSync(sql);
  }
}
