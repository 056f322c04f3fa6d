import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { canAt, isWithin, scopePaths } from '../../platform/scope.js';
import type { NewProposal, ProposalService } from '../proposals/service.js';
import { directLineMessages, directLineRequests, type RequestCategory } from './schema.js';
import { type RequestRecord, type RequestWorkflow, requestWorkflow } from './workflow.js';

/**
 * What each step of a request does besides moving its state (workflow.ts
 * names the effect): a message joins the thread, a rating is kept, and 转为提案
 * drafts a proposal through the proposals service, in the same transaction.
 */

/** The proposal's field a request's category starts from (the representative may change it in the draft). */
const PROPOSAL_FIELD: Record<RequestCategory, NewProposal['field']> = {
  wages: 'wages',
  rest: 'welfare',
  safety: 'safety',
  workplace: 'welfare',
  rights: 'other',
  other: 'other',
};

const whereRow = (record: { tenantId: number; id: number }) => and(eq(directLineRequests.tenantId, record.tenantId), eq(directLineRequests.id, record.id));

/** The union where the representative raises proposals that reaches the request's union. */
const proposingUnion = (actor: Actor, record: RequestRecord) => {
  const path = scopePaths(actor, 'proposals.submit').find((p) => isWithin(record.orgPath, p));
  return path === undefined ? undefined : actor.grants.find((g) => g.orgPath === path)?.orgId;
};

export function createRequestFlow(ctx: { proposals: Pick<ProposalService, 'draftInside' | 'adopt'>; now: () => Date }): RequestWorkflow {
  const { proposals, now } = ctx;
  const rowOf = async (tx: Db, record: RequestRecord) => (await tx.select().from(directLineRequests).where(whereRow(record)))[0];
  const update = (tx: Db, record: RequestRecord, values: Partial<typeof directLineRequests.$inferInsert>) => tx.update(directLineRequests).set(values).where(whereRow(record));

  return requestWorkflow(
    {
      async postMessage({ tx, actor, record, input }) {
        const fromWorker = actor.userId === record.workerUserId;
        await tx.insert(directLineMessages).values({ tenantId: record.tenantId, requestId: record.id, authorUserId: actor.userId!, authorName: actor.displayName, fromWorker, text: input.text, createdAt: now() });
        if (!fromWorker && !(await rowOf(tx, record)).firstReplyAt) await update(tx, record, { firstReplyAt: now(), firstReplyUserId: actor.userId });
      },

      async rate({ tx, record, input }) {
        await update(tx, record, { rating: input.rating, ratingComment: input.comment ?? null, closedAt: now() });
      },

      async close({ tx, record }) {
        await update(tx, record, { closedAt: now() });
      },

      async toProposal({ tx, actor, record, input }) {
        const row = await rowOf(tx, record);
        let proposalId = input.proposalId;
        if (proposalId) {
          await proposals.adopt(actor, proposalId, row.workerUserId, tx);
        } else {
          const [first] = await tx
            .select({ text: directLineMessages.text })
            .from(directLineMessages)
            .where(and(eq(directLineMessages.tenantId, row.tenantId), eq(directLineMessages.requestId, row.id)))
            .orderBy(directLineMessages.createdAt, directLineMessages.id)
            .limit(1);
          proposalId = await proposals.draftInside(
            actor,
            {
              orgId: proposingUnion(actor, record),
              title: row.subject,
              field: PROPOSAL_FIELD[row.category],
              reasons: `职工${row.workerName}通过“零距离”反映：${first.text}`,
              suggestions: `请有关部门研究解决职工反映的“${row.subject}”问题。`,
              workerUserId: row.workerUserId,
            },
            tx,
          );
        }
        await update(tx, record, { proposalId, closedAt: now() });
      },
    },
    (actor, record) => canAt(actor, 'proposals.submit', record.orgPath),
  );
}
