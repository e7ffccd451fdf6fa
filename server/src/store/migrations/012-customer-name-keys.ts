import type { Db } from '../driver.ts';
import { putCustomerDirectory } from '../repos/customer-directory.ts';
import { columnTypes, type Migration } from './migration.ts';

/**
 * Rewrites every team's directory rows through `putCustomerDirectory`, which computes the name and
 * search keys with the shared rule (`nameKey`): the migration's backfill, and what tests compare with.
 */
export async function backfillCustomerNameKeys(db: Db): Promise<void> {
  const rows = await db.all<{
    team_id: string;
    customer_id: string;
    external_id: string | null;
    name: string;
    owner_id: string | null;
  }>('SELECT team_id, customer_id, external_id, name, owner_id FROM customer_directory ORDER BY team_id');
  const byTeam = new Map<string, typeof rows>();
  for (const r of rows) byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), r]);
  for (const [teamId, list] of byTeam)
    await putCustomerDirectory(
      db,
      teamId,
      list.map((r) => ({
        id: r.customer_id,
        data: { externalId: r.external_id, name: r.name, ownerId: r.owner_id },
        deletedAt: null,
      })),
    );
}

/**
 * The customers report's name order and search in SQL: `name_key` and `external_key` hold the
 * customer's name and external id lower-cased by the shared rule (`@rapport/shared/domain/name-key`,
 * JavaScript's full Unicode lower-casing, which neither SQLite's `lower` nor a Postgres locale
 * reproduces), compared byte-wise; the index pages the directory in name order (ties by customerId,
 * then record id). Kept by `putCustomerDirectory` on every customer write; backfilled here in JS.
 */
export const customerNameKeys: Migration = {
  version: 12,
  name: 'customer-name-keys',
  up(dialect) {
    const { key } = columnTypes(dialect);
    return `
ALTER TABLE customer_directory ADD COLUMN name_key ${key} NOT NULL DEFAULT '';
ALTER TABLE customer_directory ADD COLUMN external_key ${key} NOT NULL DEFAULT '';
CREATE INDEX customer_directory_name ON customer_directory (team_id, name_key, sort_id, customer_id);
`;
  },
  backfill: backfillCustomerNameKeys,
};
