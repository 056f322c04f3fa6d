import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { SmsService } from '../../platform/sms/service.js';
import { persons, type transfers } from './schema.js';

/**
 * What the applicant and the member are told by text message (the join form
 * says the number is 用于接收审核结果): queued through the platform's outbox in
 * the transaction of the step it tells, by the transition's effect, so a
 * decision that rolls back sends nothing and a committed one is sent after
 * commit (platform/sms/service.ts).
 */
export function createMemberMessages(deps: { sms: Pick<SmsService, 'queue'>; orgs: Pick<OrgService, 'namesByIds'> }) {
  const { sms, orgs } = deps;
  const unionName = async (tx: Db, orgId: number) => (await orgs.namesByIds([orgId], tx)).get(orgId) ?? '工会';

  type Application = { tenantId: number; id: number; orgId: number; orgPath: string; phone: string };
  const aboutApplication = (a: Application) => ({ org: { tenantId: a.tenantId, path: a.orgPath }, subject: { kind: 'join_application', id: a.id } });

  return {
    /** The receipt of an application the union decides (one approved at once is told so instead). */
    async applicationReceived(tx: Db, application: Application) {
      await sms.queue(tx, { phone: application.phone, template: 'application_received', params: { union: await unionName(tx, application.orgId) }, ...aboutApplication(application) });
    },

    async applicationApproved(tx: Db, application: Application, cardNo: string) {
      await sms.queue(tx, { phone: application.phone, template: 'application_approved', params: { union: await unionName(tx, application.orgId), cardNo }, ...aboutApplication(application) });
    },

    async applicationRejected(tx: Db, application: Application, reason: string) {
      await sms.queue(tx, { phone: application.phone, template: 'application_rejected', params: { union: await unionName(tx, application.orgId), reason }, ...aboutApplication(application) });
    },

    /** A step of a transfer, in words (`step`), to the number on the person's record. */
    async transferStep(tx: Db, transfer: typeof transfers.$inferSelect, step: string) {
      const [person] = await tx.select({ phone: persons.phone }).from(persons).where(eq(persons.idHash, transfer.personHash));
      if (!person?.phone) return;
      const names = await orgs.namesByIds([transfer.fromOrgId, transfer.toOrgId], tx);
      await sms.queue(tx, {
        phone: person.phone,
        template: 'transfer_step',
        params: { from: names.get(transfer.fromOrgId) ?? '原工会', to: names.get(transfer.toOrgId) ?? '新工会', step },
        org: { tenantId: transfer.tenantId, path: transfer.fromOrgPath },
        subject: { kind: 'transfer', id: transfer.id },
      });
    },
  };
}

export type MemberMessages = ReturnType<typeof createMemberMessages>;
