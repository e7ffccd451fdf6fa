import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '**/.output/**', '**/.wxt/**', 'fixtures/**', 'artifacts/**'];

// Two projects: everything but e2e/ runs first, files in parallel; then e2e/ runs one file at a time
// (one Chromium at a time on a 2-core machine), with timeouts sized for a browser.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          // Simulations and the durability test run real servers and databases on two cores.
          testTimeout: 30_000,
          exclude: [...exclude, 'e2e/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude,
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
