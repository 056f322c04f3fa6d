import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stampedAt } from '../../db/columns.js';
import { users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { forbidden, notFound, validationError } from '../../platform/errors.js';
import { holdersAbove } from '../../platform/notifications/recipients.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { canAt, requirePaths } from '../../platform/scope.js';
import { buildSearchDocument, searchVector } from '../../platform/search-tokens.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { EnterpriseService } from '../enterprises/service.js';
import { checkIntake, type WorkerParty } from './intake.js';
import type { CaseRecords } from './records.js';
import { CASE_SOURCES, type CaseSource, type ClaimType, mediationCaseClaims, mediationCases, mediationCaseWorkers, mediationStudios } from './schema.js';
import type { Studios, StudioRow } from './studios.js';
import { refreshCaseSummaries } from './summaries.js';
import type { CaseWorkflow } from './workflow.js';

/**
 * Opening a case: at the studio (a team member or the union's staff enter
 * it, from a walk-in, a complaint, a warning, a visit, the court or the
 * arbitration commission) or online by the worker (一件事: what happened, the
 * employer, the claims), which opens it at the nearest studio of their union.
 * The engine starts the deadline with the case: the court's own date for a
 * case the court sends, else the 15-day period of art. 14 (the first state's
 * rule, MEDIATION_PERIOD) from the day received. A case with
 * as many workers as the studio's mass-incident threshold tells the leaders
 * of the county above it at once (应急处置), once.
 */

export interface Claim {
  type: ClaimType;
  amount: number;
  note?: string | null;
}

export interface NewCase {
  studioId: number;
  source: CaseSource;
  subject: string;
  facts: string;
  enterpriseName: string;
  enterpriseCreditCode?: string | null;
  workers: WorkerParty[];
  claims: Claim[];
  receivedOn?: string | null;
  court?: { name: string; caseNo: string; dueOn: string } | null;
  /**
   * The lead mediator (a member of the studio's team with an account); by default the member who enters the
   * case, else whoever is on duty today (the duty roster).
   */
  leadMemberId?: number | null;
  /**
   * 转调解: the risk signal the case is opened from. The case's source is then the warning and its enterprise
   * the signal's (name and code); the signal is marked as having this case, in the same transaction.
   */
  signalId?: number | null;
}

export interface Application {
  /** 法律援助 (a consultation) or 调解 (a complaint to mediate). */
  kind: 'legal_help' | 'mediation';
  subject: string;
  facts: string;
  enterpriseName: string;
  enterpriseCreditCode?: string | null;
  phone?: string | null;
  claims: Claim[];
}

export function createOpening(
  ctx: {
    db: Db;
    workflow: WorkflowEngine;
    notifications: Pick<NotificationService, 'notify'>;
    today: () => string;
    now: () => Date;
    enterprises: Pick<EnterpriseService, 'signal' | 'markSignalCase'>;
    /** Who is on duty at the studio today with an account (the duty roster), the lead of a case nobody on the team entered. */
    onDutyLead?: (actor: Actor, studioId: number, tx: Db) => Promise<{ memberId: number; userId: number } | null>;
  },
  parts: { flow: CaseWorkflow; records: Pick<CaseRecords, 'recordOf'>; studios: Pick<Studios, 'findStudio' | 'membership' | 'teamOf'> },
) {
  const { db, workflow, notifications, today, now, enterprises } = ctx;
  const { flow, records, studios } = parts;

  /** Leaders at the case's union or above it within its county: told of a mass incident. */
  const leadersOf = (row: { tenantId: number; orgPath: string }, tx: Db) => holdersAbove(tx, ['leader'], { path: row.orgPath, tenantId: row.tenantId });

  /** Accounts named as parties must exist and be active. */
  async function checkAccounts(workers: WorkerParty[], tx: Db) {
    const ids = workers.flatMap((w) => (w.userId ? [w.userId] : []));
    if (ids.length === 0) return;
    const found = new Set((await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true)))).map((u) => u.id));
    const issues = workers.flatMap((w, i) => (w.userId && !found.has(w.userId) ? [{ field: `workers.${i}.userId`, reason: `第 ${i + 1} 名职工（${w.name}）关联的账号不存在或已停用` }] : []));
    if (issues.length) throw validationError(issues);
  }

  /** Write the case, its parties and claims, its first timeline entry, the audit, and tell whom it concerns. */
  async function open(tx: Db, actor: Actor, studio: StudioRow, input: Omit<NewCase, 'studioId' | 'leadMemberId' | 'signalId'> & { signalId?: number; online: boolean; lead: { memberId: number; userId: number } | null }) {
    const receivedOn = input.receivedOn ?? today();
    const checked = checkIntake({ ...input, receivedOn }, today());
    if (checked.issues.length) throw validationError(checked.issues);
    await checkAccounts(input.workers, tx);
    const search = buildSearchDocument({
      texts: [input.subject, input.facts],
      orgNames: [input.enterpriseName],
      personNames: checked.workers.map((w) => w.name),
      exact: [checked.creditCode, checked.court?.caseNo],
    });
    const [row] = await tx
      .insert(mediationCases)
      .values({
        tenantId: studio.tenantId,
        studioId: studio.id,
        orgId: studio.orgId,
        orgPath: studio.orgPath,
        state: 'identify',
        source: input.source,
        online: input.online,
        subject: input.subject,
        facts: input.facts,
        enterpriseName: input.enterpriseName,
        enterpriseCreditCode: checked.creditCode,
        signalId: input.signalId ?? null,
        workerCount: checked.workers.length,
        claimedTotal: input.claims.reduce((total, c) => total + c.amount, 0),
        leadMemberId: input.lead?.memberId ?? null,
        leadUserId: input.lead?.userId ?? null,
        receivedOn,
        courtName: checked.court?.name ?? null,
        courtCaseNo: checked.court?.caseNo ?? null,
        courtDueOn: checked.court?.dueOn ?? null,
        createdByUserId: actor.userId,
        search: searchVector(search) as unknown as string,
        ...stampedAt(now()),
      })
      .returning();
    await tx.insert(mediationCaseWorkers).values(checked.workers.map((w) => ({ tenantId: row.tenantId, caseId: row.id, name: w.name, phone: w.phone, userId: w.userId ?? null, isMember: w.isMember ?? false })));
    await tx.insert(mediationCaseClaims).values(input.claims.map((c) => ({ tenantId: row.tenantId, caseId: row.id, type: c.type, amount: c.amount, note: c.note ?? null })));
    await refreshCaseSummaries(tx, row);
    const record = await records.recordOf(row, tx);
    // The engine starts the 15-day period from the day received, or takes the court's date.
    const { dueOn } = await workflow.start(tx, flow, actor, record, { subject: row.subject, source: row.source, workers: row.workerCount }, { startedOn: receivedOn, dueOn: checked.court?.dueOn });
    await recordAudit(tx, actor, {
      action: 'mediation.case_create',
      entityType: 'mediation_case',
      entityId: row.id,
      tenantId: row.tenantId,
      orgPath: row.orgPath,
      summary: `${studio.name}受理${CASE_SOURCES[row.source]}案件「${row.subject}」（${row.workerCount} 名职工）`,
      after: { source: row.source, signalId: row.signalId, subject: row.subject, enterpriseName: row.enterpriseName, workers: row.workerCount, claimedTotal: row.claimedTotal, dueOn, courtCaseNo: row.courtCaseNo },
    });
    const link = `/mediation/cases/${row.id}`;
    const handlers = (record.leadUserId !== null ? [record.leadUserId] : record.teamUserIds).filter((u) => u !== actor.userId);
    await notifications.notify(tx, [
      ...handlers.map((userId) => ({ userId, kind: 'mediation', title: `新调解案件：${row.subject}`, body: `${CASE_SOURCES[row.source]}，${row.workerCount} 名职工，调解期限 ${dueOn}`, link })),
      ...record.workerUserIds.filter((u) => u !== actor.userId).map((userId) => ({ userId, kind: 'mediation', title: `${studio.name}已受理您的调解案件「${row.subject}」`, body: `调解期限 ${dueOn}`, link })),
    ]);
    if (row.workerCount >= studio.massIncidentWorkers) await escalate(tx, row, studio);
    return row.id;
  }

  /** 应急处置: the leaders are told at once; `escalated_at` makes it once whatever calls it again. */
  async function escalate(tx: Db, row: typeof mediationCases.$inferSelect, studio: StudioRow) {
    const [marked] = await tx
      .update(mediationCases)
      .set({ escalatedAt: now() })
      .where(and(eq(mediationCases.tenantId, row.tenantId), eq(mediationCases.id, row.id), isNull(mediationCases.escalatedAt)))
      .returning({ id: mediationCases.id });
    if (!marked) return;
    const leaders = await leadersOf(row, tx);
    await notifications.notify(
      tx,
      leaders.map((userId) => ({
        userId,
        kind: 'mediation',
        title: `群体性劳动争议：${row.subject}`,
        body: `${studio.name}受理，涉及职工 ${row.workerCount} 人，对方 ${row.enterpriseName}，请关注并指导应急处置`,
        link: `/mediation/cases/${row.id}`,
      })),
    );
  }

  /** The studio a worker's online application goes to: the nearest active one at their union or above it in the county. */
  async function studioFor(actor: Actor, tx: Db) {
    const [path] = requirePaths(actor, 'mediation.apply');
    const grant = actor.grants.find((g) => g.orgPath === path)!;
    const [studio] = await tx
      .select()
      .from(mediationStudios)
      .where(and(eq(mediationStudios.tenantId, grant.tenantId), eq(mediationStudios.active, true), sql`${path}::ltree <@ ${mediationStudios.orgPath}`))
      .orderBy(sql`nlevel(${mediationStudios.orgPath}) desc`, mediationStudios.id)
      .limit(1);
    if (!studio) throw notFound('您所在工会的调解工作室', 'a studio for your union');
    return studio;
  }

  return {
    /** 受理: at the studio, by a member of its team or the union's staff. */
    async create(actor: Actor, input: NewCase) {
      return db.transaction(async (tx) => {
        const studio = await studios.findStudio(actor, input.studioId, tx);
        const seat = await studios.membership(actor, studio.id, tx);
        if (!seat && !canAt(actor, 'mediation.manage', studio.orgPath)) throw forbidden('只有本工作室的团队成员和工会工作人员可以受理案件');
        if (!studio.active) throw validationError([{ field: 'studioId', reason: '该工作室已停用' }]);
        const team = await studios.teamOf(studio, tx);
        const leadMember = input.leadMemberId ? team.find((m) => m.id === input.leadMemberId) : seat ? team.find((m) => m.id === seat.memberId) : undefined;
        if (input.leadMemberId && (!leadMember || leadMember.userId === null)) {
          throw validationError([{ field: 'leadMemberId', reason: '主办调解员应是本工作室团队中有账号的成员' }]);
        }
        const lead = leadMember?.userId ? { memberId: leadMember.id, userId: leadMember.userId } : ((await ctx.onDutyLead?.(actor, studio.id, tx)) ?? null);
        const { studioId: _studio, leadMemberId: _lead, signalId, ...fields } = input;
        if (!signalId) return open(tx, actor, studio, { ...fields, online: false, lead });
        // The enterprises service says whether the actor sees the signal (404 otherwise) and refuses one already closed or turned into a case.
        const signal = await enterprises.signal(actor, signalId, tx);
        if (signal.tenantId !== studio.tenantId) throw validationError([{ field: 'signalId', reason: '该预警不属于本工作室所在的县（市、区）' }]);
        const id = await open(tx, actor, studio, { ...fields, source: 'early_warning', enterpriseName: signal.enterpriseName, enterpriseCreditCode: signal.creditCode, online: false, lead, signalId });
        await enterprises.markSignalCase(actor, signalId, { id, label: `${studio.name}：${input.subject}`.slice(0, 60) }, tx);
        return id;
      });
    },

    /** 一件事: a worker asks for legal help or mediation online; the case opens at their union's studio. */
    async apply(actor: Actor, input: Application) {
      return db.transaction(async (tx) => {
        const studio = await studioFor(actor, tx);
        const { kind, phone, ...fields } = input;
        return open(tx, actor, studio, {
          ...fields,
          source: kind === 'legal_help' ? 'consultation' : 'complaint',
          // A worker's account is a member's (the worker role is held at their union).
          workers: [{ name: actor.displayName, phone, userId: actor.userId, isMember: true }],
          online: true,
          lead: (await ctx.onDutyLead?.(actor, studio.id, tx)) ?? null,
        });
      });
    },
  };
}
