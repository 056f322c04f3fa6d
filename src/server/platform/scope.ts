import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Permission, rolesCarrying } from './accounts/roles.js';
import type { Actor } from './actor.js';
import { forbidden } from './errors.js';

/**
 * The one scope rule (DESIGN §1, §6): a role held at an org reaches that org
 * and its whole subtree. The same paths decide what an actor may do (`canAt`)
 * and compile to the WHERE of every list, so what one sees and what one may do
 * never disagree. Which helper writes that WHERE depends on the table's kind
 * (db/table-kinds.ts): tenant tables filter through `tenantScope` (the tenant,
 * then a btree range of the path copy: their indexes lead with the tenant),
 * reference tables (orgs, users, sessions, the login log) through
 * `scopeFilter` on their org paths. A tenant table keeps `scopeFilter` only
 * where the tenant helper would not be exact or not indexed, and says why
 * beside the query (transfers, the audit log).
 */

export const isWithin = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);

/** The org paths at which the actor holds a role with this permission, without nested duplicates. */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  const roles: readonly string[] = rolesCarrying(permission);
  const paths = [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath))];
  return paths.filter((p) => !paths.some((other) => other !== p && isWithin(p, other)));
}

export const canAt = (actor: Actor, permission: Permission, orgPath: string) =>
  scopePaths(actor, permission).some((p) => isWithin(orgPath, p));

export function requireAt(actor: Actor, permission: Permission, orgPath: string): void {
  if (!canAt(actor, permission, orgPath)) throw forbidden();
}

/**
 * Registrations that serve a subtree (a county's handler units, review groups, congress sessions): those
 * within the actor's subtrees for any of these permissions, and those at an org above one of them in the
 * same county, whose registrations serve the subtree too. A handful per union, so the GiST index on the
 * path serves; 403 for an actor holding none of the permissions.
 */
export function withinOrAbove(actor: Actor, permissions: readonly Permission[], columns: { tenantId: AnyPgColumn; orgPath: AnyPgColumn }): SQL {
  const paths = [...new Set(permissions.flatMap((p) => scopePaths(actor, p)))];
  if (paths.length === 0) throw forbidden();
  return sql`(${sql.join(
    paths.map((path) => {
      const tenantId = actor.grants.find((g) => g.orgPath === path)!.tenantId;
      return sql`(${columns.orgPath} <@ ${path}::ltree or (${columns.tenantId} = ${tenantId} and ${columns.orgPath} @> ${path}::ltree))`;
    }),
    sql` or `,
  )})`;
}

/** `column <@ any of the actor's paths`: an index range on the GiST-indexed ltree column. */
export function scopeFilter(column: AnyPgColumn | SQL, paths: string[]): SQL {
  if (paths.length === 0) return sql`false`;
  return sql`(${sql.join(
    paths.map((p) => sql`${column} <@ ${p}::ltree`),
    sql` or `,
  )})`;
}

/**
 * `column <@ path` written as a btree range, for a list whose index carries the
 * path after its tenant (`(tenant_id, org_path, …)`): the subtree is one index
 * range instead of a GiST bitmap to intersect with a sort or a count.
 *
 * ltree sorts label by label, a label by its bytes and then by its length, so
 * the subtree of `1.2.5` is every path from `1.2.5` up to, not including,
 * `1.2.50`: a path between them would need a label that starts with `5`
 * followed by a character below `0`, and org paths are ids (digits only).
 * Any other path falls back to `<@`.
 */
export function subtreeRange(column: AnyPgColumn | SQL, path: string): SQL {
  if (!/^\d+(\.\d+)*$/.test(path)) return sql`${column} <@ ${path}::ltree`;
  return sql`(${column} >= ${path}::ltree and ${column} < ${`${path}0`}::ltree)`;
}

/**
 * The actor's scope for a permission as conditions on a tenant table's
 * indexes, which lead with the tenant (on Citus, the shard) and carry the
 * copy of the org's path. A grant below a tenant's own org is that tenant and
 * its subtree's path range (`subtreeRange`). A grant at an org that is its own
 * tenant (a county, or above) needs no path: the rows of the tenants within
 * its subtree are exactly its subtree's, since a row belongs to the tenant of
 * the org whose path it copies and subtrees never move across tenants (orgs
 * service). Exact only for tables whose rows hold to that; `tenantIdsWithin` is
 * the org tree's (passed in: platform imports no module). 403 when the actor
 * holds the permission nowhere.
 */
export async function tenantScope(
  actor: Actor,
  permission: Permission,
  columns: { tenantId: AnyPgColumn; orgPath: AnyPgColumn },
  tenantIdsWithin: (path: string) => Promise<number[]>,
): Promise<SQL> {
  const parts = await Promise.all(
    requirePaths(actor, permission).map((path) => {
      const grant = actor.grants.find((g) => g.orgPath === path)!;
      return tenantSubtree({ id: grant.orgId, tenantId: grant.tenantId, path }, columns, tenantIdsWithin);
    }),
  );
  return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
}

/**
 * One org's subtree as conditions on a tenant table's indexes, as `tenantScope` writes each grant: a
 * tenant's own org is the tenants within it, an org below is its tenant and path range. For reports
 * about an org the caller has already checked (`requireAt`).
 */
export async function tenantSubtree(
  org: { id: number; tenantId: number; path: string },
  columns: { tenantId: AnyPgColumn; orgPath: AnyPgColumn },
  tenantIdsWithin: (path: string) => Promise<number[]>,
): Promise<SQL> {
  if (org.id !== org.tenantId) return and(eq(columns.tenantId, org.tenantId), subtreeRange(columns.orgPath, org.path))!;
  const tenants = await tenantIdsWithin(org.path);
  return tenants.length ? inArray(columns.tenantId, tenants) : sql`false`;
}

/** Every org path the actor can see anything at (any role): for reading shared things like the tree. */
export function anyRolePaths(actor: Actor): string[] {
  const paths = [...new Set(actor.grants.map((g) => g.orgPath))];
  return paths.filter((p) => !paths.some((other) => other !== p && isWithin(p, other)));
}

/** The actor's paths for a permission, or 403 when the actor holds it nowhere (lists call this first). */
export function requirePaths(actor: Actor, permission: Permission): string[] {
  const paths = scopePaths(actor, permission);
  if (paths.length === 0) throw forbidden();
  return paths;
}
