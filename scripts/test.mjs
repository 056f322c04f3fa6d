// `npm test`: every suite. Unit and API tests on PGlite, the same suites on
// PostgreSQL when TEST_DATABASE_URL is set, then the browser tests.
import { spawnSync } from 'node:child_process';

const vitest = 'node_modules/vitest/vitest.mjs';
const run = (label, args, env = {}) => {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${label}: failed`);
    process.exit(result.status ?? 1);
  }
};
const extra = process.argv.slice(2);

run('unit + API tests on PGlite', extra, { LIANXIN_TEST_DB: 'pglite' });
if (process.env.TEST_DATABASE_URL) {
  run('unit + API tests on PostgreSQL', extra, { LIANXIN_TEST_DB: 'postgres' });
} else {
  console.log('\n(TEST_DATABASE_URL is not set: skipping the PostgreSQL run)');
}
run('browser tests (Chromium)', ['--config', 'vitest.browser.config.ts', ...extra]);
