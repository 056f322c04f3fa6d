import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type DuesStatus, duesExemptions, duesRules, type ExemptionReason } from './schema.js';

/** A dues rule (会费标准): the rate of the wage in basis points and the unit the amount is rounded to. */
export interface DuesRule {
  rateBasisPoints: number;
  roundToFen: number;
}

/** 中国工会章程 第四条: 会员按月缴纳本人工资收入的百分之零点五; rounded to the fen. */
export const CONSTITUTION_RULE: DuesRule = { rateBasisPoints: 50, roundToFen: 1 };

/**
 * One month's dues by the rule: exempt members pay nothing (status `exempt`),
 * others the rate of the wage, rounded half up to the rule's unit. Without a
 * wage the amount is not known (null). Pure: the tests hold the rule to it.
 */
export function duesAmount(wageFen: number | null, rule: DuesRule, exemption: ExemptionReason | null): { amountFen: number | null; exemption: ExemptionReason | null; exempt: boolean } {
  if (exemption) return { amountFen: 0, exemption, exempt: true };
  if (wageFen === null) return { amountFen: null, exemption: null, exempt: false };
  const raw = (wageFen * rule.rateBasisPoints) / 10_000;
  return { amountFen: Math.round(raw / rule.roundToFen) * rule.roundToFen, exemption: null, exempt: false };
}

/** The status a record takes: exempt beats paid or not. */
export const statusOf = (paid: boolean, exempt: boolean): DuesStatus => (exempt ? 'exempt' : paid ? 'paid' : 'unpaid');

/** The rule in force at a union: its own, else its nearest ancestor's within the tenant, else the constitution's. */
export async function ruleAt(tx: Db, org: { tenantId: number; path: string }): Promise<DuesRule & { orgId: number | null }> {
  const [rule] = await tx
    .select({ orgId: duesRules.orgId, rateBasisPoints: duesRules.rateBasisPoints, roundToFen: duesRules.roundToFen })
    .from(duesRules)
    .where(and(eq(duesRules.tenantId, org.tenantId), sql`${duesRules.orgPath} @> ${org.path}::ltree`))
    .orderBy(desc(sql`nlevel(${duesRules.orgPath})`))
    .limit(1);
  return rule ?? { ...CONSTITUTION_RULE, orgId: null };
}

/** Each member's exemption covering the month (the latest begun), by membership id. */
export async function exemptionsIn(tx: Db, tenantId: number, membershipIds: number[], month: string): Promise<Map<number, ExemptionReason>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await tx
    .select({ membershipId: duesExemptions.membershipId, reason: duesExemptions.reason })
    .from(duesExemptions)
    .where(
      and(
        eq(duesExemptions.tenantId, tenantId),
        sql`${duesExemptions.membershipId} = any(${`{${membershipIds.join(',')}}`}::bigint[])`,
        sql`${duesExemptions.fromMonth} <= ${month}`,
        sql`(${duesExemptions.toMonth} is null or ${duesExemptions.toMonth} >= ${month})`,
      ),
    )
    .orderBy(duesExemptions.fromMonth);
  return new Map(rows.map((r) => [r.membershipId, r.reason]));
}

/** Why a member owes no dues for a month they had not yet joined in (null: they had). */
export const beforeJoining = (member: { joinedOn: string }, month: string) =>
  monthEnd(month) < member.joinedOn ? `该月份早于入会日期（${member.joinedOn}）` : null;

/** The first day of a month given as YYYY-MM or YYYY-MM-DD. */
export const monthStart = (month: string) => `${month.slice(0, 7)}-01`;

/** The last day of the month that starts on `month` (what a paid month counts as evidence until). */
export function monthEnd(month: string): string {
  const d = new Date(`${monthStart(month)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}
