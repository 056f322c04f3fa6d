import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AttachmentService } from '../../platform/attachments/service.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import { createProposalAttachments } from './attachments.js';
import { createProposalBook } from './book.js';
import { createCongress } from './congress.js';
import { createCongressReport } from './congress-report.js';
import { createDeadlineJob } from './deadlines.js';
import { createProposalDuty } from './duty.js';
import { createDrafting, type NewProposal, type ProposalChanges } from './drafting.js';
import { createProposalFlow } from './effects.js';
import { createHandlerUnits } from './handler-units.js';
import { createProposalQueries } from './queries.js';
import { createProposalRecords } from './records.js';
import { createReviewGroups } from './review.js';
import { createProposalStatistics } from './statistics.js';

/**
 * The proposals service (提案, DESIGN §3.2): the parts, each a file by job,
 * made once and offered as one object.
 * handler-units.ts — 承办单位 and their accounts;
 * records.ts — who sees which proposal, a proposal as the workflow reads it;
 * effects.ts — the workflow with what each step does;
 * drafting.ts — drafting, editing, co-signing, firing a step;
 * queries.ts — the list, a proposal's detail, similar proposals;
 * deadlines.ts — reminders and escalation by the handling deadline;
 * attachments.ts — the photos and PDFs of a proposal;
 * review.ts — review groups (小组审议) and their votes;
 * congress.ts — workers' congress sessions (职代会) and their motions; congress-report.ts — its 提案审查情况报告;
 * statistics.ts — 提案统计 of a subtree and period; book.ts — 提案汇编 (.xlsx, .docx);
 * duty.ts — each representative's proposal figures for 履职监督.
 */

export type { NewProposal, ProposalChanges } from './drafting.js';
export type { CongressSessionChanges, CongressSessionInput } from './congress.js';
export type { HandlerUnitInput } from './handler-units.js';
export type { ReviewGroupChanges, ReviewGroupInput } from './review.js';
export type { ProposalListQuery } from './queries.js';
export type { BookQuery } from './book.js';
export type { StatisticsQuery } from './statistics.js';
export type { DutyPeriod } from './duty.js';

export interface ProposalServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  notifications: Pick<NotificationService, 'notify'>;
  attachments: AttachmentService;
  calendar: Pick<CalendarService, 'calendar'>;
  today: () => string;
  now: () => Date;
}

export function createProposalService(deps: ProposalServiceDeps) {
  const units = createHandlerUnits(deps);
  const review = createReviewGroups(deps);
  const congress = createCongress(deps, { review });
  const congressReport = createCongressReport(deps, { congress });
  const records = createProposalRecords(deps, { units, review, congress });
  const flow = createProposalFlow(deps, { records, units, review, congress });
  const drafting = createDrafting(deps, { flow, records, congress });
  const queries = createProposalQueries(deps, { flow, records, units, drafting, review, congress });
  const statistics = createProposalStatistics(deps, { flow });
  const book = createProposalBook(deps, { statistics });
  const attachments = createProposalAttachments(deps, { records });
  const duty = createProposalDuty(deps);

  return {
    workflow: flow,
    /** Reminders before the handling deadline, escalation after it (a background job). */
    deadlineJob: createDeadlineJob(deps, { flow, units }),

    // ——— proposals ———
    list: queries.list,
    detail: queries.detail,
    similar: queries.similar,
    async create(actor: Actor, input: NewProposal) {
      return queries.detail(actor, await drafting.create(actor, input));
    },
    async edit(actor: Actor, id: number, changes: ProposalChanges) {
      await drafting.edit(actor, id, changes);
      return queries.detail(actor, id);
    },
    /** 零距离: a draft in the caller's transaction (its id), or a proposal already raised taken on for the worker. */
    draftInside: (actor: Actor, input: NewProposal, tx: Db) => drafting.create(actor, input, tx),
    adopt: drafting.adopt,
    cosign: drafting.cosign,
    act: drafting.act,

    // ——— statistics and the book ———
    statistics: statistics.statistics,
    bookXlsx: book.bookXlsx,
    bookDocx: book.bookDocx,
    /** 履职监督: per representative, of a subtree (staff) or one's own. */
    representativeRecord: duty.representativeRecord,
    ownRecord: duty.ownRecord,
    // ——— attachments ———
    attachments: attachments.list,
    mayAttach: attachments.mayAttach,
    attach: attachments.attach,
    attachment: attachments.content,
    removeAttachment: attachments.remove,

    // ——— handler units ———
    /** Units the actor may see; for a proposal, those that may handle it. */
    async handlerUnits(actor: Actor, query: { proposalId?: number }) {
      const proposal = query.proposalId ? await records.find(actor, query.proposalId) : undefined;
      return units.list(actor, proposal);
    },
    createHandlerUnit: units.create,
    updateHandlerUnit: units.update,
    addHandlerAccount: units.addAccount,
    removeHandlerAccount: units.removeAccount,

    // ——— review groups ———
    async reviewGroups(actor: Actor, query: { proposalId?: number }) {
      const proposal = query.proposalId ? await records.find(actor, query.proposalId) : undefined;
      return review.list(actor, proposal);
    },
    reviewCandidates: review.candidates,
    createReviewGroup: review.create,
    updateReviewGroup: review.update,

    // ——— workers' congress ———
    congressSessions: congress.list,
    createCongressSession: congress.create,
    updateCongressSession: congress.update,
    congressReportDocx: congressReport.reportDocx,
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
