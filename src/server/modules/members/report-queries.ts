import { and, count, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { subtreeRange } from '../../platform/scope.js';
import { type EmploymentForm, membershipCounts, memberships, type MembershipStatus } from './schema.js';

/**
 * Aggregate reads of the membership registry for reports (周报告, 半月通报,
 * 月例会, composition). Other modules never read `memberships` themselves;
 * the reports of this module come through here.
 *
 * Every query names the tenants (the leading column of the primary key and of
 * `memberships_tenant_joined_idx`) and the subtree (`org_path <@`, GiST), so at
 * a million memberships a date range is an index range scan and a subtree
 * never joins the org tree; the composition now reads the counts kept per
 * union instead (membership_counts). Rows are counted per *branch*: the path
 * of the root's child that a membership's union sits under (the root's own
 * path for unions directly under the root).
 */

export interface SubtreeScope {
  /** The subtree: `org_path <@ rootPath`. */
  rootPath: string;
  /** Every tenant owning an org of the subtree (from the org service). */
  tenantIds: number[];
}

/** `subpath(org_path, 0, nlevel(root) + 1)` as a literal, so the grouped expression is the selected one. */
const branchOf = (rootPath: string, orgPath: AnyPgColumn = memberships.orgPath) => sql<string>`subpath(${orgPath}, 0, ${sql.raw(String(rootPath.split('.').length + 1))})::text`;

const inSubtree = (scope: SubtreeScope) =>
  scope.tenantIds.length === 0 ? sql`false` : and(inArray(memberships.tenantId, scope.tenantIds), sql`${memberships.orgPath} <@ ${scope.rootPath}::ltree`);

/**
 * New members (新发展会员) per branch and employment form: memberships that
 * began in [from, to], whatever became of them since. A membership opened by
 * a transfer (动态接转) is the same member moving, not a new one.
 */
export async function newMembersByBranch(db: Db, scope: SubtreeScope, range: { from: string; to: string }) {
  const branch = branchOf(scope.rootPath);
  const rows = await db
    .select({ branch, employmentForm: memberships.employmentForm, n: count() })
    .from(memberships)
    .where(and(inSubtree(scope), gte(memberships.joinedOn, range.from), lte(memberships.joinedOn, range.to), ne(memberships.source, 'transfer')))
    .groupBy(branch, memberships.employmentForm);
  return rows as { branch: string; employmentForm: EmploymentForm; n: number }[];
}

/**
 * Memberships of the subtree now, per branch, status and employment form (closed ones included: callers pick),
 * from the counts kept per union (membership_counts): a county of a million members is some thousands of rows.
 */
export async function compositionByBranch(db: Db, scope: SubtreeScope) {
  if (scope.tenantIds.length === 0) return [];
  const branch = branchOf(scope.rootPath, membershipCounts.orgPath);
  const rows = await db
    .select({ branch, status: membershipCounts.status, employmentForm: membershipCounts.employmentForm, n: sql<number>`sum(${membershipCounts.members})::int` })
    .from(membershipCounts)
    .where(and(inArray(membershipCounts.tenantId, scope.tenantIds), subtreeRange(membershipCounts.orgPath, scope.rootPath)))
    .groupBy(branch, membershipCounts.status, membershipCounts.employmentForm);
  return rows as { branch: string; status: MembershipStatus; employmentForm: EmploymentForm; n: number }[];
}
