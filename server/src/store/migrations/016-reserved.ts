import type { Migration } from './migration.ts';

/**
 * Holds version 16 for the `customer_metrics` migration written on another branch at the same time;
 * the integrator replaces this file with that one. It changes nothing.
 */
export const reserved16: Migration = {
  version: 16,
  name: 'reserved',
  up: () => '',
};
