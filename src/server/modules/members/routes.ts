import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestInfo, requireActor, submissionInfo } from '../../http/auth.js';
import { sendXlsx } from '../../http/xlsx-download.js';
import type { Actor } from '../../platform/actor.js';
import { submittedOnce } from '../../platform/idempotency.js';
import { STATE_TONES } from '../../platform/workflow/engine.js';
import { smsCodeRequest, smsCodeSent, smsCredentials } from '../../platform/accounts/routes.js';
import { actionBody, allowedActions, booleanQuery, BULK_MAX, bulkActionBody, bulkResults, calendarDay, codeLabel, idParam, noContent, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, type JoinApplicationState, MEMBERSHIP_SOURCES, MEMBERSHIP_STATUSES, type MembershipSource, type MembershipStatus } from './schema.js';
import { MEMBER_STATUS_GROUPS } from './queries.js';
import type { MemberService } from './service.js';
import { JOIN_STATES } from './workflow.js';

const employmentForm = z.enum(Object.keys(EMPLOYMENT_FORMS) as [EmploymentForm, ...EmploymentForm[]]);
const status = z.enum(Object.keys(MEMBERSHIP_STATUSES) as [MembershipStatus, ...MembershipStatus[]]);
/** The register's status filter: one status, or the memberships held now (`current`, the default), or all. */
const statusFilter = z.enum([...(Object.keys(MEMBERSHIP_STATUSES) as MembershipStatus[]), ...MEMBER_STATUS_GROUPS]);

/** The registry list's filters and sort: the list and its xlsx export take the same. */
export const memberListFilters = {
  q: z.string().max(50).optional(),
  orgId: z.coerce.number().int().positive().optional(),
  status: statusFilter.optional().meta({ description: '会籍状态；不填为 current（在册：在会与保留会籍），all 为全部' }),
  employmentForm: employmentForm.optional(),
  newFormsOnly: booleanQuery.optional(),
  /** Part of the employer's or the platform's name. */
  employer: z.string().trim().max(100).optional(),
  joinedFrom: calendarDay.optional(),
  joinedTo: calendarDay.optional(),
  sort: z.enum(['joinedOn', '-joinedOn', 'name', '-name']).optional(),
  /** Only these memberships (the rows selected on the page, for 导出所选), comma-separated. */
  ids: z
    .string()
    .regex(new RegExp(`^\\d{1,15}(,\\d{1,15}){0,${BULK_MAX - 1}}$`), `逗号分隔的会员编号，至多 ${BULK_MAX} 个`)
    .transform((v) => v.split(',').map(Number))
    .optional(),
};
const timeline = timelineEntries;
/** 就业形态 and where one works, as the join page, the union's desk and a transfer take it. */
export const employment = z.object({
  employmentForm,
  employerName: z.string().trim().max(100).nullish(),
  employerCreditCode: z.string().trim().max(18).nullish(),
  platformName: z.string().trim().max(50).nullish(),
});
/** Who joins, as the join page and the union's desk both take it. */
const joiner = {
  orgId: z.number().int().positive(),
  name: z.string().max(30),
  residentId: z.string().max(30),
  phone: z.string().max(20),
  ...employment.shape,
};
export const memberRow = z.object({
  id: z.number(),
  tenantId: z.number(),
  name: z.string(),
  idMasked: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().describe('年龄（周岁）。出生日期含在身份证号中，只随完整身份证号（留痕）显示'),
  phone: z.string().nullable().describe('有 members.contact 权限的角色看完整号码，其他角色看脱敏号码'),
  cardNo: z.string(),
  status,
  statusLabel: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  employmentForm,
  employmentFormLabel: z.string(),
  employerName: z.string().nullable(),
  platformName: z.string().nullable(),
  joinedOn: z.string(),
  memberSince: z.string(),
  endedOn: z.string().nullable(),
});
export const privacyNotice = z.object({
  version: z.string(),
  title: z.string(),
  summary: z.array(z.string()).describe('要点（页面先显示要点，全文一点即开）'),
  sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
  consentLabel: z.string(),
  sensitiveConsentLabel: z.string(),
});
/** Lists count up to LIST_WINDOW rows (queries.ts): beyond, `total` is the window and the page shows "10,000+". */
const totalCapped = z.boolean().describe('true: more rows match than `total` (the count stops at 10,000; narrow the filters or export)');
/** A broad search's page (one character, a syllable, two initials) comes without its count: counting it costs several times the page. */
const listTotal = z.number().int().nullable().describe('null：宽泛搜索（一个字、一个音节、两个首字母）先回本页，总数请以同样的筛选条件取 GET /api/members/count');
// The web's members/api.ts types its action bodies from here.
export { actionBody };
const trackingParams = z.object({ tenantId: z.coerce.number().int().positive(), code: z.string().regex(/^[A-Za-z0-9_-]{16}$/, '查询码无效') });
const transferState = z.enum(['requested', 'source_confirmed', 'completed', 'refused', 'cancelled']);
const applicationState = z.enum(Object.keys(JOIN_STATES) as [JoinApplicationState, ...JoinApplicationState[]]);
const membershipSource = z.enum(Object.keys(MEMBERSHIP_SOURCES) as [MembershipSource, ...MembershipSource[]]);
/** The person's consent to the join notice (privacy-notice.ts) behind a membership (PIPL art. 14, 29). */
export const consent = z
  .object({
    via: membershipSource.describe('同意的途径：online 线上申请（勾选），staff 窗口登记（纸质申请书签字）；import 花名册导入不记录'),
    viaLabel: z.string(),
    version: z.string().nullable().describe('同意的《入会个人信息处理规则》版本；null 为未记录'),
    at: timestamp.nullable().describe('同意的时间（线上提交时，或工作人员确认纸质签字时）'),
    viaTransfer: z.boolean().describe('true：同意记录在接转前的会籍上，随会籍接转而来'),
  })
  .describe('个人信息处理同意 Consent to the join notice');

