/**
 * `npm run bench [suite…]`: prints figures, asserts nothing. Suites:
 *   startup  cold and warm start to the first healthy answer (PGlite, PostgreSQL)
 *   auth     GET /api/auth/me throughput and p99 (PGlite, PostgreSQL)
 * PostgreSQL figures need BENCH_DATABASE_URL (or TEST_DATABASE_URL) pointing at a server.
 */
import { createServerDatabase, load, removeDir, report, startServer, tempDir } from './lib.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const DEMO_PASSWORD = 'Lianxin2026';

interface Target {
  label: 'pglite' | 'postgres';
  env: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    label: 'pglite',
    env: async () => {
      const dir = tempDir('pglite');
      return { env: { LIANXIN_DATA_DIR: dir }, cleanup: async () => removeDir(dir) };
    },
  },
  ...(serverUrl
    ? [
        {
          label: 'postgres' as const,
          env: async () => {
            const database = await createServerDatabase(serverUrl, 'pg');
            return { env: { DATABASE_URL: database.url }, cleanup: () => database.drop() };
          },
        },
      ]
    : []),
];

async function startup(target: Target) {
  const { env, cleanup } = await target.env();
  try {
    const cold = await startServer(env);
    await cold.stop();
    const warm = await startServer(env);
    await warm.stop();
    report('startup', `cold_start_${target.label}`, Math.round(cold.msToHealthy), 'ms');
    report('startup', `warm_start_${target.label}`, Math.round(warm.msToHealthy), 'ms');
  } finally {
    await cleanup();
  }
}

async function auth(target: Target) {
  const { env, cleanup } = await target.env();
  try {
    const { execFileSync } = await import('node:child_process');
    // The demo accounts give a realistic user with grants; loaded before the server takes the data folder.
    execFileSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'demo'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const server = await startServer(env);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'danghu_staff', password: DEMO_PASSWORD }),
      });
      if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const me = async () => {
        const response = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
        if (!response.ok) throw new Error(`me: ${response.status}`);
        await response.arrayBuffer();
      };
      await load(me, { concurrency: 8, seconds: 2 }); // warm-up
      const result = await load(me, { concurrency: 16, seconds: 8 });
      report('auth', `me_throughput_${target.label}`, Math.round(result.perSecond), 'req/s');
      report('auth', `me_p50_${target.label}`, result.p50, 'ms');
      report('auth', `me_p99_${target.label}`, result.p99, 'ms');
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

const suites: Record<string, (target: Target) => Promise<void>> = { startup, auth };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(suites);
if (!serverUrl) console.log('(BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL figures skipped)');
for (const name of chosen) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  for (const target of targets) await suite(target);
}
