import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { holdersAbove } from '../../platform/notifications/recipients.js';
import { deadlineNoticesJob, type DeadlineWatch } from '../../platform/workflow/deadline-notices.js';
import type { HandlerUnits } from './handler-units.js';
import { type ProposalState, proposals } from './schema.js';
import type { ProposalRecord, ProposalWorkflow } from './workflow.js';

/**
 * 催办 and 督办 by the calendar: while a proposal is with its handlers, their
 * accounts are reminded when the deadline comes within ten working days, and
 * the supervisors of its county are told once it has passed. The platform's
 * deadline job sends each notice once per deadline.
 */

type Row = typeof proposals.$inferSelect;

export function createDeadlineJob(
  ctx: { calendar: Pick<CalendarService, 'calendar'>; notifications: Pick<NotificationService, 'notify'>; today: () => string },
  parts: { flow: ProposalWorkflow; units: Pick<HandlerUnits, 'accountsOf'> },
) {
  const { flow, units } = parts;

  /** The proposal's title and units, which the watch's record does not carry. */
  const proposalOf = async (record: ProposalRecord, tx: Db) =>
    (
      await tx
        .select({ title: proposals.title, serialNo: proposals.serialNo, leadHandlerId: proposals.leadHandlerId, coHandlerIds: proposals.coHandlerIds })
        .from(proposals)
        .where(and(eq(proposals.tenantId, record.tenantId), eq(proposals.id, record.id)))
    )[0];

  /**
   * 督查 of the proposal's county: active accounts holding `supervisor` at the proposal's union or at a
   * union above it within the county (a province's supervisors are not sent every county's deadlines).
   */
  const supervisorsOf = (record: ProposalRecord, tx: Db) => holdersAbove(tx, ['supervisor'], { path: record.orgPath, tenantId: record.tenantId });

  const link = (record: ProposalRecord) => `/proposals/${record.id}`;
  const named = (p: { title: string; serialNo: string | null }) => (p.serialNo ? `${p.serialNo}「${p.title}」` : `「${p.title}」`);

  const watch: DeadlineWatch<ProposalState, ProposalRecord> = {
    definition: flow,
    // Only the keys the notices need; the people are read by remind and escalate.
    record: (row) => {
      const r = row as Row;
      return {
        id: r.id,
        tenantId: r.tenantId,
        state: r.state,
        orgPath: r.orgPath,
        submitterUserId: r.submitterUserId,
        workerUserId: r.workerUserId,
        cosignerUserIds: [],
        handlerUserIds: [],
        ratedUserIds: [],
        reopened: r.reopenedAt !== null,
        minCosigners: 0,
        collectionClosedReason: null,
        review: null,
      };
    },
    async remind(record, dueOn, tx) {
      const proposal = await proposalOf(record, tx);
      const accounts = proposal.leadHandlerId ? await units.accountsOf(record.tenantId, [proposal.leadHandlerId, ...proposal.coHandlerIds], tx) : [];
      return accounts.map((userId) => ({ userId, kind: 'proposal', title: `提案即将到期：${named(proposal)}`, body: `请在 ${dueOn} 前办理答复`, link: link(record) }));
    },
    async escalate(record, dueOn, tx) {
      const proposal = await proposalOf(record, tx);
      return (await supervisorsOf(record, tx)).map((userId) => ({
        userId,
        kind: 'proposal',
        title: `提案办理逾期：${named(proposal)}`,
        body: `办理期限 ${dueOn} 已过，请督办`,
        link: link(record),
      }));
    },
  };

  return deadlineNoticesJob({ calendar: (tx) => ctx.calendar.calendar(tx), notify: ctx.notifications.notify, today: ctx.today }, [watch]);
}