/**
 * The API's shapes of the registry, exported so that the web types what it
 * receives from them (`z.input`: the wire form) rather than from copies.
 */
export const memberDetail = memberRow.extend({
  employerCreditCode: z.string().nullable(),
  endReason: z.string().nullable(),
  lastDuesOn: z.string().nullable(),
  lastActivityOn: z.string().nullable(),
  source: z.string(),
  consent,
  version: z.number(),
  canRevealId: z.boolean(),
  allowedActions,
  history: timeline,
  previousMemberships: z.array(memberRow).describe('此人在您管辖范围内的其他会籍；范围外的不发送'),
  transfers: z.array(z.object({ id: z.number(), state: z.string(), stateLabel: z.string(), fromOrgName: z.string(), toOrgName: z.string(), createdAt: timestamp })),
});
export const deemedCandidate = memberRow.extend({
  lastSignOfLife: z.string(),
  lastDuesOn: z.string().nullable().describe('最后一个已缴（或免缴）会费月份的最后一天'),
  lastActivityOn: z.string().nullable().describe('最近一次参加组织生活的日期'),
});
export const joinApplicationRow = memberRow
  .pick({ name: true, idMasked: true, orgId: true, orgName: true, employmentForm: true, employmentFormLabel: true, employerName: true, platformName: true })
  .extend({
    id: z.number(),
    state: z.string(),
    stateLabel: z.string(),
    // An application always has one (the join form asks for it); masked for roles that do not contact members.
    phone: z.string(),
    decisionReason: z.string().nullable(),
    createdAt: timestamp,
    allowedActions,
  });
