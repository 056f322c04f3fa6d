import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { codeLabel, codeLabels, dayEndQuery, dayQuery, idParam, keysOf, noContent, nullableTimestamp, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import type { SmsService } from './service.js';
import { SMS_TEMPLATE_KEYS, SMS_TEMPLATES } from './templates.js';

export const SMS_STATUSES = { queued: '待发送', sent: '已发送', failed: '发送失败' } as const;

/** One message of the outbox, as the page shows it: the number masked, a code hidden. */
export const outboxMessage = z.object({
  id: z.number(),
  template: z.enum(SMS_TEMPLATE_KEYS),
  templateLabel: z.string(),
  phone: z.string(),
  params: z.record(z.string(), z.string()),
  subject: z.object({ kind: z.string(), id: z.number() }).nullable(),
  status: z.enum(keysOf(SMS_STATUSES)),
  statusLabel: z.string(),
  attempts: z.number(),
  nextAttemptAt: nullableTimestamp,
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: timestamp,
  sentAt: nullableTimestamp,
});

export const outboxCodes = z.object({ statuses: z.array(codeLabel), templates: z.array(codeLabel) });

export async function smsRoutes(app: FastifyInstance, deps: { sms: SmsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['短信 sms'];

  r.get('/api/sms/outbox', {
    schema: {
      tags,
      summary: '短信发件箱 SMS outbox',
      querystring: z.object({
        status: z.enum(keysOf(SMS_STATUSES)).optional(),
        template: z.enum(SMS_TEMPLATE_KEYS).optional(),
        phone: z.string().max(20).optional(),
        from: dayQuery.optional(),
        to: dayEndQuery.optional(),
        ...pageQuery,
      }),
      response: { 200: pageOf(outboxMessage) },
    },
    handler: async (request) => {
      const page = await deps.sms.list(requireActor(request), request.query);
      return { ...page, items: page.items.map((m) => ({ ...m, statusLabel: SMS_STATUSES[m.status] })) };
    },
  });

  r.get('/api/sms/outbox/codes', {
    schema: { tags, summary: '短信状态与模板 Statuses and templates', response: { 200: outboxCodes } },
    handler: async (request) => {
      requireActor(request);
      return { statuses: codeLabels(SMS_STATUSES), templates: SMS_TEMPLATE_KEYS.map((code) => ({ code, label: SMS_TEMPLATES[code].label })) };
    },
  });

  r.post('/api/sms/outbox/:id/retry', {
    schema: { tags, summary: '重新发送 Send again', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await deps.sms.retry(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
