import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { DOCX_TYPE, sendFile, XLSX_TYPE } from '../../http/downloads.js';
import { actionBody, allowedActions, booleanQuery, calendarDay, codeLabel, idParam, keysOf, noContent, nullableTimestamp, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { DEADLINE_STATUSES, type DeadlineStatus } from '../../platform/workflow/engine.js';
import { ANSWER_CATEGORIES, type AnswerCategory, HANDLER_KINDS, type HandlerKind, PROPOSAL_FIELDS, type ProposalField, type ProposalState, type Rating, RATINGS, REVIEW_VOTES, type ReviewVote } from './schema.js';
import type { ProposalService } from './service.js';
import { PROPOSAL_LOOP, PROPOSAL_STATES } from './workflow.js';

/**
 * The proposals API's shapes, exported so that the web types what it sends
 * and receives from them (`z.input`: the wire form) rather than from copies.
 */

const field = z.enum(keysOf<ProposalField>(PROPOSAL_FIELDS), '请选择提案类别');
const state = z.enum(keysOf<ProposalState>(PROPOSAL_STATES));
const handlerKind = z.enum(keysOf<HandlerKind>(HANDLER_KINDS), '请选择承办单位类型');
const deadlineStatus = z.enum(keysOf<DeadlineStatus>(DEADLINE_STATUSES));

// ——— proposals ———

/** The text of a proposal, as the representative writes it. */
const proposalText = {
  title: z.string().trim().min(4, '标题至少 4 个字').max(100, '标题不能超过 100 个字').describe('提案标题'),
  field: field.describe('提案类别'),
  reasons: z.string().trim().min(10, '案由至少 10 个字').max(5000, '案由不能超过 5000 个字').describe('案由：情况和理由'),
  suggestions: z.string().trim().min(5, '建议至少 5 个字').max(5000, '建议不能超过 5000 个字').describe('建议：希望怎么解决'),
};
/** The worker whose request started it (零距离): an account, or only a name. */
const worker = {
  workerUserId: z.number().int().positive().nullish().describe('提出诉求的职工的账号（职工可在手机上查看进度、评价结果）'),
  workerName: z.string().trim().min(2, '职工姓名至少 2 个字').max(50).nullish().describe('提出诉求的职工姓名（没有账号时填写）'),
};

/** 起草提案. */
export const newProposal = z.object({
  orgId: z.number().int().positive().optional().describe('提出提案的工会；不填为您担任会员代表的工会'),
  congressSessionId: z.number().int().positive().nullish().describe('作为这次职代会的提案（须在提案征集期内提交）'),
  ...proposalText,
  ...worker,
});
/** 修改提案 (草稿和征集附议中, 提案人): only what is sent changes. */
export const proposalChanges = z.object({
  version: z.number().int().min(1).describe('读取时的版本号，他人已修改则 409'),
  title: proposalText.title.optional(),
  field: proposalText.field.optional(),
  reasons: proposalText.reasons.optional(),
  suggestions: proposalText.suggestions.optional(),
  ...worker,
});
/** The list's filters; `view` chooses whose proposals. */
export const proposalListQuery = z.object({
  view: z
    .enum(['all', 'mine', 'handling'])
    .optional()
    .describe('all 管辖范围内的提案（proposals.read）；mine 我提出、附议或为我提出的；handling 交办给我所在承办单位的。不填：能看全部的看全部，承办单位账号看交办给本单位的，其他人看自己的'),
  state: state.optional(),
  field: field.optional(),
  q: z.string().trim().max(50).optional().describe('标题、案由、建议中的文字'),
  deadline: z.enum(['at_risk', 'overdue']).optional().describe('at_risk 只看即将到期的，overdue 只看已逾期的'),
  congressSessionId: z.coerce.number().int().positive().optional().describe('只看这次职代会的提案'),
  ...pageQuery,
});

export const proposalRow = z.object({
  id: z.number(),
  serialNo: z.string().nullable().describe('提案号（提交时按年度编号，如 2026-0012）；草稿为 null'),
  title: z.string(),
  field,
  fieldLabel: z.string(),
  state,
  stateLabel: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  submitterName: z.string(),
  cosignerCount: z.number(),
  dueOn: z.string().nullable().describe('办理期限（交办起 60 个工作日；退回重办、不满意重办另计）'),
  deadlineStatus: deadlineStatus.nullable().describe('on_track 正常、at_risk 即将到期、overdue 已逾期；没有期限为 null'),
  deadlineStatusLabel: z.string().nullable(),
  progressPercent: z.number(),
  updatedAt: timestamp,
});
export const proposalPage = pageOf(proposalRow).extend({ totalCapped: z.boolean().describe('true：符合条件的提案多于所计的数（total 为上限）') });

const unitRef = z.object({ id: z.number(), name: z.string() });
export const proposalDetail = proposalRow.extend({
  tenantId: z.number(),
  version: z.number(),
  reasons: z.string(),
  suggestions: z.string(),
  submitterUserId: z.number(),
  worker: z.object({ userId: z.number().nullable(), name: z.string() }).nullable().describe('提出诉求的职工'),
  decisionReason: z.string().nullable().describe('不予立案、并案或退回重办的理由'),
  mergedInto: z.object({ id: z.number(), serialNo: z.string().nullable(), title: z.string() }).nullable().describe('已并入的提案'),
  congressSession: z.object({ id: z.number(), name: z.string() }).nullable().describe('所属职代会（职代会提案）'),
  review: z
    .object({
      groupId: z.number(),
      groupName: z.string(),
      quorum: z.number().describe('法定人数：至少这么多成员投票，才能按多数意见立案或不予立案'),
      memberCount: z.number(),
      accepting: z.number(),
      refusing: z.number(),
      votes: z.array(z.object({ userId: z.number(), name: z.string(), vote: z.enum(keysOf<ReviewVote>(REVIEW_VOTES)), voteLabel: z.string(), opinion: z.string().nullable(), at: timestamp })).describe('每位成员的表决（只对小组成员和审议工会列出）'),
      notVoted: z.array(z.string()).describe('尚未表决的成员（只对审议工会列出）'),
    })
    .nullable()
    .describe('小组审议'),
  submittedAt: nullableTimestamp,
  concludedAt: nullableTimestamp,
  reopened: z.boolean().describe('因提案人不满意重新办理过（只有一次）'),
  cosigners: z.array(z.object({ userId: z.number(), name: z.string(), at: timestamp })).describe('附议人'),
  handlers: z.object({ lead: unitRef.nullable(), co: z.array(unitRef) }).describe('主办和协办单位'),
  progress: z.array(z.object({ id: z.number(), unitName: z.string().nullable(), authorName: z.string(), percent: z.number(), text: z.string(), at: timestamp })).describe('办理进展，先后为序'),
  answer: z
    .object({ category: z.enum(keysOf<AnswerCategory>(ANSWER_CATEGORIES)), categoryLabel: z.string(), text: z.string(), answeredAt: timestamp })
    .nullable()
    .describe('答复（A 已解决或采纳，B 列入计划逐步解决，C 因条件限制留作参考）'),
  ratings: z
    .array(z.object({ name: z.string(), rating: z.enum(keysOf<Rating>(RATINGS)), ratingLabel: z.string(), round: z.number(), comment: z.string().nullable(), at: timestamp }))
    .describe('满意度测评；round 2 为不满意重新办理后的一轮'),
  canEdit: z.boolean().describe('您可以修改提案内容'),
  canCosign: z.boolean().describe('您可以附议'),
  timeline: timelineEntries,
  allowedActions,
});

export const similarProposal = z.object({ id: z.number(), serialNo: z.string().nullable(), title: z.string(), state, stateLabel: z.string(), orgName: z.string() });
export const similarQuery = z.object({ q: z.string().trim().min(2, '请至少输入 2 个字').max(500) });

export const proposalsMeta = z.object({
  fields: z.array(codeLabel),
  answerCategories: z.array(codeLabel),
  ratings: z.array(codeLabel),
  handlerKinds: z.array(codeLabel),
  deadlineStatuses: z.array(codeLabel),
  loop: z.array(z.object({ label: z.string(), short: z.string().describe('手机上的简称'), states: z.array(state) })).describe('五步闭环：线上提交—小组审议—办理落实—执行督查—总结反馈，每一步包含的状态'),
});

// ——— statistics and the book (提案统计、提案汇编) ———

export const statisticsQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('统计的工会（含下级）；不填为您有统计权限的工会'),
  from: calendarDay.optional().describe('提交日期自（北京时间）；不填为今年 1 月 1 日'),
  to: calendarDay.optional().describe('提交日期至（含）；不填为今天'),
});
export const bookQuery = statisticsQuery.extend({ acceptedOnly: booleanQuery.optional().describe('true 只汇编已立案的提案') });

