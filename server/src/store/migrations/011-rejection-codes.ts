import type { Migration } from './migration.ts';

/**
 * The code of a refused synced change beside its English reason (@rapport/shared/api-errors
 * REJECTION_CODES), so the UIs say it in their language. Rows logged before stay null and keep
 * showing their stored reason.
 */
export const rejectionCodes: Migration = {
  version: 11,
  name: 'rejection-codes',
  up() {
    return `
ALTER TABLE mutation_log ADD COLUMN reason_code TEXT;
`;
  },
};
