import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { WorkerForPhone } from '../../platform/accounts/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { PhoneCodes } from '../../platform/sms/codes.js';
import { joinApplications, memberships, persons } from './schema.js';
import { JOIN_STATES } from './workflow.js';

/**
 * A worker proving their phone number by a one-time code (platform/sms/codes.ts):
 * to sign in (the accounts service asks `workerForPhone` whose number it is),
 * and to find their applications again from any phone, without the tracking
 * link they were given (the link is the number's proof the other way round:
 * whoever applied gave this number, so whoever proves it may follow them).
 */

/** Applications found for a number: the newest first, a person's few. */
const RESUME_LIMIT = 20;

export function createPhoneAccess(deps: { db: Db; orgs: Pick<OrgService, 'namesByIds'>; phoneCodes: Pick<PhoneCodes, 'request' | 'verify'> }) {
  const { db, orgs, phoneCodes } = deps;

  /** The holder of an open membership with this number on their record (persons.phone, kept current by edits). */
  const workerForPhone: WorkerForPhone = async (tx, mobile) => {
    const holders = await tx
      .select({ orgId: memberships.orgId, name: memberships.name, personHash: persons.idHash })
      .from(persons)
      .innerJoin(memberships, and(eq(memberships.tenantId, persons.openMembershipTenantId), eq(memberships.id, persons.openMembershipId)))
      .where(and(eq(persons.phone, mobile), isNotNull(persons.openMembershipId)))
      .limit(2);
    if (holders.length > 1) return 'ambiguous';
    return holders[0] ? { orgId: holders[0].orgId, displayName: holders[0].name, personHash: holders[0].personHash } : null;
  };

  return {
    workerForPhone,

    /** 找回申请, step one: a code, if any application gave this number (the same answer either way). */
    requestResumeCode: (phone: string, ip?: string) =>
      phoneCodes.request({
        phone,
        purpose: 'resume',
        ip,
        known: async (tx, mobile) => (await tx.select({ one: sql`1` }).from(joinApplications).where(eq(joinApplications.phone, mobile)).limit(1)).length > 0,
      }),

    /** 找回申请, step two: the applications this number made, with the tracking codes that open them. */
    async applicationsByPhone(phone: string, code: string) {
      const mobile = await phoneCodes.verify(phone, 'resume', code);
      // Across tenants: a worker does not know which county holds the application (the phone index serves it).
      const rows = await db
        .select({ tenantId: joinApplications.tenantId, trackingCode: joinApplications.trackingCode, orgId: joinApplications.orgId, name: joinApplications.name, state: joinApplications.state, createdAt: joinApplications.createdAt })
        .from(joinApplications)
        .where(eq(joinApplications.phone, mobile))
        .orderBy(desc(joinApplications.createdAt))
        .limit(RESUME_LIMIT);
      const names = await orgs.namesByIds([...new Set(rows.map((r) => r.orgId))]);
      return rows.map(({ orgId, ...row }) => ({ ...row, orgName: names.get(orgId) ?? '', stateLabel: JOIN_STATES[row.state].label }));
    },
  };
}
