import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Driver } from '../store/driver.ts';
import { migrations } from '../store/migrations/index.ts';
import { runMigrations } from '../store/migrations/run-migrations.ts';
import { SQLITE_FILE } from '../store/open-store.ts';
import { PostgresDriver } from '../store/postgres/postgres-driver.ts';
import { SqliteDriver } from '../store/sqlite/sqlite-driver.ts';
import { createSqlStore, type Store } from '../store/store.ts';
import { createTestDatabase, type StoreKind, type TestDatabase } from './test-store.ts';

export interface MigratedBefore {
  readonly driver: Driver;
  readonly store: Store;
}

/**
 * For a migration's own test (call inside its describe): a new database of `kind` as the release
 * before migration `version` left it (every earlier migration applied, not it), opened in
 * beforeAll and closed in afterAll. The test seeds it, then runs `migrations.slice(0, version)`.
 */
export function migratedBefore(kind: StoreKind, version: number): MigratedBefore {
  let db: TestDatabase | undefined;
  let driver: Driver | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    driver = db.env.DATABASE_URL
      ? new PostgresDriver(db.env.DATABASE_URL, { max: 2 })
      : new SqliteDriver(join(db.env.RAPPORT_DATA_DIR, SQLITE_FILE));
    await runMigrations(driver, migrations.slice(0, version - 1));
    store = createSqlStore(driver);
  }, 30_000);
  afterAll(async () => {
    await driver?.close();
    await db?.destroy();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('migratedBefore: used outside its tests');
    return value;
  };
  return {
    get driver() {
      return opened(driver);
    },
    get store() {
      return opened(store);
    },
  };
}
