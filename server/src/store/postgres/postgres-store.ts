import { migrations } from '../migrations/index.ts';
import { runMigrations } from '../migrations/run-migrations.ts';
import { createSqlStore, type Store } from '../store.ts';
import { PostgresDriver } from './postgres-driver.ts';

/** Connects to Postgres and brings the schema up to date. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
  const driver = new PostgresDriver(url, options);
  try {
    await runMigrations(driver, migrations);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return createSqlStore(driver);
}
