import { migrations } from '../migrations/index.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { createSqlStore, type Store } from '../store.ts';
import { SqliteDriver } from './sqlite-driver.ts';

/** Opens (creating when absent) the SQLite database file and brings its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  const driver = new SqliteDriver(file);
  try {
    await runMigrations(driver, migrations);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return createSqlStore(driver);
}
