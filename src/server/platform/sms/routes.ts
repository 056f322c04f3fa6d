import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { codeLabel, codeLabels, dayEndQuery, dayQuery, idParam, keysOf, noContent, nullableTimestamp, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import { noSuchRoute } from '../errors.js';
import { DELIVERY_REPORT_FORMATS, type ReportingProvider } from './reports.js';
import type { SmsService } from './service.js';
import { SMS_TEMPLATE_KEYS, SMS_TEMPLATES } from './templates.js';

export const SMS_STATUSES = { queued: '待发送', sent: '已发送', failed: '发送失败' } as const;
/** What the provider's receipt said; 待回执 is a sent message with none yet (a filter, not a stored value). */
export const SMS_DELIVERIES = { delivered: '已送达', undelivered: '未送达', awaiting: '待回执' } as const;

/** One message of the outbox, as the page shows it: the number masked, a code hidden. */
export const outboxMessage = z.object({
  id: z.number(),
  template: z.enum(SMS_TEMPLATE_KEYS),
  templateLabel: z.string(),
  phone: z.string(),
  params: z.record(z.string(), z.string()),
  text: z.string().nullable().describe('短信内容（按模板当前的文字，验证码以 ****** 代替）'),
  subject: z.object({ kind: z.string(), id: z.number() }).nullable(),
  status: z.enum(keysOf(SMS_STATUSES)),
  statusLabel: z.string(),
  attempts: z.number(),
  nextAttemptAt: nullableTimestamp,
  provider: z.string().nullable(),
  providerLabel: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: timestamp,
  sentAt: nullableTimestamp,
  delivery: z.enum(['delivered', 'undelivered']).nullable().describe('服务商回执：已送达、未送达；无回执为 null'),
  deliveryLabel: z.string().nullable(),
  deliveryAt: nullableTimestamp.describe('回执所报的接收（或失败）时间'),
  deliveryCode: z.string().nullable().describe('回执的状态码（如 DELIVERED、DELIVRD，或未送达的原因）'),
  deliveryCodeText: z.string().nullable().describe('状态码的含义（附状态码）'),
});

export const outboxCodes = z.object({ statuses: z.array(codeLabel), deliveries: z.array(codeLabel), templates: z.array(codeLabel) });

/** The secret of the receipt addresses, compared in constant time; none set: there are no such addresses. */
function reportTokenMatches(expected: string | undefined, given: string) {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function smsRoutes(app: FastifyInstance, deps: { sms: SmsService; reportToken?: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['短信 sms'];

  r.get('/api/sms/outbox', {
    schema: {
      tags,
      summary: '短信发件箱 SMS outbox',
      querystring: z.object({
        status: z.enum(keysOf(SMS_STATUSES)).optional(),
        delivery: z.enum(keysOf(SMS_DELIVERIES)).optional(),
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
      return { ...page, items: page.items.map((m) => ({ ...m, statusLabel: SMS_STATUSES[m.status], deliveryLabel: m.delivery && SMS_DELIVERIES[m.delivery] })) };
    },
  });

  r.get('/api/sms/outbox/codes', {
    schema: { tags, summary: '短信状态与模板 Statuses and templates', response: { 200: outboxCodes } },
    handler: async (request) => {
      requireActor(request);
      return { statuses: codeLabels(SMS_STATUSES), deliveries: codeLabels(SMS_DELIVERIES), templates: SMS_TEMPLATE_KEYS.map((code) => ({ code, label: SMS_TEMPLATES[code].label })) };
    },
  });

  r.post('/api/sms/outbox/:id/retry', {
    schema: { tags, summary: '重新发送 Send again', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await deps.sms.retry(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  // ——— delivery receipts, pushed by the provider (reports.ts): public, the secret in the path ———
  for (const provider of Object.keys(DELIVERY_REPORT_FORMATS) as ReportingProvider[]) {
    const format = DELIVERY_REPORT_FORMATS[provider];
    r.post(`/api/public/sms/reports/${provider}/:token`, {
      schema: {
        tags,
        summary: `${format.label}短信回执（服务商推送） ${provider} delivery receipts`,
        description: '在服务商的回执（状态报告）设置中填写本地址，路径中的令牌为 LIANXIN_SMS_REPORT_TOKEN；未设置令牌或令牌不符时回答 404。',
        params: z.object({ token: z.string().max(200) }),
        body: format.body,
        response: { 200: format.answer },
      },
      // Before the body is read: without the secret the address answers as one that does not exist.
      preValidation: async (request) => {
        if (!reportTokenMatches(deps.reportToken, (request.params as { token: string }).token)) {
          throw noSuchRoute(request.method);
        }
      },
      handler: async (request) => {
        await deps.sms.recordDeliveryReports(provider, request.body);
        return format.received;
      },
    });
  }
}
