import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { DOCX_TYPE, sendFile, XLSX_TYPE } from '../../http/downloads.js';
import { actionBody, allowedActions, calendarDay, codeLabel, idParam, keysOf, nullableTimestamp, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { DEADLINE_STATUSES, type DeadlineStatus } from '../../platform/workflow/engine.js';
import { CASE_ENTRY_KINDS, CASE_RATINGS, CASE_SOURCES, type CaseEntryKind, type CaseRating, type CaseSource, type CaseState, CLAIM_TYPES, type ClaimType, STUDIO_ROLES, type StudioRole } from './schema.js';
import type { MediationService } from './service.js';
import { amountFen, CASE_STATES } from './workflow.js';

/** The mediation API's shapes, exported so that the web types what it sends and receives from them. */

const codes = (record: Record<string, string>) => Object.entries(record).map(([code, label]) => ({ code, label }));
const studioRole = z.enum(keysOf<StudioRole>(STUDIO_ROLES), '请选择团队角色');
const version = z.number().int().min(1).describe('读取时的版本（防止覆盖他人的修改）');

// ——— studios and teams (连心舱 · 团队) ———

export const newStudio = z.object({
  orgId: z.number().int().positive().describe('设立工作室的工会'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称不能超过 100 个字').describe('名称，如：当湖街道“连心舱”劳动争议调解工作室'),
  address: z.string().trim().max(200, '地址不能超过 200 个字').nullish().describe('地址'),
  phone: z
    .string()
    .trim()
    .regex(/^[\d\-+() ]{5,30}$/, '电话只能包含数字、空格和 -+()，5 到 30 位')
    .nullish()
    .describe('咨询电话'),
  massIncidentWorkers: z.number().int().min(2, '至少 2 人').max(1000, '不超过 1000 人').optional().describe('群体性案件的人数：达到这个人数的案件立即报告上级领导（默认 10 人）'),
});
export const studioChanges = newStudio.omit({ orgId: true }).partial().extend({ active: z.boolean().optional().describe('停用后不再接收新案件'), version });
export const studioListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('只列这个工会的工作室'),
  includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('含已停用的工作室'),
});

export const newMember = z.object({
  role: studioRole.describe('团队角色'),
  name: z.string().trim().min(2, '姓名至少 2 个字').max(50, '姓名不能超过 50 个字').describe('姓名'),
  phone: z.string().trim().max(20).nullish().describe('手机号'),
  userId: z.number().int().positive().nullish().describe('调解员账号：有账号的成员可以办理本工作室的案件（账号须持有「调解员」角色）'),
  lawFirm: z.string().trim().max(100, '律师事务所名称不能超过 100 个字').nullish().describe('驻点律师所在的律师事务所'),
});
export const memberChanges = newMember.partial().extend({ active: z.boolean().optional().describe('停用：离开团队（已办案件仍保留）'), version });
export const memberParams = z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });

export const studioMember = z.object({
  id: z.number(),
  role: studioRole,
  roleLabel: z.string(),
  name: z.string(),
  phone: z.string().nullable().describe('手机号（非管理员、非团队成员看到的是遮蔽后的号码）'),
  userId: z.number().nullable(),
  lawFirm: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export const studioRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  massIncidentWorkers: z.number().describe('群体性案件的人数'),
  version: z.number(),
  canManage: z.boolean().describe('您可以修改工作室及其团队'),
  myRole: studioRole.nullable().describe('您在团队中的角色'),
  counts: z.record(studioRole, z.number()).describe('在岗人数，按角色'),
  members: z.array(studioMember).describe('团队成员：按角色；管理员还能看到已停用的成员'),
});
export const studioList = z.object({ items: z.array(studioRow) });

// ——— cases (调解案件) ———

const source = z.enum(keysOf<CaseSource>(CASE_SOURCES), '请选择案件来源');
const claimType = z.enum(keysOf<ClaimType>(CLAIM_TYPES), '请选择诉求类型');
const rating = z.enum(keysOf<CaseRating>(CASE_RATINGS), '请选择评价');
const caseState = z.enum(keysOf<CaseState>(CASE_STATES));
const standing = z.enum(keysOf<DeadlineStatus>(DEADLINE_STATUSES));
const entryKind = z.enum(keysOf<CaseEntryKind>(CASE_ENTRY_KINDS));
const words = (title: string, min: number, max: number) => z.string().trim().min(min, `${title}至少 ${min} 个字`).max(max, `${title}不能超过 ${max} 个字`);

