import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, validationError } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { canAt, isWithin } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import type { Congress } from './congress.js';
import type { HandlerUnits } from './handler-units.js';
import type { ProposalRecords, ProposalRow } from './records.js';
import type { ReviewGroups } from './review.js';
import { type Rating, proposalCosigners, proposalProgress, proposalRatings, proposals } from './schema.js';
import { PROPOSAL_STATES, proposalWorkflow, type ProposalRecord, type ProposalWorkflow } from './workflow.js';

/**
 * What each step of the loop does besides moving the state (workflow.ts names
 * the effect on the transition; here is its code): 提交 numbers the proposal,
 * 并案 carries its people over, 交办 names the units, 办理进展 and 答复 record
 * the handling, 评价 collects the ratings and ends the round.
 */

/** Advisory-lock namespace of serial numbers (jobs use 7_401_339, the roster import 7_401_338). */
const SERIAL_LOCK = 7_401_340;
/** The submitter's 不满意 reopens the proposal, once. */
const REOPENING_RATING: Rating = 'unsatisfied';
const MERGE_TARGET_STATES = statesWith(PROPOSAL_STATES, 'mergeTarget');
const PRIVATE_STATES = statesWith(PROPOSAL_STATES, 'private');

const link = (id: number) => `/proposals/${id}`;
const whereRow = (record: { tenantId: number; id: number }) => and(eq(proposals.tenantId, record.tenantId), eq(proposals.id, record.id));

