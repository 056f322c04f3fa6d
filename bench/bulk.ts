import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../src/server/db/client.js';

/**
 * A bulk load's usual order: drop the table's indexes (all but its
 * constraints') before the load; the function returned builds them again
 * once, with room to sort, and leaves fresh statistics and visibility map on
 * the table and `alsoAnalyze`, as autovacuum would on a real database
 * (index-only scans need the latter).
 */
export async function dropIndexesForLoad(db: Db, table: string) {
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(db, sql`
    select indexname, indexdef from pg_indexes i
    where schemaname = current_schema() and tablename = ${table} and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.indexname}`));
  return async (kind: 'pglite' | 'postgres', alsoAnalyze: readonly string[]) => {
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local maintenance_work_mem = '${kind === 'postgres' ? '1GB' : '256MB'}'`));
      for (const index of indexes) await tx.execute(sql.raw(index.indexdef));
    });
    for (const name of [table, ...alsoAnalyze]) await db.execute(sql.raw(`vacuum analyze ${name}`));
  };
}
