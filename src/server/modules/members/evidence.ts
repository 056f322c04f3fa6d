import { and, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { subtreeRange } from '../../platform/scope.js';
import { memberships } from './schema.js';
import { OPEN_STATUSES } from './workflow.js';

/**
 * The seam the dues module (会费与组织生活) uses: it owns the evidence —
 * dues records and attendance — and finds members and writes its summary of
 * them on the membership through these calls, in its own transaction. The
 * summary columns (schema.ts: last_dues_on, dues_from, last_activity_on) are
 * what the deemed-withdrawal rule (workflow.ts notDeemedWithdrawn) and the
 * candidates list read, so that list stays a query of one table.
 */

/** An open membership as the dues module needs it: whom a line or a check-in names, and where. */
export interface MemberForDues {
  tenantId: number;
  id: number;
  orgId: number;
  orgPath: string;
  name: string;
  cardNo: string;
  status: 'active' | 'retained';
  phone: string | null;
  personHash: Buffer;
  joinedOn: string;
}

/** Which members of the subtree: all (a bulk payment), or those named by id, card number or ID hash (a payroll), or by phone (a check-in). */
export interface MemberMatch {
  ids?: number[];
  cardNos?: string[];
  idHashes?: Buffer[];
  phone?: string;
  /** A name or the start of a card number (a form's member picker; at most 20). */
  search?: string;
}

/** The dues module's summary of one membership's evidence (null: none). */
export interface MembershipEvidence {
  id: number;
  lastDuesOn: string | null;
  duesFrom: string | null;
  lastActivityOn: string | null;
}

export function createEvidence(ctx: { db: Db }) {
  const columns = {
    tenantId: memberships.tenantId,
    id: memberships.id,
    orgId: memberships.orgId,
    orgPath: memberships.orgPath,
    name: memberships.name,
    cardNo: memberships.cardNo,
    status: memberships.status,
    phone: memberships.phone,
    personHash: memberships.personHash,
    joinedOn: memberships.joinedOn,
  };
  return {
    /** Open memberships under a union (the caller has checked the actor may act there). */
    async openMembersIn(org: { tenantId: number; path: string }, match: MemberMatch | null, tx: Db = ctx.db): Promise<MemberForDues[]> {
      const which: SQL[] = [];
      // A payroll names thousands: one array parameter each (= any), not a parameter per value.
      if (match?.ids?.length) which.push(sql`${memberships.id} = any(${sql.param([...new Set(match.ids)])}::bigint[])`);
      if (match?.cardNos?.length) which.push(sql`${memberships.cardNo} = any(${sql.param([...new Set(match.cardNos)])}::text[])`);
      if (match?.idHashes?.length) {
        const hashes = [...new Set(match.idHashes.map((h) => h.toString('hex')))];
        which.push(sql`${memberships.personHash} = any(array(select decode(h, 'hex') from unnest(${sql.param(hashes)}::text[]) as h))`);
      }
      if (match?.phone) which.push(eq(memberships.phone, match.phone));
      if (match?.search !== undefined) {
        const text = match.search.trim().replace(/[\\%_]/g, '\\$&');
        which.push(text ? or(like(memberships.name, `%${text}%`), like(memberships.cardNo, `${text}%`))! : sql`true`);
      }
      if (match && which.length === 0) return [];
      const query = tx
        .select(columns)
        .from(memberships)
        .where(and(eq(memberships.tenantId, org.tenantId), subtreeRange(memberships.orgPath, org.path), inArray(memberships.status, [...OPEN_STATUSES]), match ? or(...which) : undefined))
        .orderBy(memberships.name, memberships.id)
        .$dynamic();
      return (await (match?.search !== undefined ? query.limit(20) : query)) as MemberForDues[];
    },

    /** Write the dues module's summaries, in its transaction. */
    async recordEvidence(tx: Db, tenantId: number, rows: MembershipEvidence[]) {
      if (rows.length === 0) return;
      const values = sql.join(
        rows.map((r) => sql`(${r.id}::bigint, ${r.lastDuesOn}::date, ${r.duesFrom}::date, ${r.lastActivityOn}::date)`),
        sql`, `,
      );
      await tx.execute(sql`
        update ${memberships} m set last_dues_on = v.last_dues_on, dues_from = v.dues_from, last_activity_on = v.last_activity_on
        from (values ${values}) as v(id, last_dues_on, dues_from, last_activity_on)
        where m.tenant_id = ${tenantId} and m.id = v.id`);
    },
  };
}