export function createProposalFlow(
  ctx: { db: Db; notifications: Pick<NotificationService, 'notify'>; today: () => string; now: () => Date },
  parts: {
    records: Pick<ProposalRecords, 'cosignersOf' | 'roundOf'>;
    units: Pick<HandlerUnits, 'byIds' | 'accountsOf' | 'unitsOf'>;
    review: Pick<ReviewGroups, 'usableGroup' | 'groupsServing' | 'putTo' | 'castVote'>;
    congress: Pick<Congress, 'rulesOf'>;
  },
) {
  const { notifications, today, now } = ctx;
  const { cosignersOf, roundOf } = parts.records;
  const { byIds, accountsOf, unitsOf } = parts.units;

  const rowOf = async (tx: Db, record: ProposalRecord) => (await tx.select().from(proposals).where(whereRow(record)))[0];
  const update = (tx: Db, record: ProposalRecord, values: Partial<typeof proposals.$inferInsert>) => tx.update(proposals).set(values).where(whereRow(record));

  /**
   * 提案号 YYYY-NNNN, the county's serial within the year of submission. Taken under a transaction-scoped
   * advisory lock per county and year, so two submissions at once count one after the other (the second
   * waits, then reads the first's number); the unique index is the net under it.
   */
  async function nextSerialNo(tx: Db, tenantId: number) {
    const year = today().slice(0, 4);
    await tx.execute(sql`select pg_advisory_xact_lock(${SERIAL_LOCK}, hashtext(${`${tenantId}:${year}`}))`);
    const [{ last }] = await queryRows<{ last: number }>(
      tx,
      sql`select coalesce(max(substr(${proposals.serialNo}, 6)::int), 0)::int as last from ${proposals}
          where ${proposals.tenantId} = ${tenantId} and ${proposals.serialNo} like ${`${year}-%`}`,
    );
    return `${year}-${String(Number(last) + 1).padStart(4, '0')}`;
  }

  /** 并案: the proposal it joins — of the same county, where the actor reviews, taken up and not refused. */
  async function mergeTarget(tx: Db, actor: Actor, record: ProposalRecord, intoId: number): Promise<ProposalRow> {
    if (intoId === record.id) throw validationError([{ field: 'intoId', reason: '不能并入本提案自身' }]);
    const [target] = await tx.select().from(proposals).where(and(eq(proposals.tenantId, record.tenantId), eq(proposals.id, intoId)));
    // Someone's draft is as good as absent: its title is its submitter's business.
    if (!target || PRIVATE_STATES.includes(target.state) || !canAt(actor, 'proposals.review', target.orgPath)) throw validationError([{ field: 'intoId', reason: '要并入的提案不存在或不在您的管理范围内' }]);
    if (!MERGE_TARGET_STATES.includes(target.state)) {
      throw validationError([{ field: 'intoId', reason: `提案「${target.title}」当前为「${PROPOSAL_STATES[target.state].label}」，只能并入已进入审议、未被退回或撤回的提案` }]);
    }
    return target;
  }

  /** 交办: the units exist in the county and are registered at the proposal's union or above it. */
  async function assignedUnits(tx: Db, record: ProposalRecord, leadId: number, coIds: number[]) {
    const units = await byIds(record.tenantId, [leadId, ...coIds], tx);
    const byId = new Map(units.map((u) => [u.id, u]));
    const issues = [leadId, ...coIds].flatMap((id, i) => {
      const field = i === 0 ? 'leadHandlerId' : 'coHandlerIds';
      const unit = byId.get(id);
      if (!unit) return [{ field, reason: `承办单位（编号 ${id}）不存在` }];
      if (!isWithin(record.orgPath, unit.orgPath)) return [{ field, reason: `「${unit.name}」登记在其他工会，不能承办本工会的提案` }];
      return [];
    });
    if (issues.length) throw validationError(issues);
    return { lead: byId.get(leadId)!, co: coIds.map((id) => byId.get(id)!) };
  }

  /** The group a proposal is put to: a motion's committee; else the one chosen, required where the union has groups. */
  async function reviewingGroup(tx: Db, record: ProposalRecord, row: ProposalRow, chosen: number | undefined) {
    const rules = await parts.congress.rulesOf(row, tx);
    if (rules) return parts.review.usableGroup(tx, record, rules.reviewGroupId, 'reviewGroupId');
    if (chosen !== undefined) return parts.review.usableGroup(tx, record, chosen, 'reviewGroupId');
    if ((await parts.review.groupsServing(tx, record)).length > 0) throw validationError([{ field: 'reviewGroupId', reason: '请选择审议小组' }]);
    return null;
  }

  const flow: ProposalWorkflow = proposalWorkflow({
    async startReview({ tx, record, input }) {
      const row = await rowOf(tx, record);
      const group = await reviewingGroup(tx, record, row, input.reviewGroupId);
      if (!group) return;
      await update(tx, record, { reviewGroupId: group.id });
      await parts.review.putTo(tx, record, group, row.title);
    },

    async vote({ tx, actor, record, input }) {
      await parts.review.castVote(tx, actor, record, input);
    },

    async number({ tx, record }) {
      await update(tx, record, { serialNo: await nextSerialNo(tx, record.tenantId), submittedAt: now() });
    },

    async keepReason({ tx, record, input }) {
      await update(tx, record, { decisionReason: input.reason });
    },

    async merge({ tx, actor, record, input }) {
      const target = await mergeTarget(tx, actor, record, input.intoId);
      const row = await rowOf(tx, record);
      // Its submitter and co-signers support the proposal it joins; who supports that one already stays once.
      const people = [{ userId: row.submitterUserId, name: row.submitterName }, ...(await cosignersOf(row, tx))].filter((p) => p.userId !== target.submitterUserId);
      const carried = people.length
        ? await tx
            .insert(proposalCosigners)
            .values(people.map((p) => ({ tenantId: target.tenantId, proposalId: target.id, userId: p.userId, name: p.name, createdAt: now() })))
            .onConflictDoNothing()
            .returning({ userId: proposalCosigners.userId })
        : [];
      await update(tx, record, { mergedIntoId: target.id, decisionReason: input.reason });
      await tx.update(proposals).set({ updatedAt: now() }).where(whereRow(target));
      await recordAudit(tx, actor, {
        action: 'proposal.merged_in',
        entityType: 'proposal',
        entityId: target.id,
        tenantId: target.tenantId,
        orgPath: target.orgPath,
        summary: `提案「${row.title}」并入本提案，${carried.length} 人成为附议人`,
        after: { fromId: row.id, cosignerUserIds: carried.map((c) => c.userId) },
      });
      await notifications.notify(
        tx,
        people.map((p) => ({ userId: p.userId, kind: 'proposal', title: `提案「${row.title}」已并入提案「${target.title}」`, body: input.reason, link: link(target.id) })),
      );
    },

    async assign({ tx, record, input }) {
      const coIds = [...new Set(input.coHandlerIds)].filter((id) => id !== input.leadHandlerId);
      const { lead, co } = await assignedUnits(tx, record, input.leadHandlerId, coIds);
      const leadAccounts = await accountsOf(record.tenantId, [lead.id], tx);
      if (leadAccounts.length === 0) throw validationError([{ field: 'leadHandlerId', reason: `主办单位「${lead.name}」还没有承办账号，请先在承办单位管理中添加` }]);
      await update(tx, record, { leadHandlerId: lead.id, coHandlerIds: co.map((u) => u.id) });
      const row = await rowOf(tx, record);
      const coAccounts = (await accountsOf(record.tenantId, coIds, tx)).filter((userId) => !leadAccounts.includes(userId));
      await notifications.notify(tx, [
        ...leadAccounts.map((userId) => ({ userId, kind: 'proposal', title: `新交办提案（主办）：${row.title}`, body: input.note, link: link(record.id) })),
        ...coAccounts.map((userId) => ({ userId, kind: 'proposal', title: `新交办提案（协办）：${row.title}`, body: input.note, link: link(record.id) })),
      ]);
    },

    async postProgress({ tx, actor, record, input }) {
      // Not backwards from the last report; an answer sent back or reopened is handled on from there.
      const [last] = await tx
        .select({ percent: proposalProgress.percent })
        .from(proposalProgress)
        .where(and(eq(proposalProgress.tenantId, record.tenantId), eq(proposalProgress.proposalId, record.id)))
        .orderBy(desc(proposalProgress.createdAt), desc(proposalProgress.id))
        .limit(1);
      if (last && input.percent < last.percent) throw validationError([{ field: 'percent', reason: `办理进度不能倒退：上次报送 ${last.percent}%，本次 ${input.percent}%` }]);
      const row = await rowOf(tx, record);
      const handling = [row.leadHandlerId, ...row.coHandlerIds];
      const unit = (await unitsOf(actor, tx)).filter((u) => u.tenantId === record.tenantId && handling.includes(u.id)).sort((a, b) => handling.indexOf(a.id) - handling.indexOf(b.id))[0];
      await tx.insert(proposalProgress).values({ tenantId: record.tenantId, proposalId: record.id, handlerUnitId: unit?.id ?? null, authorName: actor.displayName, percent: input.percent, text: input.text, createdAt: now() });
      await update(tx, record, { progressPercent: input.percent });
    },

    async answer({ tx, record, input }) {
      await update(tx, record, { answerCategory: input.category, answer: input.answer, answeredAt: now(), progressPercent: 100 });
    },

    async rate({ tx, actor, record, input, fire }) {
      const row = await rowOf(tx, record);
      const round = roundOf(row);
      const [rated] = await tx
        .insert(proposalRatings)
        .values({ tenantId: record.tenantId, proposalId: record.id, userId: actor.userId!, name: actor.displayName, round, rating: input.rating, comment: input.comment ?? null, createdAt: now() })
        .onConflictDoNothing()
        .returning();
      if (!rated) throw conflict('您已评价过本轮办理结果', 'You have rated this round already');
      // Who must rate, read now: a proposal merged in meanwhile brings co-signers of its own.
      const raters = new Set([row.submitterUserId, ...(await cosignersOf(row, tx)).map((c) => c.userId), ...(row.workerUserId ? [row.workerUserId] : [])]);
      const ratings = await tx
        .select({ userId: proposalRatings.userId, rating: proposalRatings.rating })
        .from(proposalRatings)
        .where(and(eq(proposalRatings.tenantId, record.tenantId), eq(proposalRatings.proposalId, record.id), eq(proposalRatings.round, round)));
      if (![...raters].every((userId) => ratings.some((r) => r.userId === userId))) return;
      const submitterRating = ratings.find((r) => r.userId === row.submitterUserId)!.rating;
      if (submitterRating === REOPENING_RATING && !record.reopened) {
        await update(tx, record, { reopenedAt: now() });
        await fire(flow, record, 'reopen');
      } else {
        await fire(flow, record, 'close_rated');
      }
    },

    async conclude({ tx, record }) {
      await update(tx, record, { concludedAt: now() });
    },
  });

  return flow;
}
