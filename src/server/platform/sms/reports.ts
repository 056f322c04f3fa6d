import { z } from 'zod';

/**
 * Delivery receipts (状态报告, 回执): after sending, a provider pushes what
 * became of each message — the phone received it, or why not — to an address
 * of ours, a JSON array of reports, and retries until we answer in its shape.
 * Each provider as data: how its push reads, and what it expects back. A
 * report names the message by the id `send` returned (Aliyun's BizId,
 * Tencent's SerialNo), kept on the outbox row with the provider's name.
 */

/** One report, in our words. */
export interface DeliveryReport {
  providerMessageId: string;
  delivered: boolean;
  /** When the phone received it (or the carrier gave up); null when the report gives no usable time. */
  at: Date | null;
  /** The report's status code: DELIVERED / DELIVRD, or the reason it was not (MK:0001, UNDELIV…). */
  code: string | null;
}

/** Provider times are Beijing wall-clock times, `2017-01-01 00:00:00`. */
const beijingWallClock = (text: string | undefined) => {
  if (!text || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const at = new Date(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
};

const text = z.string().max(200);

/** A provider's push: its reports read into ours (the route's body schema does it), and its answer of "received". */
function reportFormat<Report extends z.ZodType, Answer extends z.ZodObject>(format: { label: string; report: Report; read: (report: z.output<Report>) => DeliveryReport; answer: Answer; received: z.output<Answer> }) {
  return { label: format.label, body: z.array(format.report).max(1000).transform((reports) => reports.map(format.read)), answer: format.answer, received: format.received };
}

/** Fields beyond those read are accepted and ignored: providers add fields over time. */
export const DELIVERY_REPORT_FORMATS = {
  /** 阿里云 SmsReport, HTTP 批量推送模式. */
  aliyun: reportFormat({
    label: '阿里云',
    report: z.looseObject({ biz_id: text, success: z.boolean(), err_code: text.optional(), err_msg: text.optional(), report_time: text.optional() }),
    read: (r) => ({ providerMessageId: r.biz_id, delivered: r.success, at: beijingWallClock(r.report_time), code: r.err_code || null }),
    answer: z.object({ code: z.number(), msg: z.string() }),
    received: { code: 0, msg: '接收成功' },
  }),
  /** 腾讯云短信 下发状态通知 (status callback). */
  tencent: reportFormat({
    label: '腾讯云',
    report: z.looseObject({ sid: text, report_status: z.enum(['SUCCESS', 'FAIL']), errmsg: text.optional(), description: text.optional(), user_receive_time: text.optional() }),
    read: (r) => ({ providerMessageId: r.sid, delivered: r.report_status === 'SUCCESS', at: beijingWallClock(r.user_receive_time), code: r.errmsg || null }),
    answer: z.object({ result: z.number(), errmsg: z.string() }),
    received: { result: 0, errmsg: 'OK' },
  }),
};

export type ReportingProvider = keyof typeof DELIVERY_REPORT_FORMATS;