export const claimInput = z.object({
  type: claimType.describe('诉求类型'),
  amount: amountFen('诉求金额').describe('诉求金额（分）；没有金额的诉求填 0'),
  note: z.string().trim().max(200, '说明不能超过 200 个字').nullish().describe('说明，如：2026 年 9—11 月工资'),
});
const claims = z.array(claimInput).min(1, '请至少填写一项诉求').max(20, '诉求不超过 20 项');
const enterprise = {
  enterpriseName: words('用人单位名称', 2, 100).describe('用人单位（对方当事人）'),
  enterpriseCreditCode: z.string().trim().max(30).nullish().describe('用人单位统一社会信用代码（18 位）'),
};
const subjectAndFacts = {
  subject: words('案由', 4, 100).describe('案由，如：8 名骑手追索拖欠的配送费'),
  facts: words('事实经过', 10, 4000).describe('事实经过'),
};

export const newCase = z.object({
  studioId: z.number().int().positive().describe('受理的调解工作室'),
  source: source.describe('案件来源'),
  ...subjectAndFacts,
  ...enterprise,
  workers: z
    .array(
      z.object({
        name: words('姓名', 2, 50),
        phone: z.string().trim().max(20).nullish().describe('手机号'),
        userId: z.number().int().positive().nullish().describe('职工的账号：关联后职工可以在手机上跟踪案件'),
        isMember: z.boolean().optional().describe('工会会员'),
      }),
    )
    .max(500, '职工当事人不超过 500 人')
    .describe('职工当事人（至少一人）'),
  claims,
  receivedOn: calendarDay.nullish().describe('受理日期（默认今天）：15 日调解期限从次日起算'),
  court: z
    .object({
      name: words('法院', 4, 50).describe('委派/委托调解的法院，如：平湖市人民法院'),
      caseNo: z.string().trim().min(1, '请填写法院案号').max(50).describe('法院案号，如：（2026）浙0482民诉前调123号'),
      dueOn: calendarDay.describe('法院要求的调解期限'),
    })
    .nullish()
    .describe('法院委派、委托调解的案件必填'),
  leadMemberId: z.number().int().positive().nullish().describe('主办调解员（团队成员）；默认为受理的调解员本人'),
  signalId: z.number().int().positive().nullish().describe('转调解：据以立案的风险预警；来源为预警信号，用人单位及其统一社会信用代码取自预警'),
});
export const newApplication = z.object({
  kind: z.enum(['legal_help', 'mediation'], '请选择申请事项').describe('法律援助或调解'),
  ...subjectAndFacts,
  ...enterprise,
  phone: z.string().trim().max(20).nullish().describe('联系手机'),
  claims,
});
export const caseListQuery = z.object({
  q: z.string().trim().max(50).optional().describe('案由、事实、用人单位、职工姓名、法院案号'),
  state: caseState.optional(),
  source: source.optional(),
  studioId: z.coerce.number().int().positive().optional(),
  enterpriseId: z.coerce.number().int().positive().optional().describe('只列这家企业（一企一策）的案件：按统一社会信用代码'),
  standing: standing.optional().describe('期限：正常、即将到期、已逾期（调解中的案件）'),
  sort: z.enum(['updated', 'due', 'received']).default('updated').describe('排序：最近办理、期限、受理日期'),
  ...pageQuery,
});
export const ratingInput = z.object({ rating: rating.describe('对调解结果是否满意'), comment: z.string().trim().max(500, '意见不能超过 500 个字').nullish().describe('意见') });

