import { defineConfig } from 'vitest/config';

/**
 * Unit and API tests. `LIANXIN_TEST_DB=postgres` (set by scripts/test.mjs when
 * TEST_DATABASE_URL is given) runs the same suites against a PostgreSQL server.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: PGlite is single-threaded WASM per file.
    maxWorkers: 2,
  },
});
