import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { CaseRecords } from './records.js';
import { CASE_RATINGS, type CaseRating, mediationCaseWorkers } from './schema.js';
import { refreshCaseSummaries } from './summaries.js';
import { stateHas } from './workflow.js';

/**
 * The worker's own acts on a case, from the phone: 签收 the agreement (they
 * received it) and rate the result. Each is the worker's as a party, once;
 * neither moves the case, so they are not workflow transitions (a rating comes
 * after the case is closed).
 */

export function createWorkerSide(ctx: { db: Db; notifications: Pick<NotificationService, 'notify'>; now: () => Date }, parts: { records: Pick<CaseRecords, 'find' | 'recordOf'> }) {
  const { db, notifications, now } = ctx;
  const { records } = parts;

  /** The actor's party row on a case they see, locked; 404 for a case they do not see, 403 for one they are no party to. */
  async function ownParty(actor: Actor, caseId: number, tx: Db) {
    const row = await records.find(actor, caseId, tx, { lock: true });
    const [party] = await tx
      .select()
      .from(mediationCaseWorkers)
      .where(and(eq(mediationCaseWorkers.tenantId, row.tenantId), eq(mediationCaseWorkers.caseId, row.id), eq(mediationCaseWorkers.userId, actor.userId ?? 0)));
    if (!party) throw forbidden('只有本案的职工当事人可以签收和评价', 'Only the worker parties sign for and rate a case');
    return { row, party };
  }

  const tell = async (tx: Db, row: { id: number; leadUserId: number | null; subject: string }, title: string, body?: string) => {
    if (row.leadUserId !== null) await notifications.notify(tx, [{ userId: row.leadUserId, kind: 'mediation', title, body, link: `/mediation/cases/${row.id}` }]);
  };

  return {
    /** 签收: the worker confirms receiving the agreement. */
    async signReceipt(actor: Actor, caseId: number) {
      await db.transaction(async (tx) => {
        const { row, party } = await ownParty(actor, caseId, tx);
        if (!stateHas(row.state, 'agreement')) throw new AppError('INVALID_TRANSITION', '本案尚未达成调解协议，无需签收', 'There is no agreement to sign for');
        const [signed] = await tx
          .update(mediationCaseWorkers)
          .set({ receiptSignedAt: now() })
          .where(and(eq(mediationCaseWorkers.tenantId, party.tenantId), eq(mediationCaseWorkers.id, party.id), isNull(mediationCaseWorkers.receiptSignedAt)))
          .returning({ id: mediationCaseWorkers.id });
        if (!signed) throw conflict('您已签收过调解协议书', 'You have signed for the agreement already');
        await recordAudit(tx, actor, { action: 'mediation.receipt', entityType: 'mediation_case', entityId: row.id, tenantId: row.tenantId, orgPath: row.orgPath, summary: `${party.name} 签收调解协议书「${row.subject}」` });
        await tell(tx, row, `${party.name} 已签收调解协议书「${row.subject}」`);
      });
    },

    /** 评价: 满意 / 基本满意 / 不满意, once the mediation has come to an outcome. */
    async rate(actor: Actor, caseId: number, input: { rating: CaseRating; comment?: string | null }) {
      await db.transaction(async (tx) => {
        const { row, party } = await ownParty(actor, caseId, tx);
        if (!stateHas(row.state, 'rateable')) throw new AppError('INVALID_TRANSITION', '调解有了结果后才能评价', 'The mediation has no outcome to rate yet');
        const [rated] = await tx
          .update(mediationCaseWorkers)
          .set({ rating: input.rating, ratingComment: input.comment ?? null, ratedAt: now() })
          .where(and(eq(mediationCaseWorkers.tenantId, party.tenantId), eq(mediationCaseWorkers.id, party.id), isNull(mediationCaseWorkers.rating)))
          .returning({ id: mediationCaseWorkers.id });
        if (!rated) throw conflict('您已评价过本案', 'You have rated this case already');
        await refreshCaseSummaries(tx, row);
        await recordAudit(tx, actor, {
          action: 'mediation.rate',
          entityType: 'mediation_case',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `${party.name} 评价调解案件「${row.subject}」：${CASE_RATINGS[input.rating]}`,
          after: input,
        });
        await tell(tx, row, `${party.name} 评价了调解案件「${row.subject}」：${CASE_RATINGS[input.rating]}`, input.comment ?? undefined);
      });
    },
  };
}
