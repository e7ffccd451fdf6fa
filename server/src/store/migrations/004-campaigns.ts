import type { Migration } from './migration.ts';

/** Marketing campaigns: a saved filter definition, the member snapshot and the days it was touched. */
export const campaigns: Migration = {
  version: 4,
  name: 'campaigns',
  up() {
    return `
CREATE TABLE campaigns (
  team_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  members TEXT NOT NULL,
  touches TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (team_id, id)
);
`;
  },
};
