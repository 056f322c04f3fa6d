/**
 * The lock a roster import's commit holds for its whole transaction, and what
 * it tells others. An import is marked `committing` before its transaction
 * starts; if the process stops, the transaction rolls back and the lock goes
 * with it, but the mark stays. Whoever finds a `committing` import whose lock
 * is free (opening it: import/service.ts; the retention job: retention.ts)
 * puts it back to `ready`.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.js';
import { memberImports } from './schema.js';

/** Advisory-lock namespace held by a commit's transaction (pg_advisory_xact_lock(namespace, import id)). */
const COMMIT_LOCK = 7_401_338;

/** Hold the import's commit lock until the caller's transaction ends, waiting for a commit holding it. */
export async function lockCommit(tx: Db, importId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${COMMIT_LOCK}, ${importId}::int)`);
}

/**
 * Put a `committing` import back to `ready` if no transaction holds its commit
 * lock (the commit was cut off and rolled back). In a transaction of its own,
 * or a savepoint of the caller's, which then keeps the lock to its end. True
 * if it was reset; false if a commit holds it, or it is no longer committing.
 */
export async function resetInterruptedCommit(db: Db, imp: { tenantId: number; id: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [{ got }] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${COMMIT_LOCK}, ${imp.id}::int) as got`);
    if (!got) return false;
    const updated = await tx
      .update(memberImports)
      .set({ state: 'ready', updatedAt: new Date() })
      .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id), eq(memberImports.state, 'committing')))
      .returning({ id: memberImports.id });
    return updated.length === 1;
  });
}