export const transferRow = z.object({
  id: z.number(),
  state: transferState,
  stateLabel: z.string(),
  name: z.string(),
  idMasked: z.string(),
  membershipId: z.number(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  requestedBy: z.enum(['member', 'source', 'target']),
  reason: z.string().nullable(),
  createdAt: timestamp,
  allowedActions,
});
/** `statusFilters`: the register's status choices, the groups first (the first is the default). */
export const membersMeta = z.object({ employmentForms: z.array(codeLabel.extend({ enabled: z.boolean() })), statuses: z.array(codeLabel), statusFilters: z.array(codeLabel) });
export const deemedCandidatePage = pageOf(deemedCandidate).extend({
  totalCapped,
  cutoff: z.string(),
  noDuesData: z.number().int().describe('范围内没有任何会费记录的在册会员人数（不列为候选，请工会补录会费数据）'),
  noDuesDataCapped: z.boolean(),
});
/** 随入随录: a person who joined at the union's desk, entered from the paper form. */
export const newMember = z.object({
  ...joiner,
  joinedOn: calendarDay.optional().describe('批准入会的日期，不填为今天'),
  consentOnPaper: z
    .literal(true, '须确认本人已在纸质入会申请书上签字同意个人信息处理规则（含身份证号等敏感个人信息）')
    .describe('本人已在纸质入会申请书上签字同意个人信息处理规则，含单独同意处理身份证号（PIPL 第 29 条）'),
});
export const memberAdded = z.object({ id: z.number(), tenantId: z.number(), cardNo: z.string() });
export const revealedId = z.object({ residentId: z.string() });
/** A transfer asked by the member's union (by membership) or the receiving union (by resident ID). */
export const transferRequest = z
  .object({
    membershipId: z.number().int().positive().optional(),
    residentId: z.string().max(30).optional(),
    toOrgId: z.number().int().positive(),
    reason: z.string().trim().max(500).optional(),
    employment: employment.optional(),
  })
  .refine((b) => b.membershipId || b.residentId, { message: '请指定会员或身份证号', path: ['membershipId'] });
/** A transfer asked, by staff or on the phone page: the tracking code follows it. */
export const transferCreated = z.object({ id: z.number(), tenantId: z.number(), trackingCode: z.string() });

// The public phone pages' shapes (no account; a tracking code instead).
export const publicUnion = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  consentVersion: z.string().describe('个人信息处理规则的版本，入会申请须原样带回'),
  privacyNotice: privacyNotice.describe('入会个人信息处理规则（PIPL 第 17、28–30 条），页面原样显示'),
  alternatives: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })),
  employmentForms: z.array(codeLabel).describe('就业形态，按数据字典的名称与顺序（仅启用的）'),
});
export const unionHit = z.object({ id: z.number(), name: z.string(), type: z.string(), parentName: z.string().nullable() });
export const joinInput = z.object({
  ...joiner,
  consent: z.boolean().describe('同意个人信息处理规则'),
  sensitiveConsent: z.boolean().describe('单独同意处理身份证号（敏感个人信息，PIPL 第 29 条）'),
  consentVersion: z.string().max(16).describe('页面显示的规则版本（GET /api/public/unions/{id} 的 consentVersion）'),
});
export const joinTracking = z.object({ trackingCode: z.string(), tenantId: z.number() });
/** What a tracked record's page shows of its state (engine.ts stateOf). */
const trackedState = {
  stateLabel: z.string(),
  stateTone: z.enum(STATE_TONES),
  settled: z.boolean().describe('已办结：不会再有变化'),
};
export const applicationProgress = z.object({
  state: applicationState,
  ...trackedState,
  orgName: z.string(),
  name: z.string(),
  decisionReason: z.string().nullable(),
  cardNo: z.string().nullable(),
  timeline,
  canCancel: z.boolean(),
});
export const publicTransferInput = z.object({
  residentId: z.string().max(30),
  phone: z.string().max(20),
  toOrgId: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
  employment: employment.optional(),
});
// ——— 我的会籍: a worker's own membership (signed in; the account belongs to a person) ———
const tone = z.enum(STATE_TONES);
export const myMembership = z.object({
  name: z.string(),
  membership: z
    .object({
      id: z.number(),
      cardNo: z.string(),
      status,
      statusLabel: z.string(),
      tone,
      orgId: z.number(),
      orgName: z.string(),
      employmentForm,
      employmentFormLabel: z.string(),
      employerName: z.string().nullable(),
      employerCreditCode: z.string().nullable(),
      platformName: z.string().nullable(),
      phoneMasked: z.string().nullable().describe('登记的手机号（脱敏）'),
      joinedOn: z.string(),
      memberSince: z.string().describe('会龄起算日，接转连续计算'),
      years: z.number().describe('会龄（整年）'),
      allowedActions,
      history: timeline,
    })
    .nullable()
    .describe('在册会籍；null 为目前没有'),
  previousMemberships: z.array(
    z.object({
      id: z.number(),
      orgName: z.string(),
      cardNo: z.string(),
      status,
      statusLabel: z.string(),
      tone,
      joinedOn: z.string(),
      endedOn: z.string().nullable(),
      endReason: z.string().nullable(),
    }),
  ),
  applications: z.array(z.object({ id: z.number(), orgName: z.string(), state: applicationState, stateLabel: z.string(), tone, decisionReason: z.string().nullable(), createdAt: timestamp })),
  transfers: z.array(
    z.object({
      id: z.number(),
      state: transferState,
      stateLabel: z.string(),
      tone,
      fromOrgName: z.string(),
      toOrgName: z.string(),
      reason: z.string().nullable(),
      createdAt: timestamp,
      allowedActions,
      timeline,
    }),
  ),
});
export const cardToken = z.object({ token: z.string(), expiresAt: timestamp.describe('过期时间，页面在此之前重新获取') });
export const cardCheck = z.object({ token: z.string().max(200).meta({ title: '会员证二维码' }) });
export const cardVerification = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    name: z.string().describe('脱敏姓名'),
    orgName: z.string(),
    years: z.number().describe('会龄（整年）'),
    expiresAt: timestamp,
  }),
  z.object({ valid: z.literal(false), reason: z.enum(['malformed', 'forged', 'expired', 'ended']), message: z.string() }),
]);
/** 申请接转 by the signed-in member: the target union (chosen by search) and, after a change of job, the new employment. */
export const myTransferInput = publicTransferInput.omit({ residentId: true, phone: true });

