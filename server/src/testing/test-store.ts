import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { SQLITE_FILE } from '../store/open-store.ts';
import { openPostgresStore } from '../store/postgres/postgres-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export const PG_URL_HELP =
  'Postgres tests need RAPPORT_TEST_PG_URL, an admin connection URL that may create databases, e.g. ' +
  'RAPPORT_TEST_PG_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres ' +
  '(start a local server with `pg_ctlcluster 15 main start`; `npm test` sets this up itself).';

/** Where a test database lives, as the environment variables the server and CLI read. */
export type TestDatabaseEnv = {
  RAPPORT_DATA_DIR: string;
  DATABASE_URL?: string;
};

export interface TestDatabase {
  env: TestDatabaseEnv;
  /** Deletes the temp dir and, for Postgres, drops the database. */
  destroy(): Promise<void>;
}

export interface TestStore {
  store: Store;
  env: TestDatabaseEnv;
  /** Closes the store and deletes its file or database. */
  destroy(): Promise<void>;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty database: a new temp dir (SQLite file inside), or a new Postgres database from RAPPORT_TEST_PG_URL. */
export async function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-test-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'sqlite') return { env: { RAPPORT_DATA_DIR: dir }, destroy: async () => removeDir() };
  const adminUrl = process.env.RAPPORT_TEST_PG_URL;
  if (!adminUrl) {
    removeDir();
    throw new Error(PG_URL_HELP);
  }
  const name = `rapport_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { RAPPORT_DATA_DIR: dir, DATABASE_URL: url.toString() },
    async destroy() {
      removeDir();
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh, migrated store: a SQLite file in a new temp dir, or a new Postgres database. */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const db = await createTestDatabase(kind);
  try {
    const store = db.env.DATABASE_URL
      ? await openPostgresStore(db.env.DATABASE_URL, { max: 4 })
      : await openSqliteStore(join(db.env.RAPPORT_DATA_DIR, SQLITE_FILE));
    return {
      store,
      env: db.env,
      async destroy() {
        await store.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

export interface StoreContext {
  kind: StoreKind;
  /** The environment that opens this same database (for CLI tests). */
  readonly env: TestDatabaseEnv;
  /** The block's store; valid inside tests and hooks (created in beforeAll). */
  readonly store: Store;
}

/**
 * Runs a describe block once per store kind, each with its own fresh store. Without
 * RAPPORT_TEST_PG_URL the Postgres block fails (it never skips silently).
 */
export function forEachStore(name: string, fn: (ctx: StoreContext) => void): void {
  for (const kind of STORE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let test: TestStore | undefined;
      const ctx: StoreContext = {
        kind,
        get store() {
          if (!test) throw new Error(`the ${kind} test store is not open (did beforeAll fail?)`);
          return test.store;
        },
        get env() {
          if (!test) throw new Error(`the ${kind} test store is not open (did beforeAll fail?)`);
          return test.env;
        },
      };
      let failure: unknown;
      beforeAll(async () => {
        try {
          test = await createTestStore(kind);
        } catch (err) {
          failure = err;
        }
      }, 30_000);
      // Every test of the block fails with the reason (e.g. no RAPPORT_TEST_PG_URL): counted, never skipped.
      beforeEach(() => {
        if (failure) throw failure;
      });
      afterAll(async () => {
        await test?.destroy();
      });
      fn(ctx);
    });
  }
}
