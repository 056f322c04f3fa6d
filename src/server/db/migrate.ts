import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Contrib extensions the schema uses; PGlite loads the same ones (client.ts). */
const EXTENSIONS = ['ltree', 'pg_trgm', 'btree_gin', 'btree_gist', 'cube', 'earthdistance', 'pgcrypto'];

/** An arbitrary constant: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_401_337;

/**
 * Apply the generated SQL migrations from code. drizzle-kit's own migrate
 * cannot load PGlite's extensions, so extensions are created here first.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const { db } = database;
  if (database.kind === 'postgres') await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    for (const name of EXTENSIONS) await db.execute(sql.raw(`create extension if not exists ${name}`));
    if (database.kind === 'postgres') {
      await migrateNodePg(db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    } else {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    }
  } finally {
    if (database.kind === 'postgres') await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
