import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { actionBody, allowedActions, booleanQuery, calendarDay, codeLabel, codeLabels, idParam, keysOf, nullableTimestamp, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { SIGNAL_KINDS, SIGNAL_LEVELS, SIGNAL_SOURCES, type SignalKind, type SignalLevel, type SignalSource, type SignalState } from './schema.js';
import type { EnterpriseService } from './service.js';
import { SIGNAL_STATES } from './workflow.js';

/** The 一企一策 API's shapes, exported so that the web types what it sends and receives from them. */

const kind = z.enum(keysOf<SignalKind>(SIGNAL_KINDS), '请选择风险类型');
const level = z.enum(keysOf<SignalLevel>(SIGNAL_LEVELS), '请选择预警等级');
const source = z.enum(keysOf<SignalSource>(SIGNAL_SOURCES), '请选择信息来源');
const state = z.enum(keysOf<SignalState>(SIGNAL_STATES));
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullish();

export const enterpriseInput = z.object({
  orgId: z.number().int().positive().describe('负责的镇街工会或联合工会'),
  name: z.string().trim().min(2, '企业名称至少 2 个字').max(100, '企业名称不能超过 100 个字').describe('企业名称'),
  creditCode: z.string().trim().min(1, '请填写统一社会信用代码').max(30, '统一社会信用代码应为 18 位').describe('统一社会信用代码'),
  industry: optionalText(50, '行业').describe('行业'),
  address: optionalText(200, '地址').describe('地址'),
  employeeCount: z.number().int('职工人数应为整数').nullish().describe('职工人数'),
  contactName: optionalText(50, '联系人').describe('联系人'),
  contactPhone: optionalText(20, '联系电话').describe('联系电话（手机号）'),
  hasUnion: z.boolean().describe('是否已建会'),
});
export const enterpriseUpdate = enterpriseInput.extend({ version: z.number().int().min(1) });

const signalFacts = {
  kind: kind.describe('风险类型'),
  level: level.describe('预警等级'),
  description: z.string().trim().max(2000, '情况说明不能超过 2000 个字').describe('发现的情况'),
  workersAffected: z.number().int('涉及职工人数应为整数').describe('涉及职工人数'),
  amountFen: z.number().int('金额以分计，应为整数').nullish().describe('涉及金额（分）'),
};
export const signalInput = z.object({ ...signalFacts, source: source.describe('信息来源'), reportedOn: calendarDay.describe('发现日期') });
export const signalUpdate = signalInput.extend({ version: z.number().int().min(1) });

export const visitInput = z.object({
  visitedOn: calendarDay.describe('访查日期'),
  visitors: z.string().trim().max(200, '访查人员不能超过 200 个字').describe('访查人员'),
  findings: z.string().trim().max(2000, '访查发现不能超过 2000 个字').describe('访查发现'),
  signal: z.object(signalFacts).nullish().describe('访查中发现的风险：登记为一条来源为主动访查的预警'),
});
export const planInput = z.object({
  summary: z.string().trim().max(2000, '不能超过 2000 个字').describe('企业情况与工作思路'),
  measures: z.string().trim().max(4000, '不能超过 4000 个字').describe('具体措施'),
  responsiblePerson: z.string().trim().max(50, '责任人不能超过 50 个字').describe('责任人'),
  basedOn: z.number().int().min(0).describe('在哪一版上修改（首次制定为 0）'),
});

export const enterpriseListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('工会：其本级和下级负责的企业'),
  q: z.string().trim().max(50).optional().describe('企业名称或统一社会信用代码'),
  hasUnion: booleanQuery.optional().describe('是否已建会'),
  sort: z.enum(['name', '-name', 'employeeCount', '-employeeCount', 'openSignals', '-openSignals']).optional(),
  ...pageQuery,
});
export const enterpriseRow = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string(),
  industry: z.string().nullable(),
  employeeCount: z.number().nullable(),
  hasUnion: z.boolean(),
  orgId: z.number(),
  orgName: z.string(),
  openSignals: z.number().describe('未结束的预警'),
  topLevel: level.nullable().describe('未结束预警中最高的等级'),
  topLevelLabel: z.string().nullable(),
});

export const signalListQuery = z.object({
  level: level.optional(),
  kind: kind.optional(),
  state: state.optional(),
  orgId: z.coerce.number().int().positive().optional().describe('工会：其本级和下级负责企业的预警'),
  q: z.string().trim().max(50).optional().describe('企业名称或统一社会信用代码'),
  sort: z.enum(['-severity', 'severity', 'reportedOn', '-reportedOn', 'workersAffected', '-workersAffected', 'amountFen', '-amountFen']).optional().describe('默认红色在前，再按发现日期'),
  ...pageQuery,
});
export const signalRow = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  kind,
  kindLabel: z.string(),
  level,
  levelLabel: z.string(),
  source,
  sourceLabel: z.string(),
  state,
  stateLabel: z.string(),
  description: z.string(),
  workersAffected: z.number(),
  amountFen: z.number().nullable(),
  reportedOn: z.string(),
  follower: z.string().nullable().describe('跟进人'),
  caseId: z.number().nullable().describe('转成的调解案件'),
  caseLabel: z.string().nullable(),
  updatedAt: timestamp,
});
export const signalDetail = signalRow.extend({
  tenantId: z.number(),
  visitId: z.number().nullable().describe('发现它的那次主动访查'),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  leadersNotifiedAt: nullableTimestamp.describe('严重预警通知领导的时间'),
  version: z.number(),
  canEdit: z.boolean().describe('现在能否修改预警内容'),
  caseable: z.boolean().describe('还在处置中，可以转调解（由调解工作室受理）'),
  timeline: timelineEntries,
  allowedActions,
});