/** 找回申请: the applications a proven number made, each with the tracking code that opens its page. */
export const resumedApplication = z.object({ tenantId: z.number(), trackingCode: z.string(), orgName: z.string(), name: z.string(), state: applicationState, stateLabel: z.string(), createdAt: timestamp });
export const transferProgress = z.object({ state: transferState, ...trackedState, name: z.string(), fromOrgName: z.string(), toOrgName: z.string(), timeline, canCancel: z.boolean() });

export async function memberRoutes(app: FastifyInstance, deps: { members: MemberService }) {
  const { members } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['会员 members'];
  const publicTags = ['职工端 public'];

  // ——— public phone pages (no account) ———

  r.get('/api/public/unions/:id', {
    schema: {
      tags: publicTags,
      summary: '入会页的工会信息 Union shown on the join page',
      params: idParam,
      response: { 200: publicUnion },
    },
    handler: async (request) => ({
      ...(await members.publicUnion(request.params.id)),
      alternatives: await members.suggestUnions(request.params.id),
      // In the union's answer, so the join form offers them offline too (the service worker keeps it).
      employmentForms: (await members.employmentForms()).filter((form) => form.enabled).map(({ code, label }) => ({ code, label })),
    }),
  });

  r.get('/api/public/unions', {
    schema: {
      tags: publicTags,
      summary: '按名称查找可加入的工会（接转页） Find a union to move to, by name or pinyin',
      querystring: z.object({ q: z.string().trim().min(1, '请输入工会名称').max(50) }),
      response: { 200: z.object({ items: z.array(unionHit) }) },
    },
    handler: async (request) => ({ items: await members.findUnions(request.query.q) }),
  });

  r.post('/api/public/join', {
    schema: {
      tags: publicTags,
      summary: '一键入会 Apply to join',
      ...submittedOnce('入会申请'),
      body: joinInput,
      response: { 201: joinTracking },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await members.apply(request.body, submissionInfo(request))),
  });

  r.post('/api/public/join/resume/code', {
    schema: { tags: publicTags, summary: '找回入会申请：获取验证码 Request a code to find applications', body: smsCodeRequest, response: { 200: smsCodeSent } },
    handler: async (request) => members.requestResumeCode(request.body.phone, request.ip),
  });

  r.post('/api/public/join/resume', {
    schema: { tags: publicTags, summary: '找回入会申请 Applications of a proven phone number', body: smsCredentials, response: { 200: z.object({ items: z.array(resumedApplication) }) } },
    handler: async (request) => ({ items: await members.applicationsByPhone(request.body.phone, request.body.code) }),
  });

  r.get('/api/public/join/:tenantId/:code', {
    schema: {
      tags: publicTags,
      summary: '入会申请进度 Application progress',
      params: trackingParams,
      response: { 200: applicationProgress },
    },
    handler: async (request) => members.applicationByTracking(request.params.tenantId, request.params.code),
  });

  r.post('/api/public/join/:tenantId/:code/cancel', {
    schema: { tags: publicTags, summary: '撤回入会申请 Cancel', params: trackingParams, response: { 204: noContent } },
    handler: async (request, reply) => {
      await members.cancelApplication(request.params.tenantId, request.params.code, requestInfo(request));
      return reply.status(204).send(null);
    },
  });

  r.post('/api/public/transfers', {
    schema: {
      tags: publicTags,
      summary: '会员申请接转 Member asks for a transfer',
      ...submittedOnce('接转申请'),
      body: publicTransferInput,
      response: { 201: transferCreated },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await members.requestTransfer(null, request.body, submissionInfo(request))),
  });

  r.get('/api/public/transfers/:tenantId/:code', {
    schema: { tags: publicTags, summary: '接转进度 Transfer progress', params: trackingParams, response: { 200: transferProgress } },
    handler: async (request) => members.transferByTracking(request.params.tenantId, request.params.code),
  });

  r.post('/api/public/transfers/:tenantId/:code/cancel', {
    schema: { tags: publicTags, summary: '撤回接转申请 Cancel transfer', params: trackingParams, response: { 204: noContent } },
    handler: async (request, reply) => {
      await members.cancelTransferByTracking(request.params.tenantId, request.params.code, requestInfo(request));
      return reply.status(204).send(null);
    },
  });

  /** Every workflow record is moved the same way: POST {action, input}; the engine decides. */
  const workflowActionRoute = (url: string, summary: string, fire: (actor: Actor, id: number, action: string, input: unknown) => Promise<void>, routeTags = tags) =>
    r.post(url, {
      schema: { tags: routeTags, summary, params: idParam, body: actionBody, response: { 204: noContent } },
      handler: async (request, reply) => {
        await fire(requireActor(request), request.params.id, request.body.action, request.body.input);
        return reply.status(204).send(null);
      },
    });

  // ——— 我的会籍: the worker's own (no id in any route: it is always the actor's person) ———

  const mineTags = ['我的会籍 my membership'];
  r.get('/api/my/membership', {
    schema: { tags: mineTags, summary: '我的会籍：在册会籍、历史、入会申请与接转 My membership', response: { 200: myMembership } },
    handler: async (request) => members.myMembership(requireActor(request)),
  });

  r.get('/api/my/membership/card', {
    schema: { tags: mineTags, summary: '电子会员证二维码（签名，5 分钟内有效） A fresh e-card token', response: { 200: cardToken } },
    handler: async (request) => members.myCardToken(requireActor(request)),
  });

  r.post('/api/my/membership/actions', {
    schema: { tags: mineTags, summary: '本人办理（更新就业信息） Act on my membership', body: actionBody, response: { 204: noContent } },
    handler: async (request, reply) => {
      await members.actOnMyMembership(requireActor(request), request.body.action, request.body.input);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/my/phone/code', {
    schema: { tags: mineTags, summary: '更换手机号：向新号码发送验证码 Request a code to the new number', body: smsCodeRequest, response: { 200: smsCodeSent } },
    handler: async (request) => members.requestMyPhoneCode(requireActor(request), request.body.phone, request.ip),
  });

  r.post('/api/my/phone', {
    schema: { tags: mineTags, summary: '更换手机号（验证码证明新号码） Change my phone number', body: smsCredentials, response: { 204: noContent } },
    handler: async (request, reply) => {
      await members.changeMyPhone(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/my/transfers', {
    schema: {
      tags: mineTags,
      summary: '本人申请会员接转 Request a transfer of my membership',
      ...submittedOnce('接转申请'),
      body: myTransferInput,
      response: { 201: transferCreated },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await members.requestMyTransfer(requireActor(request), request.body, submissionInfo(request))),
  });

  workflowActionRoute('/api/my/transfers/:id/actions', '撤回本人的接转申请 Act on my transfer', members.actOnMyTransfer, mineTags);

  r.post('/api/members/card/verify', {
    schema: {
      tags,
      summary: '扫码验证电子会员证（只答是否有效、脱敏姓名、工会、会龄） Verify an e-card',
      body: cardCheck,
      response: { 200: cardVerification },
    },
    handler: async (request) => members.verifyCard(requireActor(request), request.body.token),
  });

  // ——— staff ———
  /** The bulk form of a workflow's actions: the same action on each selected record, a result for each. */
  const bulkActionRoute = (url: string, summary: string, fire: (actor: Actor, ids: readonly number[], action: string, input: unknown) => Promise<z.input<typeof bulkResults>['results']>) =>
    r.post(url, {
      schema: { tags, summary, body: bulkActionBody, response: { 200: bulkResults } },
      handler: async (request) => ({ results: await fire(requireActor(request), request.body.ids, request.body.action, request.body.input) }),
    });

  r.get('/api/members', {
    schema: {
      tags,
      summary: '会员列表 Members (name, pinyin, initials, ID or phone digits)',
      querystring: z.object({ ...memberListFilters, ...pageQuery }),
      response: { 200: pageOf(memberRow).extend({ total: listTotal, totalCapped }) },
    },
    handler: async (request) => members.list(requireActor(request), request.query),
  });

  r.get('/api/members/count', {
    schema: {
      tags,
      summary: '会员列表的总数（宽泛搜索的列表先回本页，总数由此取） The list\'s count, for a page that came without it',
      querystring: z.object(memberListFilters),
      response: { 200: z.object({ total: z.number().int(), totalCapped }) },
    },
    handler: async (request) => members.totalOf(requireActor(request), request.query),
  });

  r.get('/api/members/export.xlsx', {
    schema: {
      // The API document lists it with the roster import: the register's way in and way out.
      tags: ['会员导入导出 member import/export'],
      summary: '导出会员名单（xlsx，筛选条件同会员列表，身份证号脱敏） Export the filtered list',
      querystring: z.object(memberListFilters),
    },
    handler: async (request, reply) => {
      const exported = await members.prepareExport(requireActor(request), request.query);
      return sendXlsx(request, reply, exported.fileName, exported.fallbackName, exported.write);
    },
  });

  r.post('/api/members', {
    schema: {
      tags,
      summary: '新增会员（随入随录：持纸质入会申请书到工会办理） Enter a member who joined at the union',
      body: newMember,
      response: { 201: memberAdded },
    },
    handler: async (request, reply) => reply.status(201).send(await members.addMember(requireActor(request), request.body)),
  });

  r.get('/api/members/deemed-withdrawal-candidates', {
    schema: {
      tags,
      summary: '视为自动退会候选名单 Candidates for deemed withdrawal',
      querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), ...pageQuery }),
      response: { 200: deemedCandidatePage },
    },
    handler: async (request) => members.deemedWithdrawalCandidates(requireActor(request), request.query),
  });

  r.get('/api/members/:id', {
    schema: {
      tags,
      summary: '会员详情与全部历史 Member with full history',
      params: idParam,
      response: {
        200: memberDetail,
      },
    },
    handler: async (request) => members.detail(requireActor(request), request.params.id),
  });

  r.post('/api/members/:id/reveal-id', {
    schema: { tags, summary: '查看完整身份证号（留痕） Reveal the full ID (audited)', params: idParam, response: { 200: revealedId } },
    handler: async (request) => members.revealResidentId(requireActor(request), request.params.id),
  });

  workflowActionRoute('/api/members/:id/actions', '会籍变更（保留、恢复、退会、视为退会、开除） Membership action', members.act);
  bulkActionRoute('/api/members/actions', '批量会籍变更（逐条办理，逐条返回结果） Bulk membership action', members.actOnMembers);

  r.get('/api/join-applications', {
    schema: {
      tags,
      summary: '入会申请 Join applications',
      querystring: z.object({ state: applicationState.optional(), ...pageQuery }),
      response: {
        200: pageOf(joinApplicationRow),
      },
    },
    handler: async (request) => members.listApplications(requireActor(request), request.query),
  });

  workflowActionRoute('/api/join-applications/:id/actions', '审核入会申请 Decide an application', members.actOnApplication);
  bulkActionRoute('/api/join-applications/actions', '批量审核入会申请（逐条办理，逐条返回结果） Decide applications in bulk', members.actOnApplications);

  r.get('/api/transfers', {
    schema: {
      tags,
      summary: '会员接转 Transfers',
      querystring: z.object({ direction: z.enum(['in', 'out']).optional(), state: transferState.optional(), ...pageQuery }),
      response: {
        200: pageOf(transferRow),
      },
    },
    handler: async (request) => members.listTransfers(requireActor(request), request.query),
  });

  r.post('/api/transfers', {
    schema: {
      tags,
      summary: '发起接转（转出方用会员编号，转入方用身份证号） Request a transfer',
      body: transferRequest,
      response: { 201: transferCreated },
    },
    handler: async (request, reply) => reply.status(201).send(await members.requestTransfer(requireActor(request), request.body, requestInfo(request))),
  });

  workflowActionRoute('/api/transfers/:id/actions', '办理接转（同意转出、接收、不同意） Act on a transfer', members.actOnTransfer);
  bulkActionRoute('/api/transfers/actions', '批量办理接转（逐条办理，逐条返回结果） Act on transfers in bulk', members.actOnTransfers);

  r.get('/api/members/meta', {
    schema: {
      tags,
      summary: '就业形态与会籍状态 Code lists',
      response: { 200: membersMeta },
    },
    handler: async () => ({
      employmentForms: await members.employmentForms(),
      statuses: Object.entries(MEMBERSHIP_STATUSES).map(([code, label]) => ({ code, label })),
      statusFilters: [
        { code: 'current', label: '在册会员' },
        { code: 'all', label: '全部（含已转出、退会）' },
        ...Object.entries(MEMBERSHIP_STATUSES).map(([code, label]) => ({ code, label })),
      ],
    }),
  });
}
