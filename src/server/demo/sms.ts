import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { runJob } from '../platform/jobs.js';
import { sendRefusal } from '../platform/sms/provider-codes.js';
import type { SmsProvider } from '../platform/sms/providers.js';
import { smsOutbox } from '../platform/sms/schema.js';
import { createSmsService } from '../platform/sms/service.js';
import type { Services } from '../services.js';

/**
 * 短信发件箱 as an admin finds it after some days of work: the messages the
 * demo's applications, decisions and transfers queued (through the members'
 * effects) delivered by the delivery job, quietly (the demo prints no
 * message), except two applicants whose messages the provider kept refusing —
 * one number no longer in service, one message refused for the account's
 * balance — shown as 发送失败 · 已停止重试 with 重新发送; and the provider's
 * receipts: 已送达 for most, 未送达 for one, the last two still awaiting theirs.
 */
export async function loadDemoSms(db: Db, services: Services, _orgIds: Record<string, number>, options: { log?: (line: string) => void }) {
  const receipts = await db
    .select({ id: smsOutbox.id, sealed: smsOutbox.sealed })
    .from(smsOutbox)
    .where(inArray(smsOutbox.template, ['application_received', 'application_rejected']))
    .orderBy(asc(smsOutbox.id))
    .limit(2);
  const refusing = new Map(
    receipts.map((row, i) => [
      (JSON.parse(services.cipher.decrypt(row.sealed)) as { phone: string }).phone,
      sendRefusal('aliyun', { httpStatus: 200, code: i === 0 ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'isv.AMOUNT_NOT_ENOUGH' }),
    ]),
  );
  let serial = 0;
  const messageId = (n: number) => `${900_000_000_000 + n}^0`;
  const provider: SmsProvider = {
    name: 'aliyun',
    async send(message) {
      const refusal = refusing.get(message.phone);
      if (refusal) throw new Error(refusal);
      return { providerMessageId: messageId(++serial) };
    },
  };
  const delivery = createSmsService({ db, cipher: services.cipher, provider, settings: services.settings }).deliveryJob();
  // Rounds an hour apart, until only the refused messages are left and they are given up.
  let at = Date.now();
  for (let round = 0; round < 200; round++) {
    const outcome = await runJob(db, delivery, new Date(at));
    if (outcome.ran && outcome.result.sent === 0 && outcome.result.failed === 0) break;
    at += 3_600_000;
  }
  const [left] = await db.select({ id: smsOutbox.id }).from(smsOutbox).where(eq(smsOutbox.status, 'queued')).limit(1);
  if (left) throw new Error('demo SMS: a message was left queued');
  // The provider's receipts, as its push brings them: all delivered but one phone that was switched off,
  // and the last two sent still awaiting theirs.
  const reports = Array.from({ length: Math.max(0, serial - 2) }, (_, i) => ({ providerMessageId: messageId(i + 1), delivered: i !== 2, at: new Date(at), code: i === 2 ? 'UNDELIV' : 'DELIVERED' }));
  await services.sms.recordDeliveryReports(provider.name, reports);
  options.log?.(`短信 SMS: ${serial} 条已发送（${reports.length - 1} 条已送达，1 条未送达），${refusing.size} 条发送失败`);
}
