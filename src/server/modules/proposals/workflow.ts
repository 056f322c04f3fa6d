import { z } from 'zod';
import { defineWorkflow, type Effect, type StateDefinition, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { ANSWER_CATEGORIES, type AnswerCategory, type ProposalState, proposals, type Rating, RATINGS, REVIEW_VOTES, type ReviewVote } from './schema.js';

/**
 * 提案 through the five-step loop of seeds/002 (线上提交 → 小组审议 → 办理落实 →
 * 执行督查 → 总结反馈), as data: who may do what in which state, and what
 * each step does (the effects, given by the service).
 */

/** 附议: how many representatives must support a proposal before the review group takes it up (a congress session sets its own). */
export const MIN_COSIGNERS = 2;
/** The handler's time from 交办 to 答复: about three months of working days. */
export const HANDLING_WORKING_DAYS = 60;
/** A sent-back answer is redone within this many working days; a reopened proposal (不满意) within this many. */
export const REDO_WORKING_DAYS = 10;
export const REOPEN_WORKING_DAYS = 20;

/**
 * The handling time runs from 交办 through 办理中 (and a redo): both states keep the deadline the step into
 * them started, and both are watched for reminders from ten working days before it.
 */
const HANDLING_DEADLINE = { running: true, atRiskWorkingDays: 10 } as const;

/**
 * Flags of the module's own: `private` — only the submitter sees it (a draft is not yet anyone else's
 * business); `editable` — the submitter may still change the text; `cosignable` — representatives may
 * co-sign (附议); `mergeTarget` — a proposal the review group took up and did not refuse, into which a
 * duplicate may be merged (并案); `handling` — a handler unit is at work; `ratable` — 满意度测评 is open.
 */
export const PROPOSAL_STATES = {
  draft: { label: '草稿', flags: ['private', 'editable'] },
  submitted: { label: '征集附议', open: true, needsAttention: true, flags: ['editable', 'cosignable'] },
  in_review: { label: '小组审议', open: true, needsAttention: true, flags: ['mergeTarget'] },
  accepted: { label: '已立案待交办', open: true, needsAttention: true, tone: 'good', flags: ['mergeTarget'] },
  not_accepted: { label: '不予立案（转意见建议）', terminal: true, tone: 'refused' },
  merged: { label: '已并案', terminal: true, tone: 'moved' },
  withdrawn: { label: '已撤回', terminal: true },
  assigned: { label: '已交办', open: true, needsAttention: true, deadline: HANDLING_DEADLINE, flags: ['handling', 'mergeTarget'] },
  in_progress: { label: '办理中', open: true, deadline: HANDLING_DEADLINE, flags: ['handling', 'mergeTarget'] },
  answered: { label: '已答复待督查', open: true, needsAttention: true, flags: ['mergeTarget'] },
  feedback: { label: '待评价', open: true, needsAttention: true, flags: ['ratable', 'mergeTarget'] },
  concluded: { label: '已办结', terminal: true, tone: 'good', flags: ['mergeTarget'] },
} as const satisfies Record<ProposalState, StateDefinition>;

/**
 * The five steps of seeds/002 as the submitter and the worker follow them on a phone (目标可期、进度可视、
 * 成效可感): the states in each step; a proposal ending early (撤回, 不予立案, 并案) ends in its step.
 */
export const PROPOSAL_LOOP: readonly { label: string; short: string; states: readonly ProposalState[] }[] = [
  { label: '线上提交', short: '提交', states: ['draft', 'submitted', 'withdrawn'] },
  { label: '小组审议', short: '审议', states: ['in_review', 'not_accepted', 'merged'] },
  { label: '办理落实', short: '办理', states: ['accepted', 'assigned', 'in_progress'] },
  { label: '执行督查', short: '督查', states: ['answered'] },
  { label: '总结反馈', short: '反馈', states: ['feedback', 'concluded'] },
];

/** 立案 and every state a proposal reaches after it; 交办 and after; 答复 and after (statistics, the book, a congress's counts). */
export const ACCEPTED_ON: readonly ProposalState[] = ['accepted', 'assigned', 'in_progress', 'answered', 'feedback', 'concluded'];
export const ASSIGNED_ON: readonly ProposalState[] = ['assigned', 'in_progress', 'answered', 'feedback', 'concluded'];
export const ANSWERED_ON: readonly ProposalState[] = ['answered', 'feedback', 'concluded'];

export interface ProposalRecord extends WorkflowRecord<ProposalState> {
  submitterUserId: number;
  workerUserId: number | null;
  cosignerUserIds: number[];
  /** Accounts of the lead and co-handling units. */
  handlerUserIds: number[];
  /** Who has rated in the current round. */
  ratedUserIds: number[];
  reopened: boolean;
  /** The co-signers it needs: the congress session's number for a motion, MIN_COSIGNERS otherwise. */
  minCosigners: number;
  /** A motion outside its session's collection period (提案征集) cannot be submitted; null for other proposals. */
  collectionClosedReason: string | null;
  /** 小组审议: the group's members, how many must vote, and the votes so far (null before review or where no group decides). */
  review: { memberUserIds: number[]; quorum: number; votes: { userId: number; vote: ReviewVote }[] } | null;
}

/** Why the review group's votes do not yet allow the decision `wanted`, or null when they do (no group: the union decides). */
export function reviewBlocks(record: ProposalRecord, wanted: ReviewVote): string | null {
  const { review } = record;
  if (!review) return null;
  const cast = review.votes.length;
  if (cast < review.quorum) return `审议小组投票未达法定人数：需 ${review.quorum} 人投票，目前 ${cast} 人`;
  const accepting = review.votes.filter((v) => v.vote === 'accept').length;
  const majority = accepting * 2 > cast;
  if (wanted === 'accept' && !majority) return `同意立案的票数未过半数（${accepting}/${cast}），不能立案`;
  if (wanted === 'not_accept' && majority) return `审议小组多数同意立案（${accepting}/${cast}），不能不予立案`;
  return null;
}

const reason = z.object({ reason: z.string().trim().min(2, '请填写理由').max(1000).meta({ title: '理由' }) });
export const mergeInput = z.object({
  intoId: z.number().int().positive().meta({ title: '并入提案', description: '同一事项的已有提案编号（内部编号）' }),
  reason: z.string().trim().min(2, '请填写并案理由').max(1000).meta({ title: '并案理由' }),
});
export const assignInput = z.object({
  leadHandlerId: z.number().int().positive().meta({ title: '主办单位' }),
  coHandlerIds: z.array(z.number().int().positive()).max(10).default([]).meta({ title: '协办单位' }),
  note: z.string().trim().max(500).optional().meta({ title: '交办意见' }),
});
export const progressInput = z.object({
  percent: z.number().int().min(0, '进度不能小于 0').max(100, '进度不能超过 100').meta({ title: '办理进度（%）' }),
  text: z.string().trim().min(2, '请填写办理进展').max(2000).meta({ title: '办理进展' }),
});
export const answerInput = z.object({
  category: z.enum(Object.keys(ANSWER_CATEGORIES) as [AnswerCategory, ...AnswerCategory[]], '请选择答复类别').meta({ title: '答复类别', enumLabels: ANSWER_CATEGORIES }),
  answer: z.string().trim().min(10, '答复内容至少 10 个字').max(5000).meta({ title: '答复内容' }),
});
export const rateInput = z.object({
  rating: z.enum(Object.keys(RATINGS) as [Rating, ...Rating[]], '请选择评价').meta({ title: '满意度', enumLabels: RATINGS }),
  comment: z.string().trim().max(500).optional().meta({ title: '意见' }),
});
export const startReviewInput = z.object({
  reviewGroupId: z.number().int().positive().optional().meta({ title: '审议小组', description: '职代会提案由大会的提案审查委员会审议，不必选择' }),
});
export const voteInput = z.object({
  vote: z.enum(Object.keys(REVIEW_VOTES) as [ReviewVote, ...ReviewVote[]], '请选择表决意见').meta({ title: '表决意见', enumLabels: REVIEW_VOTES }),
  opinion: z.string().trim().max(500).optional().meta({ title: '审议意见' }),
});
export const urgeInput = z.object({ message: z.string().trim().min(2, '请填写催办内容').max(500).meta({ title: '催办内容' }) });

export interface ProposalEffects {
  /** 提交审议: the review group that decides (the motion's committee, or the one chosen); its members are asked to vote. */
  startReview: Effect<ProposalState, ProposalRecord, z.infer<typeof startReviewInput>>;
  /** 表决: a member's vote and opinion, once. */
  vote: Effect<ProposalState, ProposalRecord, z.infer<typeof voteInput>>;
  /** 提交: the proposal gets its serial number. */
  number: Effect<ProposalState, ProposalRecord>;
  /** 不予立案 / 退回: the reason is kept for the submitter. */
  keepReason: Effect<ProposalState, ProposalRecord, { reason: string }>;
  /** 并案: the proposal points at the one it joins, whose co-signers gain this one's submitter and co-signers. */
  merge: Effect<ProposalState, ProposalRecord, z.infer<typeof mergeInput>>;
  /** 交办: the handling units are written. */
  assign: Effect<ProposalState, ProposalRecord, z.infer<typeof assignInput>>;
  /** 办理进展: a dated post and the percentage. */
  postProgress: Effect<ProposalState, ProposalRecord, z.infer<typeof progressInput>>;
  /** 答复: the category and the text. */
  answer: Effect<ProposalState, ProposalRecord, z.infer<typeof answerInput>>;
  /** 评价: the rating is kept; when every rater has rated, the proposal concludes, or reopens once on the submitter's 不满意. */
  rate: Effect<ProposalState, ProposalRecord, z.infer<typeof rateInput>>;
  /** 办结, by the last rating or by the union: the time it concluded. */
  conclude: Effect<ProposalState, ProposalRecord>;
}

const raters = (r: ProposalRecord) => [r.submitterUserId, ...r.cosignerUserIds, ...(r.workerUserId ? [r.workerUserId] : [])];
const link = (r: ProposalRecord) => `/proposals/${r.id}`;

export const proposalWorkflow = (effects: ProposalEffects) =>
  defineWorkflow<ProposalState, ProposalRecord>({
    id: 'proposal',
    label: '提案',
    createdLabel: '起草提案',
    states: PROPOSAL_STATES,
    store: { table: proposals, state: proposals.state, version: proposals.version, updatedAt: proposals.updatedAt, dueOn: proposals.dueOn, orgPath: proposals.orgPath },
    relationsOf: (actor, r) => {
      const relations: string[] = [];
      if (actor.userId === r.submitterUserId) relations.push('submitter');
      if (actor.userId !== null && r.cosignerUserIds.includes(actor.userId)) relations.push('cosigner');
      if (actor.userId !== null && actor.userId === r.workerUserId) relations.push('worker');
      if (actor.userId !== null && r.handlerUserIds.includes(actor.userId)) relations.push('handler');
      if (actor.userId !== null && r.review?.memberUserIds.includes(actor.userId)) relations.push('reviewer');
      return relations;
    },
    transitions: [
      // ——— 线上提交 ———
      { action: 'submit', label: '提交提案', from: ['draft'], to: 'submitted', relations: ['submitter'], guard: ({ record }) => record.collectionClosedReason, effect: effects.number },
      {
        action: 'withdraw',
        label: '撤回提案',
        from: ['draft', 'submitted', 'in_review'],
        to: 'withdrawn',
        relations: ['submitter'],
        destructive: true,
        warning: '撤回后提案不再审议，附议同时失效。',
      },
      // ——— 小组审议 ———
      {
        action: 'start_review',
        label: '提交小组审议',
        from: ['submitted'],
        to: 'in_review',
        permission: 'proposals.review',
        input: startReviewInput,
        guard: ({ record }) => (record.cosignerUserIds.length < record.minCosigners ? `附议人数不足：至少需要 ${record.minCosigners} 名代表附议，目前 ${record.cosignerUserIds.length} 名` : null),
        effect: effects.startReview,
      },
      {
        action: 'vote',
        label: '审议表决',
        from: ['in_review'],
        to: 'in_review',
        relations: ['reviewer'],
        input: voteInput,
        guard: ({ actor, record }) => (actor.userId !== null && record.review?.votes.some((v) => v.userId === actor.userId) ? '您已对本提案表决过' : null),
        effect: effects.vote,
      },
      {
        action: 'accept',
        label: '立案',
        from: ['in_review'],
        to: 'accepted',
        permission: 'proposals.review',
        guard: ({ record }) => reviewBlocks(record, 'accept'),
        warning: '立案后提案将进入交办，不能撤回。',
        notify: ({ record }) => [{ userId: record.submitterUserId, kind: 'proposal', title: '您的提案已立案', link: link(record) }],
      },
      {
        action: 'not_accept',
        label: '不予立案',
        from: ['in_review'],
        to: 'not_accepted',
        permission: 'proposals.review',
        guard: ({ record }) => reviewBlocks(record, 'not_accept'),
        input: reason,
        destructive: true,
        warning: '不予立案的提案作为意见建议转有关部门参考，不再进入办理程序。',
        effect: effects.keepReason,
        notify: ({ record, input }) => [{ userId: record.submitterUserId, kind: 'proposal', title: '您的提案未予立案，作为意见建议处理', body: input.reason, link: link(record) }],
      },
      {
        action: 'merge',
        label: '并案',
        from: ['in_review'],
        to: 'merged',
        permission: 'proposals.review',
        input: mergeInput,
        destructive: true,
        warning: '并案后本提案随所并入的提案办理，提案人和附议人一并成为其附议人。',
        effect: effects.merge,
      },
      // ——— 办理落实 ———
      {
        action: 'assign',
        label: '交办',
        from: ['accepted'],
        to: 'assigned',
        permission: 'proposals.assign',
        input: assignInput,
        deadline: { workingDays: HANDLING_WORKING_DAYS, atRiskWorkingDays: 10 },
        effect: effects.assign,
      },
      { action: 'start', label: '开始办理', from: ['assigned'], to: 'in_progress', relations: ['handler'] },
      { action: 'post_progress', label: '报送办理进展', from: ['in_progress'], to: 'in_progress', relations: ['handler'], input: progressInput, effect: effects.postProgress },
      { action: 'answer', label: '答复', from: ['in_progress'], to: 'answered', relations: ['handler'], input: answerInput, effect: effects.answer },
      // 催办 leaves the proposal where it is: one not yet started stays 已交办 (so a transition per state).
      ...(['assigned', 'in_progress'] as const).map((state) => ({
        action: 'urge',
        label: '催办',
        from: [state],
        to: state,
        permission: 'proposals.supervise' as const,
        input: urgeInput,
        notify: ({ record, input }: { record: ProposalRecord; input: z.infer<typeof urgeInput> }) =>
          record.handlerUserIds.map((userId) => ({ userId, kind: 'proposal', title: '提案催办', body: input.message, link: link(record) })),
      })),
      // ——— 执行督查 ———
      {
        action: 'approve_answer',
        label: '督查通过',
        from: ['answered'],
        to: 'feedback',
        permission: 'proposals.supervise',
        warning: '督查通过后答复即送提案人和附议人评价，不能再退回重办。',
        notify: ({ record }) => raters(record).map((userId) => ({ userId, kind: 'proposal', title: '提案已答复，请评价办理结果', link: link(record) })),
      },
      {
        action: 'send_back',
        label: '退回重办',
        from: ['answered'],
        to: 'in_progress',
        permission: 'proposals.supervise',
        input: reason,
        deadline: { workingDays: REDO_WORKING_DAYS },
        effect: effects.keepReason,
        notify: ({ record, input }) => record.handlerUserIds.map((userId) => ({ userId, kind: 'proposal', title: '提案答复被退回重办', body: input.reason, link: link(record) })),
      },
      // ——— 总结反馈 ———
      {
        action: 'rate',
        label: '评价',
        from: ['feedback'],
        to: 'feedback',
        relations: ['submitter', 'cosigner', 'worker'],
        guard: ({ actor, record }) => (actor.userId !== null && record.ratedUserIds.includes(actor.userId) ? '您已评价过本轮办理结果' : null),
        input: rateInput,
        effect: effects.rate,
      },
      {
        action: 'reopen',
        label: '不满意，重新办理',
        from: ['feedback'],
        to: 'in_progress',
        system: true,
        deadline: { workingDays: REOPEN_WORKING_DAYS },
        notify: ({ record }) => record.handlerUserIds.map((userId) => ({ userId, kind: 'proposal', title: '提案人对答复不满意，请重新办理', link: link(record) })),
      },
      // Every rater has rated and no reopening is due: the rating's effect concludes it.
      { action: 'close_rated', label: '评价完成，办结', from: ['feedback'], to: 'concluded', system: true, effect: effects.conclude },
      // Raters who never answer do not hold a proposal open for ever: the union concludes it.
      {
        action: 'conclude',
        label: '办结',
        from: ['feedback'],
        to: 'concluded',
        permission: 'proposals.assign',
        warning: '尚有提案人或附议人未评价；办结后不能再评价。',
        effect: effects.conclude,
      },
    ],
  });

export type ProposalWorkflow = ReturnType<typeof proposalWorkflow>;
