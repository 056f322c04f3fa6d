import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows, unnestRows } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { maskMobile, parseMobile } from '../cn-ids.js';
import { conflict, notFound } from '../errors.js';
import type { Job } from '../jobs.js';
import type { PersonalDataCipher } from '../personal-data.js';
import { requirePaths, scopeFilter } from '../scope.js';
import { receiptCodeText, smsProviderLabel } from './provider-codes.js';
import type { SmsProvider } from './providers.js';
import type { DeliveryReport } from './reports.js';
import { type SmsDelivery, smsOutbox, type SmsStatus } from './schema.js';
import type { SettingService } from '../settings/service.js';
import { render, SMS_TEMPLATE_SETTINGS, SMS_TEMPLATES, type SmsParams, type SmsTemplate } from './templates.js';

/**
 * Text messages through an outbox (DESIGN §4). `queue` writes the message in
 * the caller's transaction — an approval and its message commit or roll back
 * together, and nothing is sent for a change that did not happen — and the
 * `sms.deliver` job hands due messages to the provider after commit. A
 * failure is kept on the row (status `failed`, the error, the attempt count)
 * and tried again after 1, 2, 4, 8 minutes; after MAX_ATTEMPTS the job gives
 * up and the outbox page's 重新发送 tries once more.
 */

export const MAX_ATTEMPTS = 5;
/** Messages per round: a round is one transaction that holds its rows while the provider answers. */
const BATCH = 20;
const backoffMs = (attempts: number) => 60_000 * 2 ** (attempts - 1);

/** Which template and values to send whom; the union it concerns, for the outbox page's scope. */
export interface QueuedSms<T extends SmsTemplate = SmsTemplate> {
  phone: string;
  template: T;
  params: SmsParams<T>;
  org?: { tenantId: number; path: string } | null;
  subject?: { kind: string; id: number };
}

/** Values the outbox page shows in place of a template's value (a code is never shown). */
const HIDDEN_PARAMS = new Set(['code']);

