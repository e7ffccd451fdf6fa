import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/.output/**', '**/.wxt/**'],
    setupFiles: ['./test-setup.ts'],
    // Several suites drive real timers through backoff; keep the whole suite well under a minute.
    testTimeout: 10_000,
  },
});
