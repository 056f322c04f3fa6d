import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { actionBody, allowedActions, codeLabel, codeLabels, dayEndQuery, dayQuery, idParam, keysOf, nullableTimestamp, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { REQUEST_CATEGORIES, REQUEST_RATINGS, type RequestCategory, type RequestRating, type RequestState } from './schema.js';
import type { DirectLineService } from './service.js';
import { REQUEST_STATES } from './workflow.js';

/** The 零距离 API's shapes, exported so that the web types what it sends and receives from them. */

const category = z.enum(keysOf<RequestCategory>(REQUEST_CATEGORIES), '请选择诉求类别');
const state = z.enum(keysOf<RequestState>(REQUEST_STATES));
const rating = z.enum(keysOf<RequestRating>(REQUEST_RATINGS));

/** 提出诉求: to a representative, or to a union (one of the two). */
export const newRequest = z.object({
  representativeUserId: z.number().int().positive().nullish().describe('向哪位会员代表提出（可选的代表见 /api/direct-line/addressees）'),
  orgId: z.number().int().positive().nullish().describe('不找具体代表时，向哪个工会提出'),
  subject: z.string().trim().min(4, '主题至少 4 个字').max(100, '主题不能超过 100 个字').describe('主题'),
  category: category.describe('诉求类别'),
  text: z.string().trim().min(10, '请把情况说清楚（至少 10 个字）').max(2000, '内容不能超过 2000 个字').describe('诉求内容'),
});
export const requestListQuery = z.object({
  state: state.optional(),
  category: category.optional(),
  q: z.string().trim().max(50).optional().describe('主题和诉求内容中的文字'),
  ...pageQuery,
});

export const requestRow = z.object({
  id: z.number(),
  subject: z.string(),
  category,
  categoryLabel: z.string(),
  state,
  stateLabel: z.string(),
  orgId: z.number(),
  orgName: z.string().describe('诉求所在的工会（代表所在工会，或职工选择的工会）'),
  workerName: z.string(),
  workerOrgId: z.number(),
  workerOrgName: z.string(),
  representativeName: z.string().nullable(),
  addresseeName: z.string().describe('向谁提出：代表姓名或工会名称'),
  proposalId: z.number().nullable(),
  rating: rating.nullable(),
  ratingLabel: z.string().nullable(),
  lastMessage: z.string().describe('最新一条留言'),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const requestPage = pageOf(requestRow);

export const requestDetail = requestRow.omit({ lastMessage: true }).extend({
  tenantId: z.number(),
  firstReplyAt: nullableTimestamp.describe('首次回复时间'),
  closedAt: nullableTimestamp,
  ratingComment: z.string().nullable(),
  messages: z.array(z.object({ id: z.number(), authorName: z.string(), fromWorker: z.boolean(), text: z.string(), at: timestamp })).describe('留言，先后为序'),
  proposal: z
    .object({ id: z.number(), visible: z.boolean().describe('草稿只有提案人可见，提交后职工可查看'), serialNo: z.string().nullable(), title: z.string().nullable(), state: z.string().nullable(), stateLabel: z.string().nullable() })
    .nullable()
    .describe('转成的提案'),
  timeline: timelineEntries,
  messageAction: z.object({ action: z.string(), label: z.string() }).nullable().describe('留言框：现在可以发送的留言操作（回复、追问或补充说明）；null 为不能留言'),
  allowedActions,
});

export const requestAddressees = z.object({
  unions: z.array(z.object({ id: z.number(), name: z.string() })).describe('本工会和上级工会（至县级），由近到远'),
  representatives: z.array(z.object({ userId: z.number(), name: z.string(), orgId: z.number(), orgName: z.string() })),
});

export const directLineMeta = z.object({ categories: z.array(codeLabel), ratings: z.array(codeLabel) });

export const representativeRecordQuery = z.object({
  orgId: z.coerce.number().int().positive().describe('工会：统计其本级和下级的诉求'),
  from: dayQuery.describe('起始日（含）'),
  to: dayEndQuery.describe('截止日（含）'),
});
export const representativeRecord = z.object({
  items: z.array(
    z.object({
      userId: z.number(),
      name: z.string(),
      received: z.number().describe('收到的诉求'),
      answered: z.number().describe('已回复'),
      answeredOnTime: z.number().describe('两个工作日内首次回复'),
      proposals: z.number().describe('转为提案'),
      medianFirstReplyHours: z.number().nullable().describe('首次回复用时中位数（小时）'),
      meanFirstReplyHours: z.number().nullable().describe('首次回复平均用时（小时）'),
      ratings: z.record(rating, z.number()).describe('职工评价'),
    }),
  ),
});

export async function directLineRoutes(app: FastifyInstance, deps: { directLine: DirectLineService }) {
  const { directLine } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['零距离 direct line'];

  r.get('/api/direct-line', {
    schema: { tags, summary: '诉求列表（待回复在前） Requests', querystring: requestListQuery, response: { 200: requestPage } },
    handler: async (request) => directLine.list(requireActor(request), request.query),
  });

  r.post('/api/direct-line', {
    schema: { tags, summary: '提出诉求 Ask a representative or the union', body: newRequest, response: { 201: requestDetail } },
    handler: async (request, reply) => reply.status(201).send(await directLine.create(requireActor(request), request.body)),
  });

  r.get('/api/direct-line/addressees', {
    schema: { tags, summary: '可以向谁提出诉求 Whom a worker may ask', response: { 200: requestAddressees } },
    handler: async (request) => directLine.addressees(requireActor(request)),
  });

  r.get('/api/direct-line/meta', {
    schema: { tags, summary: '诉求类别、评价 Code lists', response: { 200: directLineMeta } },
    handler: async (request) => {
      requireActor(request);
      return { categories: codeLabels(REQUEST_CATEGORIES), ratings: codeLabels(REQUEST_RATINGS) };
    },
  });

  r.get('/api/direct-line/record', {
    schema: { tags, summary: '代表履职记录：收到、回复、转提案、回复用时、评价 Representatives’ record', querystring: representativeRecordQuery, response: { 200: representativeRecord } },
    handler: async (request) => directLine.representativeRecord(requireActor(request), request.query),
  });

  r.get('/api/direct-line/:id', {
    schema: { tags, summary: '诉求详情、留言与可办操作 A request', params: idParam, response: { 200: requestDetail } },
    handler: async (request) => directLine.detail(requireActor(request), request.params.id),
  });

  r.post('/api/direct-line/:id/actions', {
    schema: { tags, summary: '回复、追问、评价、办结、转为提案 Act on a request', params: idParam, body: actionBody, response: { 200: requestDetail } },
    handler: async (request) => directLine.act(requireActor(request), request.params.id, request.body.action, request.body.input),
  });
}
