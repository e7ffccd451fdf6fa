import type { Migration } from './migration.ts';

/**
 * Drops `identities_value` (team_id, kind, value). Every statement on `identities` names the entity
 * now (the repository's lookup no longer has an any-entity form), so the primary key (team_id,
 * entity, kind, value) serves the lookups by value and `identities_row` (team_id, entity, id) the
 * reads and releases by row; `identities-plans.test.ts` checks each statement's plan on both engines.
 * The index was written with every identity a push claims or releases (≈1–3 per contact).
 */
export const identitiesValueIndex: Migration = {
  version: 16,
  name: 'identities-value-index',
  up: () => 'DROP INDEX identities_value;',
};
