import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, type FieldIssue, validationError } from '../../platform/errors.js';
import { requireAt } from '../../platform/scope.js';
import type { Records } from './records.js';
import { enterprisePlans, enterpriseVisits } from './schema.js';
import type { SignalInput, Signals } from './signals.js';

/**
 * What a union does for an enterprise besides watching signals: 主动访查
 * (a visit, which may raise a signal in the same step) and 一企一策 (the
 * plan, each save a new revision, so its history stays and each is audited).
 */

export interface VisitInput {
  visitedOn: string;
  visitors: string;
  findings: string;
  /** A risk found on the visit, recorded as a signal from 主动访查 on the visit's day. */
  signal?: Omit<SignalInput, 'source' | 'reportedOn'> | null;
}

export interface PlanInput {
  summary: string;
  measures: string;
  responsiblePerson: string;
  /** The revision the editor started from (0 for the first plan): a plan saved meanwhile is not overwritten. */
  basedOn: number;
}

const whereEnterprise = <T extends typeof enterpriseVisits | typeof enterprisePlans>(table: T, enterprise: { tenantId: number; id: number }) =>
  and(eq(table.tenantId, enterprise.tenantId), eq(table.enterpriseId, enterprise.id));

export function createCare(ctx: { db: Db; today: () => string }, parts: { records: Records; signals: Pick<Signals, 'createInside'> }) {
  const { db, today } = ctx;
  const { records, signals } = parts;

  return {
    /** 主动访查: the visit, and the signal it raised if any, in one transaction. */
    async addVisit(actor: Actor, enterpriseId: number, input: VisitInput) {
      return db.transaction(async (tx) => {
        const enterprise = await records.findEnterprise(actor, enterpriseId, tx);
        requireAt(actor, 'enterprises.manage', enterprise.orgPath);
        const issues: FieldIssue[] = [];
        if (input.visitedOn > today()) issues.push({ field: 'visitedOn', reason: '访查日期不能晚于今天' });
        if (!input.visitors.trim()) issues.push({ field: 'visitors', reason: '请填写访查人员' });
        if (input.findings.trim().length < 4) issues.push({ field: 'findings', reason: '请写明访查发现（至少 4 个字）' });
        if (issues.length) throw validationError(issues);
        const [visit] = await tx
          .insert(enterpriseVisits)
          .values({
            tenantId: enterprise.tenantId,
            enterpriseId: enterprise.id,
            visitedOn: input.visitedOn,
            visitors: input.visitors.trim(),
            findings: input.findings.trim(),
            recordedByUserId: actor.userId,
            recordedByName: actor.displayName.slice(0, 50),
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'enterprise.visit',
          entityType: 'enterprise',
          entityId: enterprise.id,
          tenantId: enterprise.tenantId,
          orgPath: enterprise.orgPath,
          summary: `记录对「${enterprise.name}」的主动访查（${input.visitedOn}）`,
          after: { visitId: visit.id, visitedOn: visit.visitedOn, visitors: visit.visitors },
        });
        const signalId = input.signal ? await signals.createInside(actor, enterprise, { ...input.signal, source: 'visit', reportedOn: input.visitedOn }, tx, visit.id) : null;
        return { visitId: visit.id, signalId };
      });
    },

    /** 一企一策: a new revision of the plan; the previous ones stay as its history. */
    async savePlan(actor: Actor, enterpriseId: number, input: PlanInput) {
      return db.transaction(async (tx) => {
        const enterprise = await records.findEnterprise(actor, enterpriseId, tx, { lock: true });
        requireAt(actor, 'enterprises.manage', enterprise.orgPath);
        const issues: FieldIssue[] = [];
        if (input.summary.trim().length < 4) issues.push({ field: 'summary', reason: '请写明企业情况和工作思路（至少 4 个字）' });
        if (input.measures.trim().length < 4) issues.push({ field: 'measures', reason: '请写明具体措施（至少 4 个字）' });
        if (input.responsiblePerson.trim().length < 2) issues.push({ field: 'responsiblePerson', reason: '请填写责任人' });
        if (issues.length) throw validationError(issues);
        const [latest] = await tx.select({ revision: enterprisePlans.revision }).from(enterprisePlans).where(whereEnterprise(enterprisePlans, enterprise)).orderBy(desc(enterprisePlans.revision)).limit(1);
        const current = latest?.revision ?? 0;
        if (input.basedOn !== current) throw conflict('该企业的“一企一策”已被他人修改，请刷新后在最新版本上修改', 'The plan was revised meanwhile');
        const values = { summary: input.summary.trim(), measures: input.measures.trim(), responsiblePerson: input.responsiblePerson.trim() };
        await tx.insert(enterprisePlans).values({ ...values, tenantId: enterprise.tenantId, enterpriseId: enterprise.id, revision: current + 1, authorUserId: actor.userId, authorName: actor.displayName.slice(0, 50) });
        await recordAudit(tx, actor, {
          action: 'enterprise.plan',
          entityType: 'enterprise',
          entityId: enterprise.id,
          tenantId: enterprise.tenantId,
          orgPath: enterprise.orgPath,
          summary: `${current ? '修订' : '制定'}「${enterprise.name}」的一企一策（第 ${current + 1} 版）`,
          after: { revision: current + 1, ...values },
        });
        return current + 1;
      });
    },

    /** An enterprise's visits, the latest first. */
    async visitsOf(enterprise: { tenantId: number; id: number }) {
      return db
        .select({ id: enterpriseVisits.id, visitedOn: enterpriseVisits.visitedOn, visitors: enterpriseVisits.visitors, findings: enterpriseVisits.findings, recordedByName: enterpriseVisits.recordedByName })
        .from(enterpriseVisits)
        .where(whereEnterprise(enterpriseVisits, enterprise))
        .orderBy(desc(enterpriseVisits.visitedOn), desc(enterpriseVisits.id));
    },

    /** The plan's revisions, the current one first. */
    async planOf(enterprise: { tenantId: number; id: number }) {
      return db
        .select({
          revision: enterprisePlans.revision,
          summary: enterprisePlans.summary,
          measures: enterprisePlans.measures,
          responsiblePerson: enterprisePlans.responsiblePerson,
          authorName: enterprisePlans.authorName,
          at: enterprisePlans.createdAt,
        })
        .from(enterprisePlans)
        .where(whereEnterprise(enterprisePlans, enterprise))
        .orderBy(desc(enterprisePlans.revision));
    },
  };
}
