import type { Db, Dialect } from '../driver.ts';

/** A schema step. `up` returns `;`-separated DDL for the dialect; never edit a released migration, add one. */
export interface Migration {
  version: number;
  name: string;
  up(dialect: Dialect): string;
  /** Rows only JavaScript can compute (shared rules), filled after `up` in the same transaction. */
  backfill?(db: Db): Promise<void>;
}

/** Column types that differ between the dialects; everything else is written once. */
export function columnTypes(dialect: Dialect): { json: string; real: string; key: string } {
  // `key`: text compared byte-wise in both engines (SQLite's default), so pull order is the same everywhere.
  return dialect === 'postgres'
    ? { json: 'JSONB', real: 'DOUBLE PRECISION', key: 'TEXT COLLATE "C"' }
    : { json: 'TEXT', real: 'REAL', key: 'TEXT' };
}
