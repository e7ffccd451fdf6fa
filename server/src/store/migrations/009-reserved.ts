import type { Migration } from './migration.ts';

/**
 * Placeholder so migration 010 runs on its own branch: version 9 belongs to the push-speed work.
 * When that branch's 009 is merged, drop this file and its entry in index.ts (it does nothing).
 */
export const reserved009: Migration = {
  version: 9,
  name: 'reserved',
  up() {
    return 'SELECT 1';
  },
};
