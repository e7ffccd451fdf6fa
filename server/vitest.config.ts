import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/.output/**', '**/.wxt/**'],
    // Two cores run two files at once, each with a real database (and CLI tests start processes):
    // a slow test is slow, not broken. Fuzz suites set their own budgets.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
