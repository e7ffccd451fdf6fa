import type { Db, Driver } from '../driver.ts';
import type { Migration } from './migration.ts';

/** Arbitrary constant: serialises concurrent servers migrating one Postgres database. */
const PG_LOCK_KEY = 7_242_021;

async function lock(tx: Db): Promise<void> {
  if (tx.dialect === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [PG_LOCK_KEY]);
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies the migrations the database lacks, each in its own transaction, and returns their versions.
 * Idempotent: a second run applies nothing.
 */
export async function runMigrations(driver: Driver, list: readonly Migration[]): Promise<number[]> {
  const sorted = [...list].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migrations must be numbered 1, 2, 3…; found ${m.version} at ${i + 1}`);
  });
  await driver.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  const applied: number[] = [];
  for (const m of sorted) {
    const done = await driver.transaction(async (tx) => {
      await lock(tx);
      const found = await tx.get('SELECT version FROM schema_migrations WHERE version = ?', [m.version]);
      if (found) return false;
      await tx.exec(m.up(tx.dialect));
      await m.backfill?.(tx);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  const newest = await driver.get<{ v: unknown }>('SELECT MAX(version) AS v FROM schema_migrations');
  const dbVersion = Number(newest?.v ?? 0);
  if (dbVersion > sorted.length) {
    throw new MigrationError(
      `the database is at schema version ${dbVersion} but this server knows only ${sorted.length}: upgrade the server`,
    );
  }
  return applied;
}
