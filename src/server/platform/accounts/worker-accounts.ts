import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { roleGrants, users } from './schema.js';

/**
 * A worker's own account follows their membership (users.person_hash): the
 * `worker` role sits at the union of the membership, and so do the phone
 * pages, the messages and the to-dos that scope reads. A module whose people
 * move between unions (members: a completed transfer) tells the accounts so
 * here, in its own transaction; it never writes the accounts' tables.
 */
export function createWorkerAccounts() {
  return {
    /**
     * The person's account, if they have one, now belongs to `union`: its `worker` role moves there, and so
     * does its home when `worker` is all it holds (a staff member who is also a member keeps their desk).
     * Without an account nothing is to move: the first sign-in by code makes it at the new union. The
     * sessions pick the change up at their next request (auth_epoch triggers on both tables).
     */
    async followMembership(tx: Db, actor: Actor, personHash: Buffer, union: { id: number; name: string; path: string; tenantId: number }) {
      const [account] = await tx.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.personHash, personHash));
      if (!account) return;
      const left = await tx
        .delete(roleGrants)
        .where(and(eq(roleGrants.userId, account.id), eq(roleGrants.role, 'worker')))
        .returning({ id: roleGrants.id });
      if (left.length === 0) return;
      await tx.insert(roleGrants).values({ userId: account.id, orgId: union.id, role: 'worker' });
      const [staff] = await tx
        .select({ id: roleGrants.id })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, account.id), ne(roleGrants.role, 'worker')))
        .limit(1);
      if (!staff) await tx.update(users).set({ homeOrgId: union.id, version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, account.id));
      await recordAudit(tx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: account.id,
        tenantId: union.tenantId,
        orgPath: union.path,
        summary: `会员接转完成，「${account.displayName}」的职工账号随会籍转至${union.name}`,
      });
    },
  };
}

export type WorkerAccounts = ReturnType<typeof createWorkerAccounts>;
