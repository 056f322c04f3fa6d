import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { beijingDate, beijingDayStart } from '../../platform/beijing-time.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, tenantScope } from '../../platform/scope.js';
import { searchQuery } from '../../platform/search-tokens.js';
import { statesWith, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { ProposalService } from '../proposals/service.js';
import type { RequestRecords, RequestRow } from './records.js';
import { directLineMessages, directLineRequests, REQUEST_CATEGORIES, REQUEST_RATINGS, type RequestCategory, type RequestState } from './schema.js';
import { MESSAGE_ACTIONS, REQUEST_STATES, type RequestWorkflow } from './workflow.js';

/**
 * Requests as people read them: the list (what waits for an answer first),
 * one request with its thread and what the actor may do, and the
 * representatives' record of answering (履职监督).
 */

export interface RequestListQuery {
  state?: RequestState;
  category?: RequestCategory;
  q?: string;
  page: number;
  pageSize: number;
}

const AWAITING = statesWith(REQUEST_STATES, 'needsAttention');
const HOUR_SECONDS = 3600;
/** 履职监督 counts a first reply by the end of this many working days after the day asked as on time. */
export const REPLY_WORKING_DAYS = 2;

const listColumns = {
  id: directLineRequests.id,
  subject: directLineRequests.subject,
  category: directLineRequests.category,
  state: directLineRequests.state,
  orgId: directLineRequests.orgId,
  workerName: directLineRequests.workerName,
  workerOrgId: directLineRequests.workerOrgId,
  representativeName: directLineRequests.representativeName,
  proposalId: directLineRequests.proposalId,
  rating: directLineRequests.rating,
  createdAt: directLineRequests.createdAt,
  updatedAt: directLineRequests.updatedAt,
  // Spelt out: drizzle writes a selected column unqualified, which inside the subquery would name the message's own.
  lastMessage: sql<string>`(select m.text from ${directLineMessages} m where m.tenant_id = direct_line_requests.tenant_id and m.request_id = direct_line_requests.id order by m.created_at desc, m.id desc limit 1)`,
};
type ListRow = Pick<RequestRow, Exclude<keyof typeof listColumns, 'lastMessage'>> & { lastMessage: string };

export function createRequestQueries(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>; workflow: WorkflowEngine; calendar: Pick<CalendarService, 'calendar'> },
  parts: { flow: RequestWorkflow; records: Pick<RequestRecords, 'visible' | 'find' | 'recordOf'>; proposals: Pick<ProposalService, 'detail'> },
) {
  const { db, orgs, workflow, calendar } = ctx;
  const { flow, records, proposals } = parts;

  async function shownRows(rows: ListRow[]) {
    const names = await orgs.namesByIds(rows.flatMap((r) => [r.orgId, r.workerOrgId]));
    return rows.map((r) => ({
      ...r,
      categoryLabel: REQUEST_CATEGORIES[r.category],
      stateLabel: REQUEST_STATES[r.state].label,
      ratingLabel: r.rating ? REQUEST_RATINGS[r.rating] : null,
      orgName: names.get(r.orgId) ?? '',
      workerOrgName: names.get(r.workerOrgId) ?? '',
      /** To whom: the representative by name, else the union. */
      addresseeName: r.representativeName ?? names.get(r.orgId) ?? '',
    }));
  }

  /** The proposal a request became, as far as the actor may see it (a draft is its representative's until submitted). */
  async function proposalOf(actor: Actor, proposalId: number | null) {
    if (proposalId === null) return null;
    try {
      const p = await proposals.detail(actor, proposalId);
      return { id: p.id, visible: true, serialNo: p.serialNo, title: p.title, state: p.state, stateLabel: p.stateLabel };
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return { id: proposalId, visible: false, serialNo: null, title: null, state: null, stateLabel: null };
      throw error;
    }
  }

  /**
   * Per representative, the requests sent to them by name within [from, to) among those `where` selects:
   * received, answered, answered by the end of the second working day after the day asked (Beijing dates,
   * the calendar's holidays and make-up days), turned into proposals, the first reply's delay in hours
   * (median and mean, over those answered) and the workers' ratings.
   */
  async function answering(where: SQL, period: { from: Date; to: Date }) {
    const within = sql`${where} and ${directLineRequests.representativeUserId} is not null
      and ${directLineRequests.createdAt} >= ${period.from.toISOString()} and ${directLineRequests.createdAt} < ${period.to.toISOString()}`;
    const delay = sql`extract(epoch from (${directLineRequests.firstReplyAt} - ${directLineRequests.createdAt}))`;
    const ratingCount = (rating: string) => sql`count(*) filter (where ${directLineRequests.rating} = ${rating})::int`;
    const [rows, replies, days] = await Promise.all([
      queryRows<{
        user_id: number;
        name: string;
        received: number;
        answered: number;
        proposals: number;
        median_seconds: number | null;
        mean_seconds: number | null;
        satisfied: number;
        basically_satisfied: number;
        unsatisfied: number;
      }>(
        db,
        sql`select ${directLineRequests.representativeUserId} as user_id, max(${directLineRequests.representativeName}) as name,
                   count(*)::int as received, count(${directLineRequests.firstReplyAt})::int as answered, count(${directLineRequests.proposalId})::int as proposals,
                   percentile_cont(0.5) within group (order by ${delay}) as median_seconds, avg(${delay})::float8 as mean_seconds,
                   ${ratingCount('satisfied')} as satisfied, ${ratingCount('basically_satisfied')} as basically_satisfied, ${ratingCount('unsatisfied')} as unsatisfied
            from ${directLineRequests}
            where ${within}
            group by ${directLineRequests.representativeUserId}
            order by received desc, user_id`,
      ),
      db
        .select({ userId: directLineRequests.representativeUserId, createdAt: directLineRequests.createdAt, firstReplyAt: directLineRequests.firstReplyAt })
        .from(directLineRequests)
        .where(sql`${within} and ${directLineRequests.firstReplyAt} is not null`),
      calendar.calendar(),
    ]);
    const onTime = new Map<number, number>();
    for (const r of replies) {
      const lastDay = days.addWorkingDays(beijingDate(r.createdAt), REPLY_WORKING_DAYS);
      if (r.firstReplyAt! < beijingDayStart(lastDay, 1)) onTime.set(r.userId!, (onTime.get(r.userId!) ?? 0) + 1);
    }
    const hours = (seconds: number | null) => (seconds === null ? null : Math.round((Number(seconds) / HOUR_SECONDS) * 10) / 10);
    return rows.map((r) => ({
      userId: Number(r.user_id),
      name: r.name,
      received: Number(r.received),
      answered: Number(r.answered),
      answeredOnTime: onTime.get(Number(r.user_id)) ?? 0,
      proposals: Number(r.proposals),
      medianFirstReplyHours: hours(r.median_seconds),
      meanFirstReplyHours: hours(r.mean_seconds),
      ratings: { satisfied: Number(r.satisfied), basically_satisfied: Number(r.basically_satisfied), unsatisfied: Number(r.unsatisfied) },
    }));
  }

  return {
    /** A page of requests the actor may see: those waiting for an answer first, then by latest activity. */
    async list(actor: Actor, query: RequestListQuery) {
      const filters: SQL[] = [await records.visible(actor)];
      if (query.state) filters.push(eq(directLineRequests.state, query.state));
      if (query.category) filters.push(eq(directLineRequests.category, query.category));
      if (query.q) {
        const tsquery = searchQuery(query.q);
        if (!tsquery) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
        filters.push(sql`${directLineRequests.search} @@ to_tsquery('simple', ${tsquery})`);
      }
      const where = and(...filters);
      const awaiting = sql`(${directLineRequests.state} in (${sql.join(
        AWAITING.map((s) => sql`${s}`),
        sql`, `,
      )}))`;
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(listColumns)
          .from(directLineRequests)
          .where(where)
          .orderBy(desc(awaiting), desc(directLineRequests.updatedAt), desc(directLineRequests.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(directLineRequests).where(where),
      ]);
      return { items: await shownRows(rows), total, page: query.page, pageSize: query.pageSize };
    },

    /** One request with its thread, its history, the proposal it became and what the actor may do next. */
    async detail(actor: Actor, id: number) {
      const found = await records.find(actor, id);
      const [[shown], messages, timeline, record, proposal] = await Promise.all([
        shownRows([{ ...found, lastMessage: '' }]),
        db
          .select({ id: directLineMessages.id, authorName: directLineMessages.authorName, fromWorker: directLineMessages.fromWorker, text: directLineMessages.text, at: directLineMessages.createdAt })
          .from(directLineMessages)
          .where(and(eq(directLineMessages.tenantId, found.tenantId), eq(directLineMessages.requestId, found.id)))
          .orderBy(asc(directLineMessages.createdAt), asc(directLineMessages.id)),
        workflow.timeline(db, flow, found.tenantId, found.id),
        records.recordOf(found),
        proposalOf(actor, found.proposalId),
      ]);
      const allowed = workflow.allowedActions(flow, actor, record);
      const isMessage = (action: string) => (MESSAGE_ACTIONS as readonly string[]).includes(action);
      const message = allowed.find((a) => isMessage(a.action));
      const { lastMessage: _last, ...row } = shown;
      return {
        ...row,
        tenantId: found.tenantId,
        firstReplyAt: found.firstReplyAt,
        closedAt: found.closedAt,
        ratingComment: found.ratingComment,
        messages,
        proposal,
        timeline,
        /** The message box: the one message action the actor may send now (回复, 追问 or 补充说明). */
        messageAction: message ? { action: message.action, label: message.label } : null,
        allowedActions: allowed.filter((a) => !isMessage(a.action)),
      };
    },

    /** 履职监督: every representative's answering within [from, to) at the union's subtree (staff; 404 outside their scope). */
    async representativeRecord(actor: Actor, query: { orgId: number; from: Date; to: Date }) {
      requirePaths(actor, 'directLine.read');
      const org = await orgs.byId(query.orgId);
      if (!org || !canAt(actor, 'directLine.read', org.path)) throw notFound('工会', 'union');
      const scope = await tenantScope(actor, 'directLine.read', directLineRequests, (path) => orgs.tenantIdsWithin(path));
      return { items: await answering(sql`${scope} and ${directLineRequests.orgPath} <@ ${org.path}::ltree`, query) };
    },

    /** A representative's own answering within [from, to). */
    async ownRecord(actor: Actor, period: { from: Date; to: Date }) {
      requirePaths(actor, 'directLine.answer');
      const [mine] = await answering(sql`${directLineRequests.representativeUserId} = ${actor.userId}`, period);
      return mine ?? { userId: actor.userId!, name: actor.displayName, received: 0, answered: 0, answeredOnTime: 0, proposals: 0, medianFirstReplyHours: null, meanFirstReplyHours: null, ratings: { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 } };
    },
  };
}
