import { join } from 'node:path';
import type { Env } from '../env.ts';
import type { Store } from './store.ts';

export const SQLITE_FILE = 'rapport.sqlite';

/**
 * Postgres when DATABASE_URL is set, else the SQLite file in RAPPORT_DATA_DIR (created when absent).
 * Each driver is loaded when first needed, so a CLI call never loads the database client it does not use.
 */
export async function openStore(env: Pick<Env, 'DATABASE_URL' | 'RAPPORT_DATA_DIR'>): Promise<Store> {
  if (env.DATABASE_URL) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore(env.DATABASE_URL);
  }
  const { openSqliteStore } = await import('./sqlite/sqlite-store.ts');
  return openSqliteStore(join(env.RAPPORT_DATA_DIR, SQLITE_FILE));
}

/** Where the data lives, for messages (never prints a password). */
export function describeStore(env: Pick<Env, 'DATABASE_URL' | 'RAPPORT_DATA_DIR'>): string {
  if (!env.DATABASE_URL) return `SQLite ${join(env.RAPPORT_DATA_DIR, SQLITE_FILE)}`;
  try {
    const u = new URL(env.DATABASE_URL);
    return `Postgres ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'Postgres';
  }
}
