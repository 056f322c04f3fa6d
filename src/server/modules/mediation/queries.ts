import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import { maskMobile } from '../../platform/cn-ids.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { cappedCount } from '../../platform/capped-count.js';
import { canAt } from '../../platform/scope.js';
import { searchQuery } from '../../platform/search-tokens.js';
import { DEADLINE_STATUSES, type DeadlineStatus, statesWith, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { EnterpriseService } from '../enterprises/service.js';
import type { CaseRecords, CaseRow } from './records.js';
import {
  CASE_ENTRY_KINDS,
  CASE_RATINGS,
  CASE_SOURCES,
  type CaseSource,
  type CaseState,
  CLAIM_TYPES,
  mediationCaseClaims,
  mediationCaseEntries,
  mediationCases,
  mediationStudios,
  studioMembers,
} from './schema.js';
import { CASE_STATES, type CaseWorkflow, MEDIATION_PERIOD, stateHas } from './workflow.js';

/**
 * Cases as people read them: the list (search, filters by stage, source and
 * deadline standing; sorted by activity, deadline or receipt) and one case
 * with its parties, claims, records, agreement, deadline, history and what
 * the actor may do. What a viewer is not to see is left out here, once:
 * notes and the timeline's inputs outside the team and the union's staff,
 * phones in full outside them, other parties' phones to a worker.
 */

export type DeadlineStanding = DeadlineStatus;
export interface CaseListQuery {
  q?: string;
  state?: CaseState;
  source?: CaseSource;
  studioId?: number;
  /** An enterprise's cases (its page): those naming its credit code. */
  enterpriseId?: number;
  standing?: DeadlineStanding;
  sort?: 'updated' | 'due' | 'received';
  page: number;
  pageSize: number;
}

const MEDIATING = statesWith(CASE_STATES, 'mediating');
/**
 * The list counts its matches up to here: a common word (工资) matches a third of a county's 100,000 cases,
 * and counting them all reads each one's search document (~0.3 s; docs/scaling.md).
 */
const LIST_WINDOW = 1_000;
const inList = (column: SQL | typeof mediationCases.state, values: readonly string[]) =>
  sql`${column} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;

export function createCaseQueries(
  ctx: {
    db: Db;
    orgs: Pick<OrgService, 'namesByIds'>;
    workflow: WorkflowEngine;
    calendar: Pick<CalendarService, 'calendar'>;
    today: () => string;
    enterprises: Pick<EnterpriseService, 'enterprise'>;
  },
  parts: { flow: CaseWorkflow; records: Pick<CaseRecords, 'visible' | 'find' | 'recordOf' | 'partiesOf' | 'canSeeNotes'> },
) {
  const { db, orgs, workflow, calendar, today, enterprises } = ctx;
  const { flow, records } = parts;

  /** The standing as a condition on the due date: the engine's rule (at risk within the state's working days) turned into dates. */
  async function standingFilter(standing: DeadlineStanding): Promise<SQL> {
    const day = today();
    const riskFrom = (await calendar.calendar()).addWorkingDays(day, MEDIATION_PERIOD.atRiskWorkingDays);
    const running = and(inList(mediationCases.state, MEDIATING), sql`${mediationCases.dueOn} is not null`)!;
    if (standing === 'overdue') return and(running, sql`${mediationCases.dueOn} < ${day}`)!;
    if (standing === 'at_risk') return and(running, sql`${mediationCases.dueOn} >= ${day} and ${mediationCases.dueOn} <= ${riskFrom}`)!;
    return and(running, sql`${mediationCases.dueOn} > ${riskFrom}`)!;
  }

  async function shownRows(rows: CaseRow[], tx: Db = db) {
    const studioIds = [...new Set(rows.map((r) => r.studioId))];
    const leadIds = rows.flatMap((r) => (r.leadMemberId === null ? [] : [r.leadMemberId]));
    const [names, studios, leads, standing] = await Promise.all([
      orgs.namesByIds([...new Set(rows.map((r) => r.orgId))], tx),
      studioIds.length ? tx.select({ id: mediationStudios.id, name: mediationStudios.name }).from(mediationStudios).where(inArray(mediationStudios.id, studioIds)) : [],
      leadIds.length ? tx.select({ id: studioMembers.id, name: studioMembers.name }).from(studioMembers).where(inArray(studioMembers.id, leadIds)) : [],
      workflow.deadlines(flow),
    ]);
    return rows.map((r) => {
      const deadline = standing(r);
      return {
        id: r.id,
        subject: r.subject,
        state: r.state,
        stateLabel: CASE_STATES[r.state].label,
        source: r.source,
        sourceLabel: CASE_SOURCES[r.source],
        online: r.online,
        studioId: r.studioId,
        studioName: studios.find((s) => s.id === r.studioId)?.name ?? '',
        orgId: r.orgId,
        orgName: names.get(r.orgId) ?? '',
        enterpriseName: r.enterpriseName,
        enterpriseCreditCode: r.enterpriseCreditCode,
        workerCount: r.workerCount,
        claimedTotal: r.claimedTotal,
        agreedTotal: r.agreedTotal,
        leadName: leads.find((l) => l.id === r.leadMemberId)?.name ?? null,
        receivedOn: r.receivedOn,
        deadline: deadline ? { ...deadline, statusLabel: DEADLINE_STATUSES[deadline.status] } : null,
        courtCaseNo: r.courtCaseNo,
        massIncident: r.escalatedAt !== null,
        updatedAt: r.updatedAt,
      };
    });
  }

  return {
    shownRows,

    async list(actor: Actor, query: CaseListQuery) {
      const filters: SQL[] = [await records.visible(actor)];
      if (query.state) filters.push(eq(mediationCases.state, query.state));
      if (query.source) filters.push(eq(mediationCases.source, query.source));
      if (query.studioId) filters.push(eq(mediationCases.studioId, query.studioId));
      if (query.enterpriseId) {
        // An enterprise the actor may see (404 otherwise); of its cases still only those the actor sees, as everywhere.
        const enterprise = await enterprises.enterprise(actor, query.enterpriseId);
        filters.push(eq(mediationCases.tenantId, enterprise.tenantId), eq(mediationCases.enterpriseCreditCode, enterprise.creditCode));
      }
      if (query.standing) filters.push(await standingFilter(query.standing));
      if (query.q) {
        const tsquery = searchQuery(query.q);
        if (!tsquery) return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
        filters.push(sql`${mediationCases.search} @@ to_tsquery('simple', ${tsquery})`);
      }
      const where = and(...filters);
      const order =
        query.sort === 'due'
          ? [sql`${mediationCases.dueOn} asc nulls last`, desc(mediationCases.id)]
          : query.sort === 'received'
            ? [desc(mediationCases.receivedOn), desc(mediationCases.id)]
            : [desc(mediationCases.updatedAt), desc(mediationCases.id)];
      const [rows, { total, totalCapped }] = await Promise.all([
        db
          .select()
          .from(mediationCases)
          .where(where)
          .orderBy(...order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        cappedCount(db, mediationCases, where, LIST_WINDOW),
      ]);
      return { items: await shownRows(rows), total, totalCapped, page: query.page, pageSize: query.pageSize };
    },

    async detail(actor: Actor, id: number) {
      const row = await records.find(actor, id);
      const record = await records.recordOf(row);
      const notes = records.canSeeNotes(actor, record);
      const [[shown], parties, claims, entries, timeline] = await Promise.all([
        shownRows([row]),
        records.partiesOf(row),
        db
          .select()
          .from(mediationCaseClaims)
          .where(and(eq(mediationCaseClaims.tenantId, row.tenantId), eq(mediationCaseClaims.caseId, row.id)))
          .orderBy(asc(mediationCaseClaims.id)),
        db
          .select()
          .from(mediationCaseEntries)
          .where(and(eq(mediationCaseEntries.tenantId, row.tenantId), eq(mediationCaseEntries.caseId, row.id)))
          .orderBy(asc(mediationCaseEntries.heldOn), asc(mediationCaseEntries.id)),
        workflow.timeline(db, flow, row.tenantId, row.id),
      ]);
      const mine = parties.find((p) => p.userId !== null && p.userId === actor.userId) ?? null;
      const partyName = new Map(parties.map((p) => [p.id, p.name]));
      return {
        ...shown,
        tenantId: row.tenantId,
        facts: row.facts,
        courtName: row.courtName,
        courtDueOn: row.courtDueOn,
        // The signal's page is the union's and the team's, not the workers'.
        signalId: notes || canAt(actor, 'mediation.read', row.orgPath) ? row.signalId : null,
        canSeeNotes: notes,
        canManage: canAt(actor, 'mediation.manage', row.orgPath),
        workers: parties.map((p) => ({
          id: p.id,
          name: p.name,
          phone: p.phone && (notes || p.id === mine?.id ? p.phone : mine ? null : maskMobile(p.phone)),
          isMember: p.isMember,
          hasAccount: p.userId !== null,
          receiptSignedAt: p.receiptSignedAt,
          rating: p.rating,
          ratingLabel: p.rating ? CASE_RATINGS[p.rating] : null,
          ratingComment: notes || p.id === mine?.id ? p.ratingComment : null,
        })),
        claims: claims.map((c) => ({ id: c.id, type: c.type, typeLabel: CLAIM_TYPES[c.type], amount: c.amount, note: c.note })),
        // Workers see when the team visited and met, never what was noted; the team's own notes not at all.
        entries: entries
          .filter((e) => notes || e.kind !== 'note')
          .map((e) => ({
            id: e.id,
            kind: e.kind,
            kindLabel: CASE_ENTRY_KINDS[e.kind],
            heldOn: e.heldOn,
            place: notes ? e.place : null,
            people: notes ? e.people : null,
            notes: notes ? e.notes : null,
            authorName: e.authorName,
            at: e.createdAt,
          })),
        agreement:
          row.agreedTotal === null
            ? null
            : {
                agreedOn: row.agreedOn!,
                total: row.agreedTotal,
                terms: row.agreementTerms ?? '',
                shares: (row.agreementShares ?? []).map((s) => ({ ...s, name: partyName.get(s.partyId) ?? '' })),
                instalments: row.agreementInstalments ?? [],
              },
        confirmationCourt: row.confirmationCourt,
        confirmationRuling: row.confirmationRuling,
        referredTo: row.referredTo,
        outcomeNote: row.outcomeNote,
        escalatedAt: row.escalatedAt,
        myParty: mine && { id: mine.id, receiptSignedAt: mine.receiptSignedAt, rating: mine.rating },
        /** 签收 and 评价 are the worker's own, once each, when the case has come to them. */
        canSign: mine !== null && mine.receiptSignedAt === null && stateHas(row.state, 'agreement'),
        canRate: mine !== null && mine.rating === null && stateHas(row.state, 'rateable'),
        // The inputs of visits, sessions and notes are notes too.
        timeline: notes ? timeline : timeline.map((entry) => ({ ...entry, payload: null })),
        allowedActions: workflow.allowedActions(flow, actor, record),
      };
    },
  };
}

export type CaseQueries = ReturnType<typeof createCaseQueries>;
