import { randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { parseMobile } from '../cn-ids.js';
import { AppError, validationError } from '../errors.js';
import type { PersonalDataCipher } from '../personal-data.js';
import type { Job } from '../jobs.js';
import { type CodePurpose, smsCodes, smsSendLimits } from './schema.js';
import type { SmsService } from './service.js';

/**
 * One-time codes sent by text message: proving a phone number to sign in as
 * a worker, to find one's applications again (DESIGN §3.1), or to put a new
 * number on one's membership (我的会籍).
 *
 * - Sending is limited per number (one a minute, ten a day) and per address
 *   (twenty an hour), each limit a counter row taken with one `INSERT … ON
 *   CONFLICT DO UPDATE … WHERE` (the login throttle's pattern): parallel
 *   requests queue on the row and exactly as many as the limit get through.
 * - A number has one live code (a new one replaces it), valid five minutes,
 *   kept as a keyed hash. Checking it raises `attempts` in the same
 *   statement that reads it, under the row's lock, so at most five guesses
 *   are ever compared; the right one deletes the row, so it works once.
 * - The answer to a request is the same whether or not the number is known
 *   (`known` decides only whether a message goes out), so the page cannot be
 *   used to learn who is a member or has applied.
 */

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const SEND_LIMITS = {
  phoneMinute: { limit: 1, windowMs: 60_000 },
  phoneDay: { limit: 10, windowMs: 24 * 3_600_000 },
  address: { limit: 20, windowMs: 3_600_000 },
} as const;

const PURPOSE_TEXT: Record<CodePurpose, string> = { sign_in: '登录连心', resume: '查询入会申请', change_phone: '更换会员登记的手机号' };

const tooMany = (seconds: number, what: string) =>
  new AppError('TOO_MANY_REQUESTS', `${what}，请 ${seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`}后再试`, `Too many codes requested; try again in ${seconds} s`, [{ field: 'phone', reason: what }], {
    'retry-after': String(seconds),
  });

export function createPhoneCodes(deps: { db: Db; cipher: PersonalDataCipher; sms: Pick<SmsService, 'queue'> }) {
  const { db, cipher, sms } = deps;

  const mobileOf = (phone: string) => {
    const parsed = parseMobile(phone);
    if (!parsed.ok) throw validationError([{ field: 'phone', reason: parsed.reason }]);
    return parsed.mobile;
  };
  const codeHash = (phoneHash: Buffer, code: string) => cipher.keyedHash('one-time-code', `${phoneHash.toString('hex')}:${code}`);

  /** Take one slot of `key`'s window; the seconds until it frees when the window is full. */
  async function take(tx: Db, key: string, rule: { limit: number; windowMs: number }, now: Date): Promise<number | null> {
    const windowEnds = new Date(now.getTime() - rule.windowMs);
    const taken = await queryRows<{ sent: number }>(
      tx,
      sql`insert into sms_send_limits as l (key, window_start, sent) values (${key}, ${now}, 1)
          on conflict (key) do update
            set window_start = case when l.window_start <= ${windowEnds}::timestamptz then ${now}::timestamptz else l.window_start end,
                sent = case when l.window_start <= ${windowEnds}::timestamptz then 1 else l.sent + 1 end
            where l.window_start <= ${windowEnds}::timestamptz or l.sent < ${rule.limit}
          returning sent`,
    );
    if (taken.length) return null;
    const [row] = await queryRows<{ window_start: Date | string }>(tx, sql`select window_start from sms_send_limits where key = ${key}`);
    return Math.max(1, Math.ceil((new Date(row.window_start).getTime() + rule.windowMs - now.getTime()) / 1000));
  }

  return {
    /**
     * 获取验证码. `known` says whether the number belongs to someone the
     * purpose serves (a member, an applicant); only then is a code made and
     * sent. Refused with 429 and `retry-after` past a limit.
     */
    async request(input: { phone: string; purpose: CodePurpose; ip?: string; known: (tx: Db, mobile: string) => Promise<boolean> }) {
      const mobile = mobileOf(input.phone);
      const phoneHash = cipher.keyedHash('phone', mobile);
      const now = new Date();
      await db.transaction(async (tx) => {
        const byAddress = await take(tx, `sms-ip:${input.ip ?? 'unknown'}`, SEND_LIMITS.address, now);
        if (byAddress) throw tooMany(byAddress, '此网络获取验证码过于频繁');
        const phoneKey = phoneHash.toString('hex');
        const byMinute = await take(tx, `sms-phone-minute:${phoneKey}`, SEND_LIMITS.phoneMinute, now);
        if (byMinute) throw tooMany(byMinute, '验证码已发送，请稍候再获取');
        const byDay = await take(tx, `sms-phone-day:${phoneKey}`, SEND_LIMITS.phoneDay, now);
        if (byDay) throw tooMany(byDay, '此手机号今日获取验证码次数已达上限');
        if (!(await input.known(tx, mobile))) return;
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const row = { purpose: input.purpose, codeHash: codeHash(phoneHash, code), attempts: 0, expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now };
        await tx
          .insert(smsCodes)
          .values({ phoneHash, ...row })
          .onConflictDoUpdate({ target: smsCodes.phoneHash, set: row });
        await sms.queue(tx, { phone: mobile, template: 'verification_code', params: { code, minutes: String(CODE_TTL_MS / 60_000), purpose: PURPOSE_TEXT[input.purpose] } });
      });
      return { resendAfterSeconds: SEND_LIMITS.phoneMinute.windowMs / 1000 };
    },

    /** Check a code; the number it proves, or a 400 naming `code`. A right code works once. */
    async verify(phone: string, purpose: CodePurpose, code: string) {
      const mobile = mobileOf(phone);
      const phoneHash = cipher.keyedHash('phone', mobile);
      const [row] = await db
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.purpose, purpose), sql`${smsCodes.expiresAt} > ${new Date()}`, sql`${smsCodes.attempts} < ${MAX_CODE_ATTEMPTS}`))
        .returning({ codeHash: smsCodes.codeHash, attempts: smsCodes.attempts });
      if (!row) throw validationError([{ field: 'code', reason: '验证码已失效，请重新获取' }]);
      const expected = codeHash(phoneHash, code.trim());
      if (!timingSafeEqual(row.codeHash, expected)) {
        const left = MAX_CODE_ATTEMPTS - row.attempts;
        throw validationError([{ field: 'code', reason: left > 0 ? `验证码不正确，还可尝试 ${left} 次` : '验证码不正确，请重新获取' }]);
      }
      const used = await db.delete(smsCodes).where(and(eq(smsCodes.phoneHash, phoneHash), eq(smsCodes.codeHash, expected))).returning({ phoneHash: smsCodes.phoneHash });
      if (!used.length) throw validationError([{ field: 'code', reason: '验证码已失效，请重新获取' }]);
      return mobile;
    },
  };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;

/**
 * Hourly: counters whose longest window (a day) has passed and codes past their expiry are of no use and
 * name numbers (by keyed hash): they go. Both tables hold only the last day's requests.
 */
export const phoneCodesCleanupJob: Job<{ limits: number; codes: number }> = {
  name: 'sms.codes-cleanup',
  everyMs: 3_600_000,
  async run({ db, now }) {
    const dayAgo = new Date(now.getTime() - SEND_LIMITS.phoneDay.windowMs);
    const limits = await db.delete(smsSendLimits).where(lt(smsSendLimits.windowStart, dayAgo)).returning({ key: smsSendLimits.key });
    const codes = await db.delete(smsCodes).where(lt(smsCodes.expiresAt, now)).returning({ phoneHash: smsCodes.phoneHash });
    return { limits: limits.length, codes: codes.length };
  },
};