const rate = z.number().nullable().describe('比率（0–1）；分母为 0 时为 null');
export const proposalFigures = z.object({
  total: z.number().describe('期内提交的提案（含撤回）'),
  submitted: z.number().describe('提交数：期内提交且未撤回'),
  accepted: z.number().describe('立案数：已立案及其后各状态'),
  notAccepted: z.number(),
  merged: z.number(),
  assigned: z.number().describe('已交办及其后各状态'),
  answered: z.number().describe('已答复及其后各状态'),
  concluded: z.number(),
  overdue: z.number().describe('办理中且已过办理期限'),
  rated: z.number().describe('参与测评的人次（每人每件取最后一次评价）'),
  ratedSatisfied: z.number(),
  averageHandlingDays: z.number().nullable().describe('交办至答复的平均天数（自然日）'),
  categories: z.array(z.object({ code: z.enum(keysOf<AnswerCategory>(ANSWER_CATEGORIES)), label: z.string(), count: z.number(), share: rate })),
  acceptanceRate: rate.describe('立案率 = 立案 ÷（立案 + 不予立案）；并案不计'),
  answerRate: rate.describe('办复率 = 已答复 ÷ 已交办'),
  conclusionRate: rate.describe('办结率 = 已办结 ÷ 立案'),
  onTimeRate: rate.describe('按期办复率 = 未经逾期督办的答复 ÷ 已答复'),
  satisfactionRate: rate.describe('满意率 =（满意 + 基本满意）÷ 测评人次'),
});
export const proposalStatistics = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe('逾期按这一天计算'),
  totals: proposalFigures,
  byState: z.array(z.object({ state, label: z.string(), count: z.number() })),
  byField: z.array(proposalFigures.extend({ field, label: z.string() })),
  byHandler: z.array(proposalFigures.extend({ unitId: z.number(), name: z.string() })).describe('按主办单位'),
  byUnion: z.array(proposalFigures.extend({ orgId: z.number(), name: z.string(), own: z.boolean().describe('本级（所选工会自己的提案）') })).describe('按下一级工会'),
});

