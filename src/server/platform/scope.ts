import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Permission, rolesCarrying } from './accounts/roles.js';
import type { Actor } from './actor.js';
import { forbidden } from './errors.js';

/**
 * The one scope rule (DESIGN §1, §6): a role held at an org reaches that org
 * and its whole subtree. The same paths decide what an actor may do (`canAt`)
 * and compile to the WHERE of every list (`scopeFilter`), so what one sees and
 * what one may do never disagree.
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
