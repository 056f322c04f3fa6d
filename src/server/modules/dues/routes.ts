import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { calendarDay, idParam, keysOf, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import { readUpload, registerAttachmentUploads } from '../../platform/attachments/http.js';
import type { ActivityService } from './activities.js';
import type { DuesImportService } from './imports.js';
import { DUES_STATUSES, EXEMPTION_REASONS } from './schema.js';
import type { DuesService } from './service.js';

/** The dues API's shapes, exported so that the web types what it receives and sends from them. */

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM')
  .meta({ title: '月份' });
const orgId = z.coerce.number().int().positive().meta({ title: '工会' });
const fen = z.number().int().nullable().describe('金额（分）');

export const duesListQuery = z.object({
  orgId: orgId.optional(),
  month: month.optional(),
  status: z.enum(keysOf(DUES_STATUSES)).optional(),
  q: z.string().trim().max(50).optional().describe('姓名或会员证号开头'),
  ...pageQuery,
});
export const duesRow = z.object({
  id: z.number(),
  membershipId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  cardNo: z.string(),
  month: z.string(),
  wageFen: fen,
  amountFen: fen,
  status: z.enum(keysOf(DUES_STATUSES)),
  statusLabel: z.string(),
  exemptionLabel: z.string().nullable(),
  sourceLabel: z.string(),
  paidOn: z.string().nullable(),
});
export const duesPage = pageOf(duesRow).extend({
  totalCapped: z.boolean(),
  figures: z.array(z.object({ status: z.string(), statusLabel: z.string(), members: z.number(), amountFen: z.number() })).describe('按月份筛选时：已缴、未缴、免缴的人数和金额'),
});
export const duesRecordBody = z.object({
  orgId: z.number().int().positive().meta({ title: '工会' }),
  membershipId: z.number().int().positive().meta({ title: '会员' }),
  month,
  wageFen: z.number().int().min(0).max(1_000_000_000).nullable().optional().meta({ title: '应发工资（分）' }),
  paid: z.boolean().meta({ title: '已缴纳' }),
});
export const markPaidBody = z.object({ orgId: z.number().int().positive().meta({ title: '工会' }), month });
export const duesRuleBody = z.object({
  rateBasisPoints: z.number().int().min(0).max(1000).meta({ title: '费率（万分之）', description: '章程标准为工资收入的 0.5%，即 50' }),
  roundToFen: z.union([z.literal(1), z.literal(10), z.literal(100)]).meta({ title: '取整到（分）', description: '1 分、10 分（角）或 100 分（元）' }),
});
export const duesRule = duesRuleBody.extend({
  roundToFen: z.number(), orgId: z.number().nullable(), ownRule: z.boolean(), inheritedFrom: z.string().nullable() });
export const exemptionBody = z.object({
  orgId: z.number().int().positive(),
  membershipId: z.number().int().positive().meta({ title: '会员' }),
  reason: z.enum(keysOf(EXEMPTION_REASONS)).meta({ title: '免缴原因' }),
  fromMonth: month.meta({ title: '起始月份' }),
  toMonth: month.nullable().optional().meta({ title: '截止月份' }),
});
export const exemptionList = z.object({
  items: z.array(z.object({ id: z.number(), membershipId: z.number(), name: z.string(), reason: z.string(), reasonLabel: z.string(), fromMonth: z.string(), toMonth: z.string().nullable() })),
});
export const memberChoices = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), cardNo: z.string() })) });
export const duesImportSummary = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  fileName: z.string(),
  month: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  lines: z.number(),
  rejected: z.number().describe('有问题的行数：大于 0 时不能导入'),
  createdAt: timestamp,
  committedAt: timestamp.nullable(),
});
export const duesImportLine = z.object({
  line: z.number(),
  name: z.string(),
  cardNo: z.string().nullable(),
  month: z.string().nullable(),
  wageFen: fen,
  amountFen: fen,
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  exemptionLabel: z.string().nullable(),
  issues: z.array(z.object({ field: z.string(), reason: z.string() })),
});
export const duesImportLines = pageOf(duesImportLine);
export const activityRow = z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), title: z.string(), heldOn: z.string(), place: z.string(), attendees: z.number() });
export const activityBody = z.object({
  orgId: z.number().int().positive().meta({ title: '工会' }),
  title: z.string().trim().min(2, '请填写活动名称').max(100).meta({ title: '活动名称' }),
  heldOn: calendarDay.meta({ title: '活动日期' }),
  place: z.string().trim().min(2, '请填写活动地点').max(100).meta({ title: '活动地点' }),
});
export const activityDetail = activityRow.extend({
  attendance: z.array(z.object({ membershipId: z.number(), name: z.string(), cardNo: z.string(), way: z.string(), wayLabel: z.string(), at: timestamp })),
});
export const attendanceBody = z.object({ membershipIds: z.array(z.number().int().positive()).min(1, '请选择参加人员').max(500).meta({ title: '参加人员' }) });
export const checkInCode = z.object({ token: z.string(), expiresAt: timestamp });
export const checkInBody = z.object({ token: z.string().min(1).max(200).meta({ title: '签到码' }) });
export const checkInResult = z.object({ title: z.string(), name: z.string(), already: z.boolean() });

