import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openMemoryPglite, openPostgres } from '../../src/server/db/client.js';
import { migrateDatabase } from '../../src/server/db/migrate.js';
import { prepareTemplate } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string; template: string; prefix: string };
  }
}

/**
 * Migrate and bootstrap one template database per run; every test file then
 * starts from a copy of it (a PGlite data dump, or CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  if (process.env.LIANXIN_TEST_DB === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('LIANXIN_TEST_DB=postgres needs TEST_DATABASE_URL');
    const prefix = `lianxin_test_${process.pid}_${Date.now().toString(36)}`;
    const template = `${prefix}_tpl`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const database = await openPostgres(url.toString(), 2);
    await migrateDatabase(database);
    await prepareTemplate(database.db);
    await database.close();
    project.provide('testDb', { kind: 'postgres', serverUrl, template, prefix });
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${prefix}%`]);
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const database = await openMemoryPglite();
  await migrateDatabase(database);
  await prepareTemplate(database.db);
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-test-'));
  const dumpFile = join(dir, 'template.tar');
  writeFileSync(dumpFile, Buffer.from(await (await database.client.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  project.provide('testDb', { kind: 'pglite', dumpFile });
  return () => rmSync(dir, { recursive: true, force: true });
}