export function createSmsService(deps: { db: Db; cipher: PersonalDataCipher; provider: SmsProvider; settings: Pick<SettingService, 'get'> }) {
  const { db, cipher, provider, settings } = deps;
  const phoneHash = (phone: string) => cipher.keyedHash('phone', phone);

  async function queue<T extends SmsTemplate>(tx: Db, message: QueuedSms<T>) {
    const parsed = parseMobile(message.phone);
    // Numbers come from validated records; one that is not a mobile number has nowhere to go.
    if (!parsed.ok) return null;
    const [row] = await tx
      .insert(smsOutbox)
      .values({
        template: message.template,
        phoneHash: phoneHash(parsed.mobile),
        phoneMasked: maskMobile(parsed.mobile),
        sealed: cipher.encrypt(JSON.stringify({ phone: parsed.mobile, params: message.params })),
        tenantId: message.org?.tenantId ?? null,
        orgPath: message.org?.path ?? null,
        subject: message.subject ?? null,
        nextAttemptAt: new Date(),
      })
      .returning({ id: smsOutbox.id });
    return row.id;
  }

  const unseal = (sealed: Buffer) => JSON.parse(cipher.decrypt(sealed)) as { phone: string; params: Record<string, string> };

  /**
   * One round of delivery: the due messages, oldest first, locked so that a
   * second process skips them (and the jobs' advisory lock keeps two rounds
   * of one process apart), each sent and its outcome written.
   */
  async function deliverDue(tx: Db, now: Date) {
    const due = await queryRows<{ id: number; template: SmsTemplate; sealed: Buffer | Uint8Array; attempts: number }>(
      tx,
      sql`select id, template, sealed, attempts from sms_outbox
          where next_attempt_at is not null and next_attempt_at <= ${now}::timestamptz
          order by next_attempt_at limit ${BATCH} for update skip locked`,
    );
    let sent = 0;
    let failed = 0;
    for (const message of due) {
      const attempts = message.attempts + 1;
      try {
        const { phone, params } = unseal(Buffer.from(message.sealed));
        // The wording as it stands when the message goes out: a template changed since queueing applies.
        const text = render(await settings.get(SMS_TEMPLATE_SETTINGS[message.template], tx), params);
        const { providerMessageId } = await provider.send({ phone, template: message.template, params, text });
        await tx
          .update(smsOutbox)
          .set({ status: 'sent', attempts, nextAttemptAt: null, provider: provider.name, providerMessageId: providerMessageId.slice(0, 100), error: null, sentAt: now })
          .where(eq(smsOutbox.id, message.id));
        sent++;
      } catch (error) {
        failed++;
        await tx
          .update(smsOutbox)
          .set({
            status: 'failed',
            attempts,
            nextAttemptAt: attempts < MAX_ATTEMPTS ? new Date(now.getTime() + backoffMs(attempts)) : null,
            provider: provider.name,
            error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          })
          .where(eq(smsOutbox.id, message.id));
      }
    }
    return { sent, failed };
  }

  /**
   * The messages the actor may read: those about unions in their `sms.read`
   * scope; sign-in codes (no union) only for readers of the whole tree.
   */
  function scoped(actor: Actor): SQL {
    const paths = requirePaths(actor, 'sms.manage');
    const inScope = scopeFilter(smsOutbox.orgPath, paths);
    return paths.some((p) => !p.includes('.')) ? sql`(${inScope} or ${smsOutbox.orgPath} is null)` : inScope;
  }

  return {
    queue,
    /** The job that sends what is due (platform/jobs.ts); runs every few seconds so a code arrives promptly. */
    deliveryJob: (): Job<{ sent: number; failed: number }> => ({
      name: 'sms.deliver',
      everyMs: 5_000,
      run: ({ db: tx, now }) => deliverDue(tx, now),
      idle: ({ sent, failed }) => sent + failed === 0,
    }),

    async list(
      actor: Actor,
      params: { status?: SmsStatus; delivery?: SmsDelivery | 'awaiting'; template?: SmsTemplate; phone?: string; from?: Date; to?: Date; page: number; pageSize: number },
    ) {
      const filters: SQL[] = [scoped(actor)];
      if (params.status) filters.push(eq(smsOutbox.status, params.status));
      // 待回执: handed to the provider, no report yet.
      if (params.delivery === 'awaiting') filters.push(sql`${smsOutbox.status} = 'sent' and ${smsOutbox.delivery} is null`);
      else if (params.delivery) filters.push(eq(smsOutbox.delivery, params.delivery));
      if (params.template) filters.push(eq(smsOutbox.template, params.template));
      if (params.phone) {
        const parsed = parseMobile(params.phone);
        filters.push(parsed.ok ? eq(smsOutbox.phoneHash, phoneHash(parsed.mobile)) : sql`false`);
      }
      if (params.from) filters.push(sql`${smsOutbox.createdAt} >= ${params.from}`);
      if (params.to) filters.push(sql`${smsOutbox.createdAt} < ${params.to}`);
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(smsOutbox)
          .where(where)
          .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(smsOutbox).where(where),
      ]);
      // The text as the page's messages read with today's wording of their templates (参数设置).
      const wordings = new Map(
        await Promise.all([...new Set(rows.map((row) => row.template as SmsTemplate))].map(async (template) => [template, await settings.get(SMS_TEMPLATE_SETTINGS[template])] as const)),
      );
      const items = rows.map((row) => {
        const { params: values } = unseal(row.sealed);
        const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, HIDDEN_PARAMS.has(k) ? '******' : v]));
        const wording = wordings.get(row.template as SmsTemplate);
        return {
          id: row.id,
          template: row.template as SmsTemplate,
          templateLabel: SMS_TEMPLATES[row.template as SmsTemplate]?.label ?? row.template,
          phone: row.phoneMasked,
          params: shown,
          text: wording === undefined ? null : render(wording, shown),
          subject: row.subject,
          status: row.status,
          attempts: row.attempts,
          nextAttemptAt: row.nextAttemptAt,
          provider: row.provider,
          providerLabel: row.provider && smsProviderLabel(row.provider),
          providerMessageId: row.providerMessageId,
          error: row.error,
          createdAt: row.createdAt,
          sentAt: row.sentAt,
          delivery: row.delivery,
          deliveryAt: row.deliveryAt,
          deliveryCode: row.deliveryCode,
          deliveryCodeText: row.deliveryCode && receiptCodeText(row.deliveryCode),
        };
      });
      return { items, total, page: params.page, pageSize: params.pageSize };
    },

    /**
     * The provider's delivery receipts (reports.ts), each matched to its message by the provider and the id
     * its `send` returned; an id we do not know (another system on the same account, a message sent before
     * the receipts were set up) is ignored. A repeated report (providers push again until answered) writes
     * the same again. Returns how many messages it matched.
     */
    async recordDeliveryReports(provider: string, reports: readonly DeliveryReport[]) {
      if (reports.length === 0) return 0;
      const matched = await queryRows<{ id: number }>(
        db,
        sql`update ${smsOutbox} o set delivery = u.delivery, delivery_at = u.at, delivery_code = u.code
            from ${unnestRows(reports, {
              message_id: ['text', (r) => r.providerMessageId],
              delivery: ['text', (r): SmsDelivery => (r.delivered ? 'delivered' : 'undelivered')],
              at: ['timestamptz', (r) => r.at?.toISOString() ?? null],
              code: ['text', (r) => r.code?.slice(0, 64) ?? null],
            })}
            where o.provider = ${provider} and o.provider_message_id = u.message_id
            returning o.id`,
      );
      return matched.length;
    },

    /** 重新发送: a failed message goes back to the queue for the next round. */
    async retry(actor: Actor, id: number) {
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ id: smsOutbox.id, status: smsOutbox.status, phoneMasked: smsOutbox.phoneMasked, template: smsOutbox.template, tenantId: smsOutbox.tenantId, orgPath: smsOutbox.orgPath }).from(smsOutbox).where(and(eq(smsOutbox.id, id), scoped(actor))).for('update');
        if (!row) throw notFound('短信', 'message');
        if (row.status !== 'failed') throw conflict('只有发送失败的短信可以重新发送', 'Only a failed message can be sent again');
        await tx.update(smsOutbox).set({ status: 'queued', nextAttemptAt: new Date() }).where(eq(smsOutbox.id, id));
        const home = actor.grants.find((g) => requirePaths(actor, 'sms.manage').includes(g.orgPath))!;
        await recordAudit(tx, actor, {
          action: 'sms.retry',
          entityType: 'sms',
          entityId: id,
          tenantId: row.tenantId ?? home.tenantId,
          orgPath: row.orgPath ?? home.orgPath,
          summary: `重新发送短信「${SMS_TEMPLATES[row.template as SmsTemplate]?.label ?? row.template}」至 ${row.phoneMasked}`,
        });
      });
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
