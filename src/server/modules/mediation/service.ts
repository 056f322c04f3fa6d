import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { EnterpriseService } from '../enterprises/service.js';
import { createAgreementDocument } from './agreement.js';
import { createDeadlineJob } from './deadlines.js';
import { createCaseFlow } from './effects.js';
import { createOpening } from './opening.js';
import { createCaseQueries } from './queries.js';
import { createCaseRecords } from './records.js';
import { createStatistics } from './statistics.js';
import { createStudios } from './studios.js';
import { createWorkerSide } from './worker-side.js';

/**
 * The 连心舱 mediation service (DESIGN §3.3), a file per job:
 * studios.ts — studios, their teams, who sits on which team (the visibility rule of everything below);
 * records.ts — who sees which case, a case as the workflow reads it, who reads notes;
 * opening.ts — a case entered at the studio or applied for online, its deadline, the mass-incident alarm;
 * effects.ts — the workflow with what each step does (visits, sessions, the agreement, outcomes);
 * queries.ts — the case list and a case's page;
 * worker-side.ts — the worker signs for the agreement and rates the result;
 * agreement.ts — 调解协议书 as .docx; deadlines.ts — reminders before the period ends, notices after;
 * statistics.ts — the figures of a subtree and period, and their workbook.
 */

export type { MemberChanges, MemberInput, StudioChanges, StudioInput } from './studios.js';
export type { Application, NewCase } from './opening.js';
export type { CaseListQuery } from './queries.js';
export type { StatisticsQuery } from './statistics.js';

export interface MediationServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  calendar: Pick<CalendarService, 'calendar'>;
  notifications: Pick<NotificationService, 'notify'>;
  today: () => string;
  now: () => Date;
  /** The enterprises module: a case opened from a risk signal (转调解), an enterprise's cases. */
  enterprises: Pick<EnterpriseService, 'signal' | 'markSignalCase' | 'enterprise'>;
  /** The duty roster's say on who leads a new case (opening.ts); the module hands it over (module.ts). */
  onDutyLead?: (actor: Actor, studioId: number, tx: Db) => Promise<{ memberId: number; userId: number } | null>;
}

export function createMediationService(deps: MediationServiceDeps) {
  const { db, workflow } = deps;
  const studios = createStudios(deps);
  const flow = createCaseFlow(deps);
  const records = createCaseRecords(deps, { studios });
  const opening = createOpening(deps, { flow, records, studios });
  const queries = createCaseQueries(deps, { flow, records });
  const workerSide = createWorkerSide(deps, { records });
  const agreement = createAgreementDocument(deps, { records });
  const figures = createStatistics(deps);

  return {
    workflow: flow,
    deadlineJob: createDeadlineJob(deps, { flow, records }),
    studios: studios.list,
    studio: studios.detail,
    createStudio: studios.createStudio,
    updateStudio: studios.updateStudio,
    addMember: studios.addMember,
    updateMember: studios.updateMember,
    deactivateMember: studios.deactivateMember,
    membership: studios.membership,
    membersOf: studios.membersOf,
    cases: queries.list,
    detail: queries.detail,
    agreementDocx: agreement.agreementDocx,
    statistics: figures.statistics,
    statisticsXlsx: figures.statisticsXlsx,
    async create(actor: Actor, input: Parameters<typeof opening.create>[1]) {
      return queries.detail(actor, await opening.create(actor, input));
    },
    async apply(actor: Actor, input: Parameters<typeof opening.apply>[1]) {
      return queries.detail(actor, await opening.apply(actor, input));
    },
    /** Any step of a case: the engine decides whether the actor may, and what follows. */
    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const row = await records.find(actor, id, tx, { lock: true });
        await workflow.fire(tx, flow, actor, await records.recordOf(row, tx), action, input);
      });
      return queries.detail(actor, id);
    },
    async signReceipt(actor: Actor, id: number) {
      await workerSide.signReceipt(actor, id);
      return queries.detail(actor, id);
    },
    async rate(actor: Actor, id: number, input: Parameters<typeof workerSide.rate>[2]) {
      await workerSide.rate(actor, id, input);
      return queries.detail(actor, id);
    },
    // For the duty rosters (rosters/): the studio's row, its whole team, the studios serving an org.
    findStudio: studios.findStudio,
    teamOf: studios.teamOf,
    studiosServing: studios.studiosServing,
  };
}

export type MediationService = ReturnType<typeof createMediationService>;
