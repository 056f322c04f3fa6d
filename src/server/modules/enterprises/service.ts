import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import { createCare } from './care.js';
import { createRecords } from './records.js';
import { createRegistry } from './registry.js';
import { createSignals } from './signals.js';

/**
 * The 一企一策 service (DESIGN §3.3, early warnings): the parts, each a file by job.
 * records.ts — who sees which enterprise and signal; the union that looks after one; the leaders over it;
 * registry.ts — enterprises: register, correct, list, and find or ensure one by credit code;
 * signals.ts — risk signals: record, correct, handle (workflow), list, statistics, link to a case;
 * care.ts — 主动访查 and the plan with its revisions.
 *
 * For the mediation module: `findByCreditCode`, `ensureEnterprise`, `signal` and `markSignalCase`,
 * each taking the case's transaction, and `enterprise` (whose cases an enterprise's page lists).
 */

export type { EnterpriseInput, EnterpriseListQuery, EnterpriseRef } from './registry.js';
export type { SignalInput, SignalListQuery } from './signals.js';
export type { PlanInput, VisitInput } from './care.js';
export type { CaseRef } from './workflow.js';

export interface EnterpriseServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  notifications: Pick<NotificationService, 'notify'>;
  today: () => string;
}

export function createEnterpriseService(deps: EnterpriseServiceDeps) {
  const { db } = deps;
  const records = createRecords(deps);
  const registry = createRegistry(deps, { records });
  const signals = createSignals(deps, { records });
  const care = createCare(deps, { records, signals });

  return {
    workflow: signals.flow,
    list: registry.list,
    create: registry.create,
    update: registry.update,
    addVisit: care.addVisit,
    savePlan: care.savePlan,
    signals: signals.list,
    createSignal: signals.create,
    updateSignal: signals.update,
    signalDetail: signals.detail,
    actOnSignal: signals.act,
    signalStatistics: signals.statistics,

    /** An enterprise's page: its facts, signals, visits and plan (current first, then its history). */
    async detail(actor: Actor, id: number) {
      const enterprise = await registry.view(actor, id);
      const [signalRows, visits, plan] = await Promise.all([signals.ofEnterprise(enterprise), care.visitsOf(enterprise), care.planOf(enterprise)]);
      return { ...enterprise, signals: signalRows, visits, plan };
    },

    // For the mediation module.
    findByCreditCode: registry.findByCreditCode,
    /** The enterprise of the county with this code, or one registered from the name and code (a case's party). */
    ensureEnterprise: (actor: Actor, input: { orgId: number; name: string; creditCode: string }, tx?: Db) =>
      tx ? registry.ensure(actor, input, tx) : db.transaction((t) => registry.ensure(actor, input, t)),
    /** A signal the actor may see (404 otherwise), with its enterprise's name and code: what a case opened from it starts with. */
    async signal(actor: Actor, id: number, tx: Db = db) {
      const row = await records.findSignal(actor, id, tx);
      const enterprise = await records.findEnterprise(actor, row.enterpriseId, tx);
      return {
        id: row.id,
        tenantId: row.tenantId,
        orgId: row.orgId,
        enterpriseId: row.enterpriseId,
        enterpriseName: enterprise.name,
        creditCode: enterprise.creditCode,
        kind: row.kind,
        level: row.level,
        state: row.state,
        description: row.description,
        workersAffected: row.workersAffected,
        amountFen: row.amountFen,
        reportedOn: row.reportedOn,
        caseId: row.caseId,
      };
    },
    markSignalCase: signals.markSignalCase,
    /** An enterprise the actor may see (404 otherwise): whose cases its page lists. */
    async enterprise(actor: Actor, id: number) {
      const row = await records.findEnterprise(actor, id);
      return { id: row.id, tenantId: row.tenantId, name: row.name, creditCode: row.creditCode };
    },
  };
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
