import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
/**
 * The client; a transaction has the same type, so data-access code takes
 * either. Queries name their tables (no relational `db.query` API), so the
 * client needs no schema, and the database layer imports no module's tables.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** PGlite extensions matching the contrib extensions we create on a server (DESIGN §2). */
export const PGLITE_EXTENSIONS = { ltree, pg_trgm, btree_gin, btree_gist, cube, earthdistance, pgcrypto };

export class StartupError extends Error {}

/** Postgres' unique_violation, as the drivers report it (PGlite on the error, node-postgres through drizzle on its cause). */
export const isUniqueViolation = (error: unknown) => {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return (code ?? cause?.code) === '23505';
};

/** Raw SQL returning rows, the same for both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Independent queries: at once on the pool, one after another inside a
 * transaction (its one connection must not run overlapping queries; pg
 * queues them now and refuses them from pg@9).
 */
export async function gather<T extends readonly (() => Promise<unknown>)[]>(tx: Db, tasks: readonly [...T]): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!(tx instanceof PgTransaction)) return (await Promise.all(tasks.map((task) => task()))) as never;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as never;
}

/**
 * Rows as a FROM item `unnest(…) as u(…)`, one array parameter per column, for `insert … select … from`:
 * a batch of ten thousand rows is one statement of a few parameters, where a multi-row VALUES builds and
 * parses a parameter per cell. `columns`: each column's name, SQL element type and value.
 */
export function unnestRows<T>(rows: readonly T[], columns: Record<string, [type: string, value: (row: T) => unknown]>): SQL {
  const names = Object.keys(columns);
  const arrays = names.map((name) => sql`${sql.param(rows.map(columns[name][1]))}::${sql.raw(columns[name][0])}[]`);
  return sql`unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(names.join(', '))})`;
}

/**
 * Open the embedded database in `dataDir`, holding a lock on the folder: two
 * processes writing one PGlite folder corrupt it, so the second one refuses.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, { lockfilePath: join(dataDir, '.lianxin.lock'), stale: 15_000, update: 5_000 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new StartupError(
        `数据目录 ${dataDir} 正被另一个连心进程使用，请先停止它，或用 LIANXIN_DATA_DIR 指定另一个目录。\n` +
          `The data folder ${dataDir} is in use by another Lianxin process; stop it or set LIANXIN_DATA_DIR to another folder.`,
      );
    }
    throw error;
  }
  const client = await PGlite.create(join(dataDir, 'pg'), { extensions: PGLITE_EXTENSIONS });
  return {
    db: drizzlePglite({ client }) as unknown as Db,
    kind: 'pglite',
    async close() {
      await client.close();
      await release();
    },
  };
}

/** An in-memory PGlite (tests), optionally started from a dumped data folder. */
export async function openMemoryPglite(loadDataDir?: Blob): Promise<Database & { client: PGlite }> {
  const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS, ...(loadDataDir ? { loadDataDir } : {}) });
  return {
    client,
    db: drizzlePglite({ client }) as unknown as Db,
    kind: 'pglite',
    close: () => client.close(),
  };
}

/**
 * Connect to a PostgreSQL server through a pool. Refuses a database whose
 * LC_CTYPE is C/POSIX: pg_trgm and case folding would not see Chinese text.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // bigint ids and counts arrive as strings by default; ours stay below 2^53.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool }) as unknown as Db;
  try {
    const [row] = await queryRows<{ ctype: string; name: string }>(
      db,
      sql`select datctype as ctype, current_database() as name from pg_database where datname = current_database()`,
    );
    if (!row || /^(C|POSIX)$/i.test(row.ctype)) {
      throw new StartupError(
        `数据库 ${row?.name} 的 LC_CTYPE 为 ${row?.ctype}，中文模糊检索无法工作。请用 UTF-8 字符集重建数据库：\n` +
          `  CREATE DATABASE ${row?.name} TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8';\n` +
          `Database ${row?.name} has LC_CTYPE ${row?.ctype}; Chinese text search cannot work. Recreate it with LC_CTYPE 'C.UTF-8' (or zh_CN.UTF-8) as above.`,
      );
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db, kind: 'postgres', close: () => pool.end() };
}
