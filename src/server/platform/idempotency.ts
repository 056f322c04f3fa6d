import { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from './errors.js';

/**
 * Idempotency-Key: the phone keeps a form filled offline and sends it again
 * until an answer comes (web/phone/outbox.ts), each time with the one key of
 * that submission. A resend — after a lost answer, a double tap, two sends
 * racing — returns what the first one made instead of doing it again. The
 * record a key made keeps the key under a unique index, so of two racing
 * sends the later fails (on that index, or on a rule that now sees the
 * earlier) and then finds what the earlier made.
 */

/** The request header, as a route declares it. */
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, '提交标识须为 16–64 位字母、数字、- 或 _')
    .optional()
    .meta({ title: '提交标识 Idempotency-Key' }),
});

/** A submitting route's schema parts: the header, and what a resend gets (`what`: 入会申请, 接转申请). */
export const submittedOnce = (what: string) => ({
  description: `带 Idempotency-Key 请求头重发同一份${what}（如离线保存后联网重发），返回第一次提交的结果，不会重复提交。`,
  headers: idempotencyHeaders,
});

/** What a key made before: its answer, and whether this request asks the same thing (the same person, the same union). */
export interface EarlierSubmission<R> {
  answer: R;
  sameSubmission: boolean;
}

const keyReused = () =>
  new AppError('CONFLICT', '此提交标识已用于另一份申请，请刷新页面后重新填写', 'This idempotency key belongs to another submission', [{ field: 'idempotencyKey', reason: 'KEY_REUSED' }]);

/**
 * Run `submit` in a transaction, once per key: with a key that made something
 * already (`earlier` finds it), the answer is that one's; a key that made
 * something else is refused (CONFLICT, KEY_REUSED). Without a key, `submit` runs.
 */
export async function submitOnce<R>(db: Db, key: string | undefined, steps: { earlier: (key: string, tx: Db) => Promise<EarlierSubmission<R> | null>; submit: (tx: Db) => Promise<R> }) {
  const answerBefore = async (tx: Db) => {
    const found = key ? await steps.earlier(key, tx) : null;
    if (found && !found.sameSubmission) throw keyReused();
    return found;
  };
  try {
    return await db.transaction(async (tx) => {
      const earlier = await answerBefore(tx);
      return earlier ? earlier.answer : steps.submit(tx);
    });
  } catch (error) {
    // Two sends of one submission at once: the later one saw nothing of the earlier when it looked, then ran
    // into it — its insert on a unique index, or a check that now sees it ("an application is pending").
    // Whatever stopped it, the answer is the earlier one's if the key made something meanwhile.
    const earlier = key ? await answerBefore(db) : null;
    if (earlier) return earlier.answer;
    throw error;
  }
}
