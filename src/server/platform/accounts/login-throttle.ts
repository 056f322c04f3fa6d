import { type AnyColumn, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import { loginThrottles } from './schema.js';

/**
 * Slowing down password guessing, per account name and per address.
 *
 * An attempt takes its slot *before* its password is checked, in one
 * statement that also decides whether the slot is free (INSERT … ON CONFLICT
 * DO UPDATE … WHERE locks the row and re-reads it), so parallel guesses queue
 * on the row and at most `free` of them are ever checked before the first
 * delay starts, however many arrive at once. After that, each further guess
 * waits a delay that doubles, up to `cap`: a guesser is slowed to a handful of
 * tries per quarter hour, while five requests by someone who only wants to
 * lock a colleague out cost that colleague half a minute, not a quarter hour.
 * Unknown account names are throttled exactly like real ones, so the answer
 * never tells which names exist.
 */
export interface ThrottleRule {
  /** Failures allowed before the first delay. */
  free: number;
  firstDelayMs: number;
  capMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { free: 5, firstDelayMs: 30_000, capMs: 15 * 60_000, forgetMs: 60 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { free: 30, firstDelayMs: 60_000, capMs: 15 * 60_000, forgetMs: 60 * 60_000 };

/** The row of an account name (case-insensitive, as sign-in is) and of an address. */
export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
/** accountKey in SQL, to join an account's row to its user. */
export const accountKeyOf = (username: AnyColumn) => sql`'account:' || lower(${username})`;
export const addressKey = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;

/** Refused: the key's next slot opens at `until`. */
export interface Throttled {
  until: Date;
}

export function createLoginThrottle(db: Db) {
  /** Take one attempt's slot under `key`, counting it as a failure until it is known to be none; null when taken. */
  async function reserve(key: string, rule: ThrottleRule, now = new Date()): Promise<Throttled | null> {
    const forgotten = new Date(now.getTime() - rule.forgetMs);
    const failures = sql`(case when t.last_failure_at < ${forgotten}::timestamptz then 0 else t.failures end + 1)`;
    const blockedUntil = (count: SQL) =>
      sql`case when ${count} < ${rule.free} then null
               else ${now}::timestamptz + least(${rule.firstDelayMs}::float8 * power(2, ${count} - ${rule.free}), ${rule.capMs}::float8) * interval '1 millisecond' end`;
    const taken = await queryRows<{ failures: number }>(
      db,
      sql`insert into login_throttles as t (key, failures, blocked_until, last_failure_at)
          values (${key}, 1, ${blockedUntil(sql`1`)}, ${now})
          on conflict (key) do update set failures = ${failures}, blocked_until = ${blockedUntil(failures)}, last_failure_at = ${now}
          where t.blocked_until is null or t.blocked_until <= ${now}::timestamptz
          returning failures`,
    );
    if (taken.length === 1) return null;
    const [row] = await db.select({ until: loginThrottles.blockedUntil }).from(loginThrottles).where(eq(loginThrottles.key, key));
    return { until: row?.until ?? now };
  }

  return {
    /**
     * Take the attempt's slot for its address, then for its account name. A
     * refusal answers without the password being checked; the address slot
     * stays taken (a refused guess is still a guess from there).
     */
    async begin(username: string, ip: string | undefined): Promise<{ throttled: 'address' | 'account'; until: Date } | null> {
      const byAddress = await reserve(addressKey(ip), ADDRESS_RULE);
      if (byAddress) return { throttled: 'address', ...byAddress };
      const byAccount = await reserve(accountKey(username), ACCOUNT_RULE);
      if (byAccount) return { throttled: 'account', ...byAccount };
      return null;
    },

    /** The right password: the account starts again from zero, and the address gets back the slot this attempt took. */
    async succeeded(username: string, ip: string | undefined) {
      await db.delete(loginThrottles).where(eq(loginThrottles.key, accountKey(username)));
      await db
        .update(loginThrottles)
        .set({ failures: sql`greatest(${loginThrottles.failures} - 1, 0)` })
        .where(eq(loginThrottles.key, addressKey(ip)));
    },
  };
}

/** An administrator's unlock or password reset: the account's delays end now. */
export const clearAccountThrottle = (tx: Db, username: string) => tx.delete(loginThrottles).where(eq(loginThrottles.key, accountKey(username)));

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
