import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgType } from '../../platform/org-tree/schema.js';
import { canAt, subtreeRange } from '../../platform/scope.js';
import { searchQuery } from '../../platform/search-tokens.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { joinPrivacyNotice } from './privacy-notice.js';
import { membershipCounts } from './schema.js';
import { OPEN_STATUSES } from './workflow.js';

/**
 * The unions that hold members: which ones do, the checks every way in takes
 * (joining, staff entry, a transfer's target), and what the phone pages show
 * of them.
 */

/** Unions a person can be a member of directly (towns and counties hold no members of their own). */
export const MEMBER_HOLDING_TYPES: readonly OrgType[] = ['grassroots', 'joint', 'platform'];

export function requireMemberHolding(org: OrgRow | undefined, field: string) {
  if (!org || !org.active) throw validationError([{ field, reason: '工会不存在或已撤销' }]);
  if (!MEMBER_HOLDING_TYPES.includes(org.type)) throw validationError([{ field, reason: '请选择基层工会、联合工会或平台工会' }]);
  return org;
}

export function createUnions(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'> }) {
  const { db, orgs } = ctx;

  return {
    /** A member-holding union, or 400 on `field`. */
    async memberHoldingUnion(orgId: number, field = 'orgId', tx: Db = db) {
      return requireMemberHolding(await orgs.byId(orgId, tx), field);
    },

    /** A member-holding union where the actor manages members; one outside the actor's scope is 404, as any record there. */
    async managedUnion(actor: Actor, orgId: number, tx: Db) {
      const org = await orgs.byId(orgId, tx);
      if (!org || !canAt(actor, 'members.manage', org.path)) throw notFound('工会', 'union');
      return requireMemberHolding(org, 'orgId');
    },

    /**
     * How many open memberships (active or retained) each union of a subtree holds, for other modules'
     * rates (会员评家's response rate): from the counts kept per union (membership_counts), a range of their
     * key. A union is the last label of its path (path labels are org ids, as subtreeRange has them).
     */
    async openMembersByUnion(tenantId: number, orgPath: string, tx: Db = db): Promise<Map<number, number>> {
      const rows = await queryRows<{ org_id: number | string; members: number | string }>(
        tx,
        sql`select subpath(${membershipCounts.orgPath}, -1)::text as org_id, sum(${membershipCounts.members}) as members from ${membershipCounts}
            where ${and(eq(membershipCounts.tenantId, tenantId), subtreeRange(membershipCounts.orgPath, orgPath), inArray(membershipCounts.status, OPEN_STATUSES))}
            group by 1 having sum(${membershipCounts.members}) <> 0`,
      );
      return new Map(rows.map((r) => [Number(r.org_id), Number(r.members)]));
    },

    /** What the join page shows about a union; 404 for unions that take no members. */
    async publicUnion(orgId: number) {
      const org = await orgs.byId(orgId);
      if (!org || !org.active || !MEMBER_HOLDING_TYPES.includes(org.type)) throw notFound('工会', 'union');
      // The unions above it (path = ids from the root), nearest first: they share the registry, and the notice names them.
      const above = org.path.split('.').map(Number).filter((id) => id !== org.id);
      const names = await orgs.namesByIds(above);
      const superiors = above.reverse().map((id) => names.get(id)).filter((n): n is string => Boolean(n));
      const privacyNotice = joinPrivacyNotice({ name: org.name, phone: org.phone, address: org.address, superiors });
      return { id: org.id, name: org.name, type: org.type, consentVersion: privacyNotice.version, privacyNotice };
    },

    /** Joint and platform unions near a gig worker (same county tenant), for workers without an employer union. */
    async suggestUnions(orgId: number) {
      const org = await orgs.byId(orgId);
      if (!org) throw notFound('工会', 'union');
      const rows = (await db.execute(sql`
        select id, name, type from orgs
        where tenant_id = ${org.tenantId} and active and type in ('joint', 'platform')
        order by (type = 'platform') desc, name limit 20`)) as unknown as { rows: { id: number; name: string; type: OrgType }[] };
      return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    /**
     * Active member-holding unions whose name matches (name, pinyin, initials),
     * for the public transfer page: names only, the ten shallowest, each with its
     * parent's name to tell same-named unions apart.
     */
    async findUnions(q: string) {
      const tsquery = searchQuery(q);
      if (!tsquery) return [];
      const rows = (await db.execute(sql`
        select o.id, o.name, o.type, p.name as parent_name from orgs o left join orgs p on p.id = o.parent_id
        where o.active and o.type in (${sql.join(MEMBER_HOLDING_TYPES.map((t) => sql`${t}`), sql`, `)}) and o.search @@ to_tsquery('simple', ${tsquery})
        order by o.depth, o.name, o.id limit 10`)) as unknown as { rows: { id: number; name: string; type: OrgType; parent_name: string | null }[] };
      return rows.rows.map((r) => ({ id: Number(r.id), name: r.name, type: r.type, parentName: r.parent_name }));
    },
  };
}

export type Unions = ReturnType<typeof createUnions>;
