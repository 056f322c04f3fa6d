import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSecret } from '../src/server/config.js';
import { openPglite, openPostgres, StartupError } from '../src/server/db/client.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-db-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the embedded database folder', () => {
  it('refuses a second process on the same folder with a clear message, and frees it on close', async () => {
    const dir = tempDir();
    const first = await openPglite(dir);
    const second = openPglite(dir);
    await expect(second).rejects.toBeInstanceOf(StartupError);
    await expect(second).rejects.toThrow(/正被另一个连心进程使用.*LIANXIN_DATA_DIR/s);
    await first.close();
    const again = await openPglite(dir);
    await again.close();
  }, 60_000);

  it('generates the personal-data secret once and keeps it', () => {
    const dir = tempDir();
    const secret = resolveSecret({ dataDir: dir });
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(resolveSecret({ dataDir: dir })).toBe(secret);
    expect(() => resolveSecret({ dataDir: dir, databaseUrl: 'postgres://x' })).toThrow(StartupError);
    expect(() => resolveSecret({ dataDir: dir, secret: 'short' })).toThrow(/32/);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a PostgreSQL server database', () => {
  it('is refused when its LC_CTYPE is C, with the fix in the message', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `lianxin_test_ctype_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C' lc_collate 'C'`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      const opening = openPostgres(url.toString(), 1);
      await expect(opening).rejects.toBeInstanceOf(StartupError);
      await expect(opening).rejects.toThrow(/LC_CTYPE 'C\.UTF-8'/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
    // CREATE DATABASE checkpoints: on a busy disk (the other suites' databases) it took over 30 s once.
  }, 90_000);
});
