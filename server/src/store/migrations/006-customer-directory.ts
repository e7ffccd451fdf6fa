import type { Dialect } from '../driver.ts';
import { columnTypes, type Migration } from './migration.ts';

/** Fills customer_directory from every team's live customer rows (the migration's backfill). */
export function backfillCustomerDirectorySql(dialect: Dialect): string {
  const field = (f: string) =>
    dialect === 'postgres' ? `(data ->> '${f}')` : `json_extract(data, '$.${f}')`;
  return `INSERT INTO customer_directory (team_id, customer_id, sort_id, external_id, name, owner_id)
SELECT team_id, id, COALESCE(${field('externalId')}, id), ${field('externalId')}, COALESCE(${field('name')}, ''), ${field('ownerId')}
  FROM rows WHERE entity = 'customer' AND deleted_at IS NULL`;
}

/**
 * The customers report's per-customer projection of the live 'customer' sync rows, in plain columns:
 * `sort_id` (the external id, else the record id: the report's customerId and tie-break), the
 * external id, name and owner. The rows repository keeps it in step on every write (imports, pushes,
 * merges, deletes all write rows through it); a tombstoned customer leaves it. Together with
 * `customer_rollups` (the money), the report sorts, filters and pages in SQL and reads the JSON of
 * its page's rows only. The migration backfills every team's live customers.
 */
export const customerDirectory: Migration = {
  version: 6,
  name: 'customer-directory',
  up(dialect) {
    const { key } = columnTypes(dialect);
    return `
CREATE TABLE customer_directory (
  team_id TEXT NOT NULL REFERENCES teams (id),
  customer_id TEXT NOT NULL,
  sort_id ${key} NOT NULL,
  external_id TEXT,
  name TEXT NOT NULL,
  owner_id TEXT,
  PRIMARY KEY (team_id, customer_id)
);
CREATE INDEX customer_directory_owner ON customer_directory (team_id, owner_id);
${backfillCustomerDirectorySql(dialect)};
`;
  },
};
