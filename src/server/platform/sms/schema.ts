import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, identityId, ltree } from '../../db/columns.js';

/** Where a message stands: waiting to go, handed to the provider, or its last attempt failed. */
export type SmsStatus = 'queued' | 'sent' | 'failed';
/** What the provider's status report (回执) said of a sent message: the phone received it, or not. */
export type SmsDelivery = 'delivered' | 'undelivered';

/**
 * Every text message the product sends, written in the transaction of what it
 * tells (an approval, a code) and delivered after commit by the `sms.deliver`
 * job (service.ts). Keyed by its id. The number and the template's values
 * (a code, a reason) are personal data: sealed together with the instance's
 * key (personal-data.ts), beside a masked copy for the outbox page and a
 * keyed hash for its phone filter, as resident IDs are kept.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: identityId().primaryKey(),
    template: varchar('template', { length: 40 }).notNull(),
    phoneHash: bytea('phone_hash').notNull(),
    phoneMasked: varchar('phone_masked', { length: 11 }).notNull(),
    /** AES-GCM of `{ phone, params }`. */
    sealed: bytea('sealed').notNull(),
    /** The union the message concerns (null for sign-in codes): the outbox page's scope. */
    tenantId: id('tenant_id'),
    orgPath: ltree('org_path'),
    /** What record it tells about, for the page (e.g. `{ kind: 'join_application', id }`). */
    subject: jsonb('subject').$type<{ kind: string; id: number }>(),
    status: varchar('status', { length: 10 }).$type<SmsStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When the job tries next; null once sent or given up. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    provider: varchar('provider', { length: 20 }),
    providerMessageId: varchar('provider_message_id', { length: 100 }),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** From the provider's status report (reports.ts); null until one comes (and always for the log provider). */
    delivery: varchar('delivery', { length: 12 }).$type<SmsDelivery>(),
    /** When the phone received it, or the provider gave up, as the report says. */
    deliveryAt: timestamp('delivery_at', { withTimezone: true }),
    /** The report's status code (DELIVERED, DELIVRD, or why not: MK:0001…). */
    deliveryCode: varchar('delivery_code', { length: 64 }),
  },
  (t) => [
    // The job's queue: only rows still to try are in it.
    index('sms_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
    // The outbox page: newest first, by status, by number.
    index('sms_outbox_created_idx').on(t.createdAt, t.id),
    index('sms_outbox_status_idx').on(t.status, t.createdAt),
    index('sms_outbox_phone_idx').on(t.phoneHash, t.createdAt),
    index('sms_outbox_delivery_idx').on(t.delivery, t.createdAt),
    // A status report finds its message by the provider's id.
    index('sms_outbox_provider_message_idx')
      .on(t.provider, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
  ],
);

/** What a one-time code proves: signing in as a worker, or finding one's applications again. */
export type CodePurpose = 'sign_in' | 'resume' | 'change_phone';

/**
 * The one live one-time code of a phone number (codes.ts), keyed by the
 * number's keyed hash. Only a keyed hash of the code is kept; `attempts` is
 * raised in the statement that checks it, so at most five guesses are ever
 * compared, however many arrive at once.
 */
export const smsCodes = pgTable('sms_codes', {
  phoneHash: bytea('phone_hash').primaryKey(),
  purpose: varchar('purpose', { length: 16 }).$type<CodePurpose>().notNull(),
  codeHash: bytea('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

/**
 * Sending-rate windows (codes.ts `take`): one row per limit and key — a
 * number's minute and day, an address's hour — counting what was sent in the
 * window that began at `window_start`.
 */
export const smsSendLimits = pgTable(
  'sms_send_limits',
  {
    key: varchar('key', { length: 120 }).notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    sent: integer('sent').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key] })],
);
