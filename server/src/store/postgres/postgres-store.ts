import { migratedStore } from '../migrations/index.ts';
import type { Store } from '../store.ts';
import { PostgresDriver } from './postgres-driver.ts';

/** Connects to Postgres and brings the schema up to date. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<Store> {
  return migratedStore(new PostgresDriver(url, options));
}
