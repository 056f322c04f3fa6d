import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { booleanQuery, calendarDay, idParam, noContent, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import type { NoticeService } from './service.js';

export const newNotice = z.object({
  orgId: z.number().int().positive().meta({ title: '发布单位' }),
  title: z.string().trim().min(1, '请填写标题').max(100, '标题不超过 100 字').meta({ title: '标题' }),
  body: z.string().trim().min(1, '请填写正文').max(10_000, '正文不超过 10000 字').meta({ title: '正文' }),
  publishOn: calendarDay.optional().meta({ title: '发布日期' }),
});

const noticeFields = {
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  publishOn: z.string(),
  authorName: z.string(),
  createdAt: timestamp,
  /** Whether the viewer has read it. */
  read: z.boolean(),
};

export const noticeListItem = z.object({ ...noticeFields, recipients: z.number().nullable(), readers: z.number().nullable() });
export const noticeView = z.object({ ...noticeFields, body: z.string(), canSeeReceipts: z.boolean() });
const reader = z.object({ userId: z.number(), displayName: z.string() });
export const noticeReceipts = z.object({
  items: z.array(z.object({ orgId: z.number(), orgName: z.string(), read: z.array(reader.extend({ readAt: timestamp })), unread: z.array(reader) })),
  recipients: z.number(),
  readers: z.number(),
});

export async function noticeRoutes(app: FastifyInstance, deps: { notices: NoticeService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知公告 notices'];
  r.get('/api/notices', {
    schema: {
      tags,
      summary: '通知公告 Notices (inbox or sent)',
      querystring: z.object({ box: z.enum(['inbox', 'sent']).default('inbox'), q: z.string().max(100).optional(), unread: booleanQuery.optional(), ...pageQuery }),
      response: { 200: pageOf(noticeListItem) },
    },
    handler: async (request) => deps.notices.list(requireActor(request), request.query),
  });
  r.post('/api/notices', {
    schema: { tags, summary: '发布通知 Publish a notice', body: newNotice, response: { 201: noticeView } },
    handler: async (request, reply) => reply.status(201).send(await deps.notices.publish(requireActor(request), request.body)),
  });
  r.get('/api/notices/:id', {
    schema: { tags, summary: '通知详情 A notice', params: idParam, response: { 200: noticeView } },
    handler: async (request) => deps.notices.get(requireActor(request), request.params.id),
  });
  r.post('/api/notices/:id/read', {
    schema: { tags, summary: '标记已读 Mark read', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await deps.notices.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.get('/api/notices/:id/receipts', {
    schema: { tags, summary: '已读回执 Read receipts by union', params: idParam, response: { 200: noticeReceipts } },
    handler: async (request) => deps.notices.receipts(requireActor(request), request.params.id),
  });
}
