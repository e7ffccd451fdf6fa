import type { Migration } from './migration.ts';

/**
 * Version 14 is taken by another branch's migration (importing into a large team). This empty step
 * holds its place so migration 015 runs on this branch (versions must be 1, 2, 3…); whoever merges
 * both drops this file and keeps theirs.
 */
export const reserved14: Migration = {
  version: 14,
  name: 'reserved',
  up() {
    return '';
  },
};