// ——— handler units (承办单位) ———

export const newHandlerUnit = z.object({
  orgId: z.number().int().positive().describe('登记承办单位的工会：本级和下级工会的提案可以交办给它'),
  name: z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称不能超过 100 个字'),
  kind: handlerKind,
  contact: z.string().trim().max(100, '联系方式不能超过 100 个字').nullish().describe('联系人和电话'),
});
export const handlerUnitChanges = newHandlerUnit.omit({ orgId: true }).partial();
export const handlerUnitQuery = z.object({
  proposalId: z.coerce.number().int().positive().optional().describe('只列可以交办这件提案的单位（登记在提案所在工会或其上级）'),
});
export const handlerAccountInput = z.object({ userId: z.number().int().positive().describe('持有「承办单位」角色的账号') });
export const handlerUnitRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  kind: handlerKind,
  kindLabel: z.string(),
  contact: z.string().nullable(),
  canManage: z.boolean().describe('您可以修改本单位及其账号'),
  accounts: z.array(z.object({ userId: z.number(), username: z.string(), displayName: z.string() })).describe('代表本单位办理的账号（只对能管理本单位的人列出）'),
});
export const handlerUnitList = z.object({ items: z.array(handlerUnitRow) });

export async function proposalRoutes(app: FastifyInstance, deps: { proposals: ProposalService }) {
  const { proposals } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['提案 proposals'];
  const unitTags = ['承办单位 handler units'];
  const codes = (record: Record<string, string | { label: string }>) =>
    Object.entries(record).map(([code, value]) => ({ code, label: typeof value === 'string' ? value : value.label }));

  r.get('/api/proposals', {
    schema: { tags, summary: '提案列表 Proposals', querystring: proposalListQuery, response: { 200: proposalPage } },
    handler: async (request) => proposals.list(requireActor(request), request.query),
  });

  r.post('/api/proposals', {
    schema: { tags, summary: '起草提案（草稿，提交后编号） Draft a proposal', body: newProposal, response: { 201: proposalDetail } },
    handler: async (request, reply) => reply.status(201).send(await proposals.create(requireActor(request), request.body)),
  });

  r.get('/api/proposals/similar', {
    schema: { tags, summary: '相似提案（起草时查重） Similar proposals', querystring: similarQuery, response: { 200: z.object({ items: z.array(similarProposal) }) } },
    handler: async (request) => proposals.similar(requireActor(request), request.query.q),
  });

  r.get('/api/proposals/meta', {
    schema: { tags, summary: '提案类别、答复类别、满意度等代码表 Code lists', response: { 200: proposalsMeta } },
    handler: async (request) => {
      requireActor(request);
      return {
        fields: codes(PROPOSAL_FIELDS),
        answerCategories: codes(ANSWER_CATEGORIES),
        ratings: codes(RATINGS),
        handlerKinds: codes(HANDLER_KINDS),
        deadlineStatuses: codes(DEADLINE_STATUSES),
        loop: PROPOSAL_LOOP.map((step) => ({ ...step, states: [...step.states] })),
      };
    },
  });

  r.get('/api/proposals/statistics', {
    schema: { tags, summary: '提案统计（立案率、办复率、办结率、满意率等） Proposal statistics', querystring: statisticsQuery, response: { 200: proposalStatistics } },
    handler: async (request) => proposals.statistics(requireActor(request), request.query),
  });

  const file = z.any().describe('文件 File');
  r.get('/api/proposals/book.xlsx', {
    schema: { tags, summary: '提案汇编 Excel The proposal book as xlsx', querystring: bookQuery, produces: [XLSX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const book = await proposals.bookXlsx(requireActor(request), request.query);
      return sendFile(reply, book.body, XLSX_TYPE, book.fileName);
    },
  });

  r.get('/api/proposals/book.docx', {
    schema: { tags, summary: '提案汇编 Word The proposal book as docx', querystring: bookQuery, produces: [DOCX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const book = await proposals.bookDocx(requireActor(request), request.query);
      return sendFile(reply, book.body, DOCX_TYPE, book.fileName);
    },
  });

  r.get('/api/proposals/:id', {
    schema: { tags, summary: '提案详情、办理过程与可办操作 A proposal', params: idParam, response: { 200: proposalDetail } },
    handler: async (request) => proposals.detail(requireActor(request), request.params.id),
  });

  r.patch('/api/proposals/:id', {
    schema: { tags, summary: '修改提案（提案人，草稿和征集附议中） Edit a proposal', params: idParam, body: proposalChanges, response: { 200: proposalDetail } },
    handler: async (request) => proposals.edit(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/proposals/:id/cosign', {
    schema: { tags, summary: '附议 Co-sign', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await proposals.cosign(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/proposals/:id/actions', {
    schema: { tags, summary: '办理提案（提交、审议、立案、交办、进展、答复、督查、评价…） Act on a proposal', params: idParam, body: actionBody, response: { 204: noContent } },
    handler: async (request, reply) => {
      await proposals.act(requireActor(request), request.params.id, request.body.action, request.body.input);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/handler-units', {
    schema: { tags: unitTags, summary: '承办单位 Handler units', querystring: handlerUnitQuery, response: { 200: handlerUnitList } },
    handler: async (request) => proposals.handlerUnits(requireActor(request), request.query),
  });

  r.post('/api/handler-units', {
    schema: { tags: unitTags, summary: '登记承办单位 Register a handler unit', body: newHandlerUnit, response: { 201: handlerUnitRow } },
    handler: async (request, reply) => reply.status(201).send(await proposals.createHandlerUnit(requireActor(request), request.body)),
  });

  r.patch('/api/handler-units/:id', {
    schema: { tags: unitTags, summary: '修改承办单位 Edit a handler unit', params: idParam, body: handlerUnitChanges, response: { 200: handlerUnitRow } },
    handler: async (request) => proposals.updateHandlerUnit(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/handler-units/:id/accounts', {
    schema: { tags: unitTags, summary: '添加承办账号 Add an account to a unit', params: idParam, body: handlerAccountInput, response: { 200: handlerUnitRow } },
    handler: async (request) => proposals.addHandlerAccount(requireActor(request), request.params.id, request.body.userId),
  });

  r.delete('/api/handler-units/:id/accounts/:userId', {
    schema: {
      tags: unitTags,
      summary: '移除承办账号 Remove an account from a unit',
      params: z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() }),
      response: { 204: noContent },
    },
    handler: async (request, reply) => {
      await proposals.removeHandlerAccount(requireActor(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  });
}