export const enterpriseDetail = z.object({
  id: z.number(),
  tenantId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  creditCode: z.string(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  employeeCount: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('管理本企业的工作人员看到完整号码，其他人看到掩码'),
  hasUnion: z.boolean(),
  version: z.number(),
  canManage: z.boolean(),
  updatedAt: timestamp,
  signals: z.array(signalRow),
  visits: z.array(z.object({ id: z.number(), visitedOn: z.string(), visitors: z.string(), findings: z.string(), recordedByName: z.string() })),
  plan: z
    .array(z.object({ revision: z.number(), summary: z.string(), measures: z.string(), responsiblePerson: z.string(), authorName: z.string(), at: timestamp }))
    .describe('一企一策各版本，当前版本在前'),
});

export const signalStatisticsQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
const tally = z.array(z.object({ code: z.string(), label: z.string(), count: z.number() }));
export const signalStatistics = z.object({ total: z.number(), byKind: tally, byLevel: tally, byState: tally });

export const enterprisesMeta = z.object({ kinds: z.array(codeLabel), levels: z.array(codeLabel), sources: z.array(codeLabel) });

export async function enterpriseRoutes(app: FastifyInstance, deps: { enterprises: EnterpriseService }) {
  const { enterprises } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['一企一策 enterprises and risk signals'];

  r.get('/api/enterprises', {
    schema: { tags, summary: '企业列表 Enterprises', querystring: enterpriseListQuery, response: { 200: pageOf(enterpriseRow) } },
    handler: async (request) => enterprises.list(requireActor(request), request.query),
  });

  r.post('/api/enterprises', {
    schema: { tags, summary: '登记企业 Register an enterprise', body: enterpriseInput, response: { 201: enterpriseDetail } },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await enterprises.detail(actor, await enterprises.create(actor, request.body)));
    },
  });

  r.get('/api/enterprises/meta', {
    schema: { tags, summary: '风险类型、等级、来源 Code lists', response: { 200: enterprisesMeta } },
    handler: async (request) => {
      requireActor(request);
      return { kinds: codeLabels(SIGNAL_KINDS), levels: codeLabels(SIGNAL_LEVELS), sources: codeLabels(SIGNAL_SOURCES) };
    },
  });

  r.get('/api/enterprises/:id', {
    schema: { tags, summary: '企业详情：预警、访查、一企一策 An enterprise', params: idParam, response: { 200: enterpriseDetail } },
    handler: async (request) => enterprises.detail(requireActor(request), request.params.id),
  });

  r.put('/api/enterprises/:id', {
    schema: { tags, summary: '修改企业信息 Correct an enterprise', params: idParam, body: enterpriseUpdate, response: { 200: enterpriseDetail } },
    handler: async (request) => {
      const actor = requireActor(request);
      return enterprises.detail(actor, await enterprises.update(actor, request.params.id, request.body));
    },
  });

  r.post('/api/enterprises/:id/visits', {
    schema: { tags, summary: '记录主动访查 Record a visit', params: idParam, body: visitInput, response: { 201: enterpriseDetail } },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      await enterprises.addVisit(actor, request.params.id, request.body);
      return reply.status(201).send(await enterprises.detail(actor, request.params.id));
    },
  });

  r.put('/api/enterprises/:id/plan', {
    schema: { tags, summary: '制定或修订一企一策 Revise the plan', params: idParam, body: planInput, response: { 200: enterpriseDetail } },
    handler: async (request) => {
      const actor = requireActor(request);
      await enterprises.savePlan(actor, request.params.id, request.body);
      return enterprises.detail(actor, request.params.id);
    },
  });

  r.post('/api/enterprises/:id/signals', {
    schema: { tags, summary: '登记风险预警 Record a risk signal', params: idParam, body: signalInput, response: { 201: signalDetail } },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(await enterprises.signalDetail(actor, await enterprises.createSignal(actor, request.params.id, request.body)));
    },
  });

  r.get('/api/risk-signals', {
    schema: { tags, summary: '风险预警列表（红色在前） Risk signals', querystring: signalListQuery, response: { 200: pageOf(signalRow) } },
    handler: async (request) => enterprises.signals(requireActor(request), request.query),
  });

  r.get('/api/risk-signals/statistics', {
    schema: { tags, summary: '预警统计：按类型、等级、状态 Signal statistics', querystring: signalStatisticsQuery, response: { 200: signalStatistics } },
    handler: async (request) => enterprises.signalStatistics(requireActor(request), request.query),
  });

  r.get('/api/risk-signals/:id', {
    schema: { tags, summary: '预警详情与可办操作 A risk signal', params: idParam, response: { 200: signalDetail } },
    handler: async (request) => enterprises.signalDetail(requireActor(request), request.params.id),
  });

  r.put('/api/risk-signals/:id', {
    schema: { tags, summary: '修改预警内容 Correct a signal', params: idParam, body: signalUpdate, response: { 200: signalDetail } },
    handler: async (request) => {
      const actor = requireActor(request);
      await enterprises.updateSignal(actor, request.params.id, request.body);
      return enterprises.signalDetail(actor, request.params.id);
    },
  });

  r.post('/api/risk-signals/:id/actions', {
    schema: { tags, summary: '跟进、更换跟进人、化解 Act on a signal', params: idParam, body: actionBody, response: { 200: signalDetail } },
    handler: async (request) => {
      const actor = requireActor(request);
      await enterprises.actOnSignal(actor, request.params.id, request.body.action, request.body.input);
      return enterprises.signalDetail(actor, request.params.id);
    },
  });
}
