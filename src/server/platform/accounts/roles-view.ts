import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { permissionLabel } from '../labels/registry.js';
import { orgs } from '../org-tree/schema.js';
import { requirePaths, scopeFilter } from '../scope.js';
import { permissionsOf, type Role, ROLE_CODES, ROLES } from './roles.js';
import { roleGrants, users } from './schema.js';

/**
 * 角色权限, read-only: each role, what it may do (every module's permissions, in Chinese) and who holds
 * it where within the administrator's scope. Roles are code (DESIGN §1): a role reaches the subtree of the
 * org it is held at, so "where" is the grant's org.
 */
export function createRoleOverview(deps: { db: Db }) {
  const { db } = deps;
  return {
    async overview(actor: Actor) {
      const scope = scopeFilter(orgs.path, requirePaths(actor, 'users.read'));
      const counts = await db
        .select({ role: roleGrants.role, n: count() })
        .from(roleGrants)
        .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
        .where(scope)
        .groupBy(roleGrants.role);
      return ROLE_CODES.map((role) => ({
        role,
        label: ROLES[role],
        permissions: permissionsOf(role).map((code) => ({ code, label: permissionLabel(code) })),
        holders: counts.find((c) => c.role === role)?.n ?? 0,
      }));
    },

    /** Who holds a role where, by org in tree order (a page at a time: a province has thousands of grants). */
    async grants(actor: Actor, role: Role, params: { page: number; pageSize: number }) {
      const where = and(eq(roleGrants.role, role), scopeFilter(orgs.path, requirePaths(actor, 'users.read')));
      const [items, [{ total }]] = await Promise.all([
        db
          .select({ id: roleGrants.id, orgId: orgs.id, orgName: orgs.name, userId: users.id, username: users.username, displayName: users.displayName, active: users.active })
          .from(roleGrants)
          .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
          .innerJoin(users, eq(users.id, roleGrants.userId))
          .where(where)
          .orderBy(asc(orgs.path), asc(users.displayName), asc(roleGrants.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(roleGrants).innerJoin(orgs, eq(orgs.id, roleGrants.orgId)).where(where),
      ]);
      return { items, total, page: params.page, pageSize: params.pageSize };
    },
  };
}

export type RoleOverview = ReturnType<typeof createRoleOverview>;
