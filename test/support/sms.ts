import { eq, sql } from 'drizzle-orm';
import { smsOutbox } from '../../src/server/platform/sms/schema.js';
import type { Db } from '../../src/server/db/client.js';
import { cipher } from './members.js';

/** A test app or browser harness: what reads the outbox. */
type WithDatabase = { database: { db: Db } };

/** The outbox rows to a number, newest first, opened as the sender opens them. */
export async function messagesTo(t: WithDatabase, phone: string) {
  const rows = await t.database.db.select().from(smsOutbox).where(eq(smsOutbox.phoneHash, cipher.keyedHash('phone', phone))).orderBy(sql`${smsOutbox.id} desc`);
  return rows.map((row) => ({ ...row, ...(JSON.parse(cipher.decrypt(row.sealed)) as { phone: string; params: Record<string, string> }) }));
}

/** The last one-time code sent to a number. */
export const lastCode = async (t: WithDatabase, phone: string) => (await messagesTo(t, phone)).find((m) => m.template === 'verification_code')?.params.code;

/** Let the code's minute pass (the per-number limit's window, not the code). */
export const forgetMinute = (t: WithDatabase) => t.database.db.execute(sql`update sms_send_limits set window_start = window_start - interval '61 seconds' where key like 'sms-phone-minute:%'`);
