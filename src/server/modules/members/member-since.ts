/**
 * 会龄 (membership years): from which date a new membership counts them.
 * The one home of the rule; every path that opens a membership uses it —
 * `memberSinceFor` when one membership opens (an approved application, a
 * transfer, a staff entry), `memberSinceSql` for the roster import's
 * set-based commit.
 *
 * The rule (中国工会章程 第一章; 全总《工会会员会籍管理办法》2016, see
 * docs/architecture.md § 会龄):
 * - 会籍 starts when the union approves the joining (批准入会之日); an
 *   imported roster line carries the union's own date of approval.
 * - It is continuous while the membership moves with the job (一次入会、动态
 *   接转: the new membership of a transfer keeps the old one's start) and while
 *   it is retained (保留会籍 keeps the membership open; nothing restarts).
 * - 退会 (on request), 视为自动退会 and 开除会籍 end the 会籍. Whoever joins
 *   again after that goes through 入会 again, and the new 会籍 — with its 会龄 —
 *   starts at the new approval; the earlier membership stays in the history.
 */
import { type SQL, sql } from 'drizzle-orm';
import { statesWith } from '../../platform/workflow/engine.js';
import type { MembershipStatus } from './schema.js';
import { MEMBERSHIP_STATES } from './workflow.js';

/**
 * Statuses of a person's latest membership after which a new one continues
 * its 会龄 (flag `continuing` in workflow.ts): it is still open (a transfer
 * replaces it) or was closed by a transfer. Every other closing status —
 * withdrawn, deemed withdrawn, expelled — ends the 会籍, and a later
 * membership starts anew.
 */
export const CONTINUING_STATUSES: readonly MembershipStatus[] = statesWith(MEMBERSHIP_STATES, 'continuing');

/** The person's latest membership (highest id), as far as the rule needs it. */
export interface PreviousMembership {
  status: MembershipStatus;
  memberSince: string;
}

/** The 会龄 start of a membership joined on `joinedOn`, after `previous` (the person's latest membership, if any). */
export function memberSinceFor(previous: PreviousMembership | null | undefined, joinedOn: string): string {
  return previous && CONTINUING_STATUSES.includes(previous.status) ? previous.memberSince : joinedOn;
}

/**
 * The same rule as one SQL expression, for writers that open many
 * memberships in one statement: `personHash` and `joinedOn` are expressions
 * of the outer query. The latest membership is found through
 * `memberships_person_idx`.
 */
export function memberSinceSql(personHash: SQL, joinedOn: SQL): SQL {
  const continuing = sql.join(
    CONTINUING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`coalesce((select case when latest.status in (${continuing}) then latest.member_since end
                       from memberships latest where latest.person_hash = ${personHash}
                       order by latest.id desc limit 1), ${joinedOn})`;
}

/** 会龄 in whole years on `today` (both `YYYY-MM-DD`), as the member card and its scan show it. */
export function membershipYears(memberSince: string, today: string): number {
  const [fromYear, fromMonthDay] = [Number(memberSince.slice(0, 4)), memberSince.slice(5)];
  const [toYear, toMonthDay] = [Number(today.slice(0, 4)), today.slice(5)];
  return Math.max(0, toYear - fromYear - (toMonthDay < fromMonthDay ? 1 : 0));
}