export async function duesRoutes(app: FastifyInstance, deps: { dues: DuesService; imports: DuesImportService; activities: ActivityService }) {
  const { dues, imports, activities } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['会费与组织生活 dues and union life'];
  await registerAttachmentUploads(app);

  r.get('/api/dues', {
    schema: { tags, summary: '会费记录（按工会、月份） Dues records', querystring: duesListQuery, response: { 200: duesPage } },
    handler: async (request) => dues.list(requireActor(request), request.query),
  });
  r.post('/api/dues', {
    schema: { tags, summary: '登记一名会员某月的会费 Record a member’s dues', body: duesRecordBody, response: { 200: z.object({ status: z.string(), amountFen: fen }) } },
    handler: async (request) => dues.record(requireActor(request), request.body),
  });
  r.post('/api/dues/mark-paid', {
    schema: { tags, summary: '单位代缴：本工会在册会员某月会费一键标记已缴 Mark a month paid for every member', body: markPaidBody, response: { 200: z.object({ paid: z.number(), exempt: z.number() }) } },
    handler: async (request) => dues.markPaid(requireActor(request), request.body),
  });
  r.get('/api/dues/members', {
    schema: { tags, summary: '在册会员（选择用） Members to pick', querystring: z.object({ orgId, q: z.string().max(50).default('') }), response: { 200: memberChoices } },
    handler: async (request) => dues.memberChoices(requireActor(request), request.query.orgId, request.query.q),
  });
  r.get('/api/dues/rules/:id', {
    schema: { tags, summary: '工会适用的会费标准 The dues rule at a union', params: idParam, response: { 200: duesRule } },
    handler: async (request) => dues.rule(requireActor(request), request.params.id),
  });
  r.put('/api/dues/rules/:id', {
    schema: { tags, summary: '设置本工会的会费标准 Set a union’s dues rule', params: idParam, body: duesRuleBody, response: { 200: duesRule } },
    handler: async (request) => dues.setRule(requireActor(request), request.params.id, request.body),
  });
  r.get('/api/dues/exemptions', {
    schema: { tags, summary: '免缴会费的会员 Exemptions', querystring: z.object({ orgId }), response: { 200: exemptionList } },
    handler: async (request) => dues.exemptions(requireActor(request), request.query.orgId),
  });
  r.post('/api/dues/exemptions', {
    schema: { tags, summary: '登记免缴会费 Exempt a member', body: exemptionBody, response: { 201: z.object({ id: z.number() }) } },
    handler: async (request, reply) => reply.status(201).send(await dues.addExemption(requireActor(request), request.body)),
  });

  r.post('/api/dues/imports', {
    schema: {
      tags,
      summary: '上传工资表（xlsx/csv） Upload a payroll',
      description: 'multipart/form-data 字段 file（不超过 10 MB）；查询参数 orgId 与 month（表中没有「月份」列时的月份）。表头含「姓名」「应发工资」，以及「身份证号」或「会员证号」。',
      consumes: ['multipart/form-data'],
      querystring: z.object({ orgId, month }),
      response: { 201: duesImportSummary },
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const upload = await readUpload(request);
      return reply.status(201).send(await imports.upload(actor, { ...request.query, fileName: upload.fileName, bytes: Buffer.from(upload.bytes) }));
    },
  });
  r.get('/api/dues/imports', {
    schema: { tags, summary: '最近的工资表导入 Recent payroll imports', querystring: z.object({ orgId: orgId.optional() }), response: { 200: z.object({ items: z.array(duesImportSummary) }) } },
    handler: async (request) => imports.list(requireActor(request), request.query),
  });
  r.get('/api/dues/imports/:id', {
    schema: { tags, summary: '工资表导入 A payroll import', params: idParam, response: { 200: duesImportSummary } },
    handler: async (request) => imports.get(requireActor(request), request.params.id),
  });
  r.get('/api/dues/imports/:id/lines', {
    schema: {
      tags,
      summary: '工资表预览（逐行） The preview, line by line',
      params: idParam,
      querystring: z.object({ problemsOnly: z.enum(['true', 'false']).optional(), ...pageQuery }),
      response: { 200: duesImportLines },
    },
    handler: async (request) => imports.lines(requireActor(request), request.params.id, { ...request.query, problemsOnly: request.query.problemsOnly === 'true' }),
  });
  r.post('/api/dues/imports/:id/commit', {
    schema: { tags, summary: '确认导入（全部或全不） Commit, all or nothing', params: idParam, response: { 200: duesImportSummary } },
    handler: async (request) => imports.commit(requireActor(request), request.params.id),
  });

  r.get('/api/activities', {
    schema: { tags, summary: '组织生活 Activities', querystring: z.object({ orgId: orgId.optional(), ...pageQuery }), response: { 200: pageOf(activityRow) } },
    handler: async (request) => activities.list(requireActor(request), request.query),
  });
  r.post('/api/activities', {
    schema: { tags, summary: '新建活动 Create an activity', body: activityBody, response: { 201: z.object({ id: z.number() }) } },
    handler: async (request, reply) => reply.status(201).send(await activities.create(requireActor(request), request.body)),
  });
  r.get('/api/activities/:id', {
    schema: { tags, summary: '活动及参加人员 An activity and who took part', params: idParam, response: { 200: activityDetail } },
    handler: async (request) => activities.detail(requireActor(request), request.params.id),
  });
  r.post('/api/activities/:id/attendance', {
    schema: { tags, summary: '登记参加人员 Enter attendance', params: idParam, body: attendanceBody, response: { 200: z.object({ added: z.number() }) } },
    handler: async (request) => activities.addAttendance(requireActor(request), request.params.id, request.body.membershipIds),
  });
  r.get('/api/activities/:id/check-in-code', {
    schema: { tags, summary: '签到二维码的签到码（10 分钟内有效） A fresh check-in code', params: idParam, response: { 200: checkInCode } },
    handler: async (request) => activities.checkInCode(requireActor(request), request.params.id),
  });
  r.post('/api/activities/check-in', {
    schema: { tags, summary: '扫码签到 Check in by the QR code', body: checkInBody, response: { 200: checkInResult } },
    handler: async (request) => activities.checkIn(requireActor(request), request.body.token),
  });
}
