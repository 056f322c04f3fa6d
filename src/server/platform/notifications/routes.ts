import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { booleanQuery, idParam, noContent, nullableTimestamp, pageQuery, timestamp } from '../../http/schemas.js';
import type { NotificationService } from './service.js';

/** One notification, as the API sends it (the web types it from this). */
export const notificationItem = z.object({ id: z.number(), at: timestamp, kind: z.string(), kindLabel: z.string(), title: z.string(), body: z.string().nullable(), link: z.string().nullable(), readAt: nullableTimestamp });
/** A page of one's notifications, with how many are unread in all. */
export const notificationPage = z.object({ items: z.array(notificationItem), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() });
export const unreadCount = z.object({ unread: z.number() });

export async function notificationRoutes(app: FastifyInstance, deps: { notifications: NotificationService }) {
  const { notifications } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知 notifications'];

  r.get('/api/notifications', {
    schema: {
      tags,
      summary: '我的通知 My notifications',
      querystring: z.object({ unreadOnly: booleanQuery.optional(), ...pageQuery }),
      response: { 200: notificationPage },
    },
    handler: async (request) => notifications.list(requireActor(request), request.query),
  });

  r.get('/api/notifications/unread-count', {
    schema: { tags, summary: '未读数 Unread count', response: { 200: unreadCount } },
    handler: async (request) => ({ unread: await notifications.unreadCount(requireActor(request)) }),
  });

  r.post('/api/notifications/:id/read', {
    schema: { tags, summary: '标记已读 Mark read', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await notifications.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/notifications/read-all', {
    schema: { tags, summary: '全部已读 Mark all read', response: { 204: noContent } },
    handler: async (request, reply) => {
      await notifications.markAllRead(requireActor(request));
      return reply.status(204).send(null);
    },
  });
}