const deadline = z.object({ dueOn: z.string(), status: standing, statusLabel: z.string() }).nullable().describe('调解期限及其状态（调解中的案件）');
export const caseRow = z.object({
  id: z.number(),
  subject: z.string(),
  state: caseState,
  stateLabel: z.string(),
  source,
  sourceLabel: z.string(),
  online: z.boolean().describe('职工网上申请'),
  studioId: z.number(),
  studioName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  enterpriseName: z.string(),
  enterpriseCreditCode: z.string().nullable(),
  workerCount: z.number(),
  claimedTotal: z.number().describe('诉求金额合计（分）'),
  agreedTotal: z.number().nullable().describe('协议金额（分）'),
  leadName: z.string().nullable().describe('主办调解员'),
  receivedOn: z.string(),
  deadline,
  courtCaseNo: z.string().nullable(),
  massIncident: z.boolean().describe('群体性案件（已报告领导）'),
  updatedAt: timestamp,
});
const casePage = pageOf(caseRow).extend({ totalCapped: z.boolean().describe('true: more cases match than `total` (the count stops at 1,000; narrow the filters)') });
const money = z.object({ dueOn: z.string(), amount: z.number() });
export const caseDetail = caseRow.extend({
  tenantId: z.number(),
  facts: z.string(),
  courtName: z.string().nullable(),
  courtDueOn: z.string().nullable(),
  signalId: z.number().nullable().describe('据以立案的风险预警（转调解；职工当事人看不到）'),
  canSeeNotes: z.boolean().describe('可以查看案件记录的内容和备注（团队成员、工会工作人员）'),
  canManage: z.boolean(),
  workers: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      phone: z.string().nullable(),
      isMember: z.boolean(),
      hasAccount: z.boolean(),
      receiptSignedAt: nullableTimestamp,
      rating: rating.nullable(),
      ratingLabel: z.string().nullable(),
      ratingComment: z.string().nullable(),
    }),
  ),
  claims: z.array(z.object({ id: z.number(), type: claimType, typeLabel: z.string(), amount: z.number(), note: z.string().nullable() })),
  entries: z
    .array(
      z.object({
        id: z.number(),
        kind: entryKind,
        kindLabel: z.string(),
        heldOn: z.string().nullable(),
        place: z.string().nullable(),
        people: z.string().nullable(),
        notes: z.string().nullable(),
        authorName: z.string(),
        at: timestamp,
      }),
    )
    .describe('走访、调解会和备注；职工只看到日期'),
  agreement: z
    .object({ agreedOn: z.string(), total: z.number(), terms: z.string(), shares: z.array(z.object({ partyId: z.number(), name: z.string(), amount: z.number() })), instalments: z.array(money) })
    .nullable()
    .describe('调解协议'),
  confirmationCourt: z.string().nullable(),
  confirmationRuling: z.string().nullable(),
  referredTo: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  escalatedAt: nullableTimestamp,
  myParty: z.object({ id: z.number(), receiptSignedAt: nullableTimestamp, rating: rating.nullable() }).nullable().describe('您在本案中的当事人记录'),
  canSign: z.boolean().describe('可以签收调解协议书'),
  canRate: z.boolean().describe('可以评价调解结果'),
  timeline: timelineEntries,
  allowedActions,
});

// ——— statistics (调解统计) ———

