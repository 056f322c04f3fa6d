import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Role } from '../accounts/roles.js';
import { roleGrants, users } from '../accounts/schema.js';
import { orgs } from '../org-tree/schema.js';

/**
 * Whom to tell about something at an org: active accounts holding one of `roles` there or at a union above
 * it, within its tenant (a province's people are not sent every county's news). `nearest`: only those at
 * the lowest level that has any — the union's own staff, or the union above when it has none — so a county
 * office is not told of every application its town unions decide.
 */
export async function holdersAbove(tx: Db, roles: readonly Role[], org: { path: string; tenantId: number }, options: { nearest?: boolean } = {}): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ userId: roleGrants.userId, depth: sql<number>`nlevel(${orgs.path})`.mapWith(Number) })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(roleGrants.role, [...roles]), eq(orgs.tenantId, org.tenantId), eq(orgs.active, true), eq(users.active, true), sql`${org.path}::ltree <@ ${orgs.path}`));
  const deepest = Math.max(...rows.map((r) => r.depth));
  return [...new Set(rows.filter((r) => !options.nearest || r.depth === deepest).map((r) => r.userId))];
}
