import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { type CaseEntryKind, mediationCaseEntries, mediationCases, studioMembers } from './schema.js';
import { type CaseRecord, type CaseWorkflow, caseWorkflow } from './workflow.js';

/**
 * What each step of a case does besides moving its state (workflow.ts names
 * the effect): a visit, session or note joins the case's records; a lead is
 * set; an agreement is checked against the case's parties and dates and kept;
 * an outcome's details are kept.
 */

const whereCase = (record: { tenantId: number; id: number }) => and(eq(mediationCases.tenantId, record.tenantId), eq(mediationCases.id, record.id));
const sum = (amounts: { amount: number }[]) => amounts.reduce((total, a) => total + a.amount, 0);
const yuan = (fen: number) => (fen / 100).toFixed(2);

export function createCaseFlow(ctx: { now: () => Date }): CaseWorkflow {
  const { now } = ctx;
  const rowOf = async (tx: Db, record: CaseRecord) => (await tx.select().from(mediationCases).where(whereCase(record)))[0];
  const update = (tx: Db, record: CaseRecord, values: Partial<typeof mediationCases.$inferInsert>) => tx.update(mediationCases).set(values).where(whereCase(record));

  /** A dated record may not fall before the case was received (dates in the wrong order). */
  async function checkNotBeforeReceipt(tx: Db, record: CaseRecord, day: string | undefined, field: string) {
    if (!day) return;
    const { receivedOn } = await rowOf(tx, record);
    if (day < receivedOn) throw validationError([{ field, reason: `日期不能早于受理日期 ${receivedOn}` }]);
  }

  const record =
    (kind: CaseEntryKind) =>
    async ({ tx, actor, record: r, input }: { tx: Db; actor: Actor; record: CaseRecord; input: { heldOn?: string; place?: string; people?: string; notes: string } }) => {
      await checkNotBeforeReceipt(tx, r, input.heldOn, 'heldOn');
      await tx.insert(mediationCaseEntries).values({
        tenantId: r.tenantId,
        caseId: r.id,
        kind,
        heldOn: input.heldOn ?? null,
        place: input.place ?? null,
        people: input.people ?? null,
        notes: input.notes,
        authorUserId: actor.userId,
        authorName: actor.displayName,
        createdAt: now(),
      });
    };

  return caseWorkflow({
    recordVisit: record('visit'),
    recordSession: record('session'),
    addNote: record('note'),

    async assign({ tx, actor, record: r, input }) {
      const seats = await tx
        .select({ id: studioMembers.id, userId: studioMembers.userId })
        .from(studioMembers)
        .where(and(eq(studioMembers.tenantId, r.tenantId), eq(studioMembers.studioId, r.studioId), eq(studioMembers.active, true)));
      const lead = input?.leadMemberId ? seats.find((s) => s.id === input.leadMemberId) : seats.find((s) => s.userId === actor.userId);
      if (!lead || lead.userId === null) throw validationError([{ field: 'leadMemberId', reason: '主办调解员应是本工作室团队中有账号的成员' }]);
      await update(tx, r, { leadMemberId: lead.id, leadUserId: lead.userId });
    },

    async agree({ tx, record: r, input }) {
      const row = await rowOf(tx, r);
      const issues: { field: string; reason: string }[] = [];
      const seen = new Set<number>();
      input.shares.forEach((s, i) => {
        if (!r.partyIds.includes(s.partyId)) issues.push({ field: `shares.${i}.partyId`, reason: `第 ${i + 1} 行不是本案的职工当事人` });
        else if (seen.has(s.partyId)) issues.push({ field: `shares.${i}.partyId`, reason: `第 ${i + 1} 行的职工重复列出` });
        seen.add(s.partyId);
      });
      const total = sum(input.shares);
      if (total === 0) issues.push({ field: 'shares', reason: '调解协议应写明支付金额' });
      if (sum(input.instalments) !== total) issues.push({ field: 'instalments', reason: `分期金额合计 ${yuan(sum(input.instalments))} 元，与协议金额 ${yuan(total)} 元不符` });
      if (input.agreedOn < row.receivedOn) issues.push({ field: 'agreedOn', reason: `协议签订日期不能早于受理日期 ${row.receivedOn}` });
      input.instalments.forEach((p, i) => {
        if (p.dueOn < input.agreedOn) issues.push({ field: `instalments.${i}.dueOn`, reason: `第 ${i + 1} 期的支付日期早于协议签订日期` });
        else if (i > 0 && p.dueOn <= input.instalments[i - 1].dueOn) issues.push({ field: `instalments.${i}.dueOn`, reason: `第 ${i + 1} 期的支付日期应晚于上一期` });
        if (p.amount === 0) issues.push({ field: `instalments.${i}.amount`, reason: `第 ${i + 1} 期金额不能为零` });
      });
      if (issues.length) throw validationError(issues);
      await update(tx, r, { agreedOn: input.agreedOn, agreedTotal: total, agreementTerms: input.terms, agreementShares: input.shares, agreementInstalments: input.instalments, concludedAt: now() });
    },

    async requestConfirmation({ tx, record: r, input }) {
      await update(tx, r, { confirmationCourt: input.court });
    },

    async confirm({ tx, record: r, input }) {
      await update(tx, r, { confirmationRuling: input.ruling });
    },

    async refer({ tx, record: r, input }) {
      const row = await rowOf(tx, r);
      await update(tx, r, { referredTo: input.referredTo, outcomeNote: input.note ?? null, concludedAt: row.concludedAt ?? now() });
    },

    async conclude({ tx, record: r, input }) {
      const row = await rowOf(tx, r);
      await update(tx, r, { outcomeNote: input.note ?? null, concludedAt: row.concludedAt ?? now() });
    },
  });
}