export const statisticsQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('工会：统计其本级和下级；默认本人所在的工会'),
  from: calendarDay.optional().describe('受理日期起（含），默认本年 1 月 1 日'),
  to: calendarDay.optional().describe('受理日期止（含），默认今天'),
});
export const mediationStatistics = z.object({
  orgId: z.number(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  cases: z.number().describe('受理案件'),
  consultations: z.number().describe('来访咨询'),
  agreements: z.number().describe('达成协议'),
  concluded: z.number().describe('调解结束（协议、调解不成、转仲裁诉讼）'),
  successRate: z.number().nullable().describe('调解成功率 = 达成协议 ÷ 调解结束'),
  recovered: z.number().describe('协议金额（分）'),
  workersHelped: z.number().describe('达成协议案件的职工人数'),
  bySource: z.array(z.object({ source, label: z.string(), cases: z.number() })),
  byType: z.array(z.object({ type: claimType, label: z.string(), cases: z.number(), claimed: z.number().describe('诉求金额（分）') })),
  ratings: z.array(z.object({ rating, label: z.string(), workers: z.number() })),
  satisfactionRate: z.number().nullable().describe('满意率 =（满意 + 基本满意）÷ 已评价人数'),
});

export const mediationMeta = z.object({ studioRoles: z.array(codeLabel), sources: z.array(codeLabel), claimTypes: z.array(codeLabel), ratings: z.array(codeLabel) });

export async function mediationRoutes(app: FastifyInstance, deps: { mediation: MediationService }) {
  const { mediation } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['连心舱 mediation'];

  r.get('/api/mediation/meta', {
    schema: { tags, summary: '团队角色、案件来源、诉求类型、评价 Code lists', response: { 200: mediationMeta } },
    handler: async (request) => {
      requireActor(request);
      return { studioRoles: codes(STUDIO_ROLES), sources: codes(CASE_SOURCES), claimTypes: codes(CLAIM_TYPES), ratings: codes(CASE_RATINGS) };
    },
  });

  r.get('/api/mediation/studios', {
    schema: { tags, summary: '调解工作室及其团队 Studios and their teams', querystring: studioListQuery, response: { 200: studioList } },
    handler: async (request) => mediation.studios(requireActor(request), request.query),
  });

  r.post('/api/mediation/studios', {
    schema: { tags, summary: '设立调解工作室 Open a studio', body: newStudio, response: { 201: studioRow } },
    handler: async (request, reply) => reply.status(201).send(await mediation.createStudio(requireActor(request), request.body)),
  });

  r.get('/api/mediation/studios/:id', {
    schema: { tags, summary: '一个工作室及其团队 A studio', params: idParam, response: { 200: studioRow } },
    handler: async (request) => mediation.studio(requireActor(request), request.params.id),
  });

  r.patch('/api/mediation/studios/:id', {
    schema: { tags, summary: '修改或停用工作室 Change a studio', params: idParam, body: studioChanges, response: { 200: studioRow } },
    handler: async (request) => mediation.updateStudio(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/mediation/studios/:id/members', {
    schema: { tags, summary: '增加团队成员 Add a team member', params: idParam, body: newMember, response: { 200: studioRow } },
    handler: async (request) => mediation.addMember(requireActor(request), request.params.id, request.body),
  });

  r.patch('/api/mediation/studios/:id/members/:memberId', {
    schema: { tags, summary: '修改或停用团队成员 Change a team member', params: memberParams, body: memberChanges, response: { 200: studioRow } },
    handler: async (request) => mediation.updateMember(requireActor(request), request.params.id, request.params.memberId, request.body),
  });

  r.get('/api/mediation/cases', {
    schema: { tags, summary: '调解案件 Cases', querystring: caseListQuery, response: { 200: casePage } },
    handler: async (request) => mediation.cases(requireActor(request), request.query),
  });

  r.post('/api/mediation/cases', {
    schema: { tags, summary: '受理案件 Open a case at a studio', body: newCase, response: { 201: caseDetail } },
    handler: async (request, reply) => reply.status(201).send(await mediation.create(requireActor(request), request.body)),
  });

  r.post('/api/mediation/applications', {
    schema: { tags, summary: '职工网上申请法律援助或调解（一件事） A worker applies online', body: newApplication, response: { 201: caseDetail } },
    handler: async (request, reply) => reply.status(201).send(await mediation.apply(requireActor(request), request.body)),
  });

  r.get('/api/mediation/cases/:id', {
    schema: { tags, summary: '案件详情、记录、协议、期限与可办操作 A case', params: idParam, response: { 200: caseDetail } },
    handler: async (request) => mediation.detail(requireActor(request), request.params.id),
  });

  r.post('/api/mediation/cases/:id/actions', {
    schema: { tags, summary: '走访、调解会、协议、司法确认、结案等 Act on a case', params: idParam, body: actionBody, response: { 200: caseDetail } },
    handler: async (request) => mediation.act(requireActor(request), request.params.id, request.body.action, request.body.input),
  });

  r.post('/api/mediation/cases/:id/receipt', {
    schema: { tags, summary: '职工签收调解协议书 The worker signs for the agreement', params: idParam, response: { 200: caseDetail } },
    handler: async (request) => mediation.signReceipt(requireActor(request), request.params.id),
  });

  r.post('/api/mediation/cases/:id/rating', {
    schema: { tags, summary: '职工评价调解结果 The worker rates the result', params: idParam, body: ratingInput, response: { 200: caseDetail } },
    handler: async (request) => mediation.rate(requireActor(request), request.params.id, request.body),
  });

  r.get('/api/mediation/cases/:id/agreement.docx', {
    schema: { tags, summary: '调解协议书 Word The agreement', params: idParam, produces: [DOCX_TYPE], response: { 200: z.any().describe('Word 文档 Word document') } },
    handler: async (request, reply) => {
      const document = await mediation.agreementDocx(requireActor(request), request.params.id);
      return sendFile(reply, document.body, DOCX_TYPE, document.fileName);
    },
  });

  r.get('/api/mediation/statistics', {
    schema: { tags, summary: '调解统计 Figures of a subtree and period', querystring: statisticsQuery, response: { 200: mediationStatistics } },
    handler: async (request) => mediation.statistics(requireActor(request), request.query),
  });

  r.get('/api/mediation/statistics.xlsx', {
    schema: { tags, summary: '调解统计 Excel The figures as a workbook', querystring: statisticsQuery, produces: [XLSX_TYPE], response: { 200: z.any().describe('Excel 文件 Excel workbook') } },
    handler: async (request, reply) => {
      const workbook = await mediation.statisticsXlsx(requireActor(request), request.query);
      return sendFile(reply, workbook.body, XLSX_TYPE, workbook.fileName);
    },
  });
}
