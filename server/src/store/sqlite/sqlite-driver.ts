import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  activeTransaction,
  type Db,
  type Driver,
  ForeignKeyViolationError,
  Queries,
  type SqlValue,
  TransactionMisuseError,
  UniqueViolationError,
} from '../driver.ts';
import { Checkpointer, WRITER_AUTOCHECKPOINT_PAGES } from './checkpointer.ts';
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

/**
 * better-sqlite3 behind the async Driver surface: WAL, foreign keys on, exact 64-bit integers.
 *
 * Durability: WAL with synchronous=NORMAL. A commit is written to the WAL file (the operating
 * system's cache) before it returns, so a killed process loses nothing it acknowledged; only a power
 * cut or kernel crash may lose the last commits (the WAL is fsynced at checkpoints, not per commit).
 * Checkpoints of a file database run on a worker thread after each transaction commits (see
 * checkpointer.ts); the writer checkpoints on its own only past WRITER_AUTOCHECKPOINT_PAGES.
 *
 * Writes and transactions share one connection behind a FIFO mutex. A file database also gets a
 * read-only connection for statements that write nothing outside a transaction: WAL lets it read the
 * last committed state while a transaction is open on the writer, so pulls and health checks never
 * queue behind pushes.
 */
export class SqliteDriver extends Queries implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly inTransaction = false;
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Statement>();
  readonly #mutex = new Mutex();
  readonly #reader: Database.Database | null;
  /** Reads take turns too, so a burst of them gives the event loop a turn every few ms (see Mutex). */
  readonly #readTurns = new Mutex();
  /** Per SQL text: its statement on the reader, or null when it writes (it then goes to the writer). */
  readonly #readStatements = new Map<string, Statement | null>();
  readonly #checkpointer: Checkpointer | null;
  #ping: Statement | undefined;

  constructor(readonly file: string) {
    super();
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('synchronous = NORMAL');
    // The page cache of the writer: 64 MiB instead of SQLite's 2 MiB default. A write touching
    // thousands of customers (an import into a large team) dirties pages across the metrics, sync
    // rows, rollups and their indexes; with 2 MiB they spilled to the WAL before COMMIT and were
    // read back from the OS again and again.
    this.#db.pragma('cache_size = -65536');
    // Deleted and overwritten content is zeroed in the file, so an erased person's text does not
    // linger in free space (the WAL is checkpointed and truncated after an erase).
    this.#db.pragma('secure_delete = ON');
    // Another process (the CLI while the server runs) may hold the write lock briefly.
    this.#db.pragma('busy_timeout = 5000');
    this.#checkpointer = file === ':memory:' ? null : new Checkpointer(file);
    if (this.#checkpointer) this.#db.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
    this.#reader = file === ':memory:' ? null : new Database(file, { readonly: true });
    this.#reader?.pragma('busy_timeout = 5000');
  }

  /** The reader's statement for sql when it only reads; null when it must go to the writer. */
  #readStatement(sql: string): Statement | null {
    if (!this.#reader) return null;
    let stmt = this.#readStatements.get(sql);
    if (stmt === undefined) {
      try {
        const prepared = this.#reader.prepare(sql);
        // `readonly` is SQLite's own verdict (sqlite3_stmt_readonly): no INSERT … RETURNING, no PRAGMA writes.
        stmt = prepared.readonly && prepared.reader ? prepared.safeIntegers(true) : null;
      } catch {
        // Not preparable here (say, a table a running migration has not created yet): the writer decides, uncached.
        return null;
      }
      this.#readStatements.set(sql, stmt);
    }
    return stmt;
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
    const mark = activeTransaction.getStore() as TxMark | undefined;
    if (mark?.open && mark.driver === this) return Promise.reject(new TransactionMisuseError());
    const read = this.#readStatement(sql);
    if (!read) return this.#mutex.run(() => this.allSync<T>(sql, params));
    return this.#readTurns.run(() => {
      try {
        return read.all(...params) as T[];
      } catch (err) {
        throw translateError(err);
      }
    });
  }

  async ping(): Promise<void> {
    // SELECT 1 touches no table, so it may run on the writer even inside another request's transaction.
    this.#ping ??= (this.#reader ?? this.#db).prepare('SELECT 1');
    this.#ping.get();
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
        this.#checkpointer?.poke();
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
    await this.#checkpointer?.close();
    await this.#mutex.run(() => {
      this.#reader?.close();
      this.#db.close();
    });
  }
}

class SqliteTx extends Queries {
  readonly dialect = 'sqlite' as const;
  readonly inTransaction = true;
  done = false;

  constructor(readonly driver: SqliteDriver) {
    super();
  }

  #check(): void {
    if (this.done) throw new Error('this transaction has already finished');
  }

  async all<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.#check();
    return this.driver.allSync<T>(sql, params);
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
