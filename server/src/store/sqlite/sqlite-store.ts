import { migratedStore } from '../migrations/index.ts';
import type { Store } from '../store.ts';
import { SqliteDriver } from './sqlite-driver.ts';

/** Opens (creating when absent) the SQLite database file and brings its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  return migratedStore(new SqliteDriver(file));
}
