import { and, asc, count, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { CalendarService } from '../../platform/calendar/service.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, scopePaths } from '../../platform/scope.js';
import { searchQuery, searchTokens } from '../../platform/search-tokens.js';
import { DEADLINE_STATUSES, type StateDefinition, type WorkflowEngine } from '../../platform/workflow/engine.js';
import type { Drafting } from './drafting.js';
import type { HandlerUnits } from './handler-units.js';
import type { Congress } from './congress.js';
import type { ProposalRecords, ProposalRow } from './records.js';
import type { ReviewGroups } from './review.js';
import { ANSWER_CATEGORIES, PROPOSAL_FIELDS, type ProposalField, type ProposalState, proposalCosigners, proposalProgress, proposalRatings, proposals, RATINGS } from './schema.js';
import { PROPOSAL_STATES, type ProposalWorkflow } from './workflow.js';

/**
 * The proposals as people read them: the list (whose proposals by `view`,
 * then the filters), one proposal with everything that happened to it, and
 * the proposals like the one a representative is typing.
 */

export interface ProposalListQuery {
  view?: 'all' | 'mine' | 'handling';
  state?: ProposalState;
  field?: ProposalField;
  q?: string;
  deadline?: 'at_risk' | 'overdue';
  /** The motions of one workers' congress session. */
  congressSessionId?: number;
  /** Only those the actor has not yet rated this round (待评价 among `mine`). */
  toRate?: boolean;
  page: number;
  pageSize: number;
}

/**
 * The list counts at most this many proposals ("2,000+" beyond): an exact count of a county's years of
 * proposals reads every row (a tenth of a second at 100,000), where a page reads twenty.
 */
export const PROPOSAL_COUNT_WINDOW = 2_000;
/** How many proposals the similar-proposal check offers. */
const SIMILAR_LIMIT = 5;
/**
 * The similar-proposal check ranks at most this many matches, the most recently active, in each way the
 * actor sees proposals: a typed text's common pairs (建议, 问题) are in most proposals, and ranking a county's
 * years of them read every row (1.3 s at 100,000, docs/scaling.md). A specific text has fewer matches, all ranked.
 */
const SIMILAR_CANDIDATES = 500;
/** Terms of the similar-proposal query: a pasted essay must not make a huge query. */
const SIMILAR_TERMS = 64;

/** States whose deadline runs (also the statistics' overdue count), and the widest at-risk window among them (the list's deadline filter). */
export const WITH_DEADLINE = (Object.entries(PROPOSAL_STATES) as [ProposalState, StateDefinition][]).filter(([, s]) => s.deadline);
const AT_RISK_DAYS = Math.max(...WITH_DEADLINE.map(([, s]) => s.deadline!.atRiskWorkingDays ?? 2));

const rowColumns = {
  id: proposals.id,
  tenantId: proposals.tenantId,
  serialNo: proposals.serialNo,
  title: proposals.title,
  field: proposals.field,
  state: proposals.state,
  orgId: proposals.orgId,
  submitterName: proposals.submitterName,
  dueOn: proposals.dueOn,
  progressPercent: proposals.progressPercent,
  updatedAt: proposals.updatedAt,
};
type ListRow = Pick<ProposalRow, keyof typeof rowColumns> & { cosignerCount: number; orgName: string };

export function createProposalQueries(
  ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'>; workflow: WorkflowEngine; calendar: Pick<CalendarService, 'calendar'>; today: () => string },
  parts: {
    flow: ProposalWorkflow;
    records: Pick<ProposalRecords, 'readScope' | 'mine' | 'assignedParts' | 'notOthersPrivate' | 'sightlines' | 'find' | 'cosignersOf' | 'recordOf'>;
    units: Pick<HandlerUnits, 'unitsOf' | 'byIds'>;
    drafting: Pick<Drafting, 'abilities'>;
    review: Pick<ReviewGroups, 'reviewView'>;
    congress: Pick<Congress, 'rulesOf'>;
  },
) {
  const { db, orgs, workflow, calendar, today } = ctx;
  const { flow, records, units, drafting } = parts;

  /** Without a `view`: everything in scope for those who may read it, the units' proposals for a handler, else one's own. */
  const defaultView = (actor: Actor): NonNullable<ProposalListQuery['view']> =>
    scopePaths(actor, 'proposals.read').length > 0 ? 'all' : scopePaths(actor, 'proposals.handle').length > 0 ? 'handling' : 'mine';

  /** Whose proposals the view lists, as disjoint parts (counted one after the other; listed as their OR). */
  async function whose(actor: Actor, view: NonNullable<ProposalListQuery['view']>): Promise<SQL[]> {
    if (view === 'all') return [await records.readScope(actor)];
    if (view === 'mine') return [await records.mine(actor)];
    requirePaths(actor, 'proposals.handle');
    const parts = records.assignedParts(await units.unitsOf(actor));
    return parts.length ? parts : [sql`false`];
  }

  /** A row as lists show it: labels, the deadline's standing today. */
  async function shownRows(rows: ListRow[]) {
    const standing = await workflow.deadlines(flow);
    return rows.map((r) => {
      const deadline = standing(r);
      return {
        id: r.id,
        serialNo: r.serialNo,
        title: r.title,
        field: r.field,
        state: r.state,
        orgId: r.orgId,
        submitterName: r.submitterName,
        cosignerCount: r.cosignerCount,
        dueOn: r.dueOn,
        progressPercent: r.progressPercent,
        updatedAt: r.updatedAt,
        fieldLabel: PROPOSAL_FIELDS[r.field],
        stateLabel: PROPOSAL_STATES[r.state].label,
        orgName: r.orgName,
        deadlineStatus: deadline?.status ?? null,
        deadlineStatusLabel: deadline ? DEADLINE_STATUSES[deadline.status] : null,
      };
    });
  }

  return {
    /**
     * A page of proposals, newest activity first (the (tenant, updated_at, id) index gives a page without
     * sorting); `total` exact up to PROPOSAL_COUNT_WINDOW, beyond it capped (`totalCapped`).
     */
    async list(actor: Actor, query: ProposalListQuery) {
      const parts = await whose(actor, query.view ?? defaultView(actor));
      const filters: SQL[] = [records.notOthersPrivate(actor)];
      if (query.state) filters.push(eq(proposals.state, query.state));
      if (query.field) filters.push(eq(proposals.field, query.field));
      if (query.congressSessionId) filters.push(eq(proposals.congressSessionId, query.congressSessionId));
      if (query.toRate) {
        // This round, as records.roundOf counts it.
        filters.push(sql`not exists (select 1 from ${proposalRatings} r where r.tenant_id = ${proposals.tenantId} and r.proposal_id = ${proposals.id}
          and r.user_id = ${actor.userId ?? 0} and r.round = case when ${proposals.reopenedAt} is null then 1 else 2 end)`);
      }
      if (query.q) {
        const tsquery = searchQuery(query.q);
        if (!tsquery) return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
        filters.push(sql`${proposals.search} @@ to_tsquery('simple', ${tsquery})`);
      }
      if (query.deadline) {
        // The standing is computed from the calendar (engine.deadlines); the filter is its range of due dates.
        const day = today();
        filters.push(inArray(proposals.state, WITH_DEADLINE.map(([state]) => state)));
        if (query.deadline === 'overdue') filters.push(lt(proposals.dueOn, day));
        else filters.push(gte(proposals.dueOn, day), lte(proposals.dueOn, (await calendar.calendar()).addWorkingDays(day, AT_RISK_DAYS)));
      }
      const where = and(or(...parts), ...filters);
      // Part by part (UNION ALL stops at the window): each part's own index, where their OR read the table.
      const counted = parts.map((part) => sql`(select 1 from ${proposals} where ${and(part, ...filters)} limit ${PROPOSAL_COUNT_WINDOW + 1})`);
      const capped = sql`select count(*)::int from (select 1 from (${sql.join(counted, sql` union all `)}) parts limit ${PROPOSAL_COUNT_WINDOW + 1}) capped`;
      // The page and its capped count in one round trip (the count an InitPlan PostgreSQL runs once); a page past the end counts alone.
      const rows = await db
        .select({ ...rowColumns, matches: sql<number>`(${capped})`.mapWith(Number) })
        .from(proposals)
        .where(where)
        .orderBy(desc(proposals.updatedAt), desc(proposals.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const matches = rows[0]?.matches ?? (query.page > 1 ? ((await queryRows<{ count: number }>(db, capped))[0]?.count ?? 0) : 0);
      // The page's co-signer counts and union names after the page: as columns of the page's query they were
      // computed for every row an OFFSET skips too (1,000 of each on page 50).
      const ids = rows.map((r) => r.id);
      const [counts, names] = await Promise.all([
        ids.length
          ? db
              .select({ proposalId: proposalCosigners.proposalId, n: count() })
              .from(proposalCosigners)
              .where(and(inArray(proposalCosigners.tenantId, [...new Set(rows.map((r) => r.tenantId))]), inArray(proposalCosigners.proposalId, ids)))
              .groupBy(proposalCosigners.tenantId, proposalCosigners.proposalId)
          : [],
        orgs.namesByIds([...new Set(rows.map((r) => r.orgId))]),
      ]);
      // Ids are unique across tenants (proposals_id_idx): the id alone names the proposal.
      const cosignerCount = new Map(counts.map((c) => [c.proposalId, c.n]));
      const page = rows.map((r) => ({ ...r, cosignerCount: cosignerCount.get(r.id) ?? 0, orgName: names.get(r.orgId) ?? '' }));
      return { items: await shownRows(page), total: Math.min(matches, PROPOSAL_COUNT_WINDOW), totalCapped: matches > PROPOSAL_COUNT_WINDOW, page: query.page, pageSize: query.pageSize };
    },

    /** One proposal with everything that happened to it, and what the actor may do next. */
    async detail(actor: Actor, id: number) {
      const found = await records.find(actor, id);
      const [cosigners, progress, ratings, timeline, mergedInto] = await Promise.all([
        records.cosignersOf(found),
        db
          .select()
          .from(proposalProgress)
          .where(and(eq(proposalProgress.tenantId, found.tenantId), eq(proposalProgress.proposalId, found.id)))
          .orderBy(asc(proposalProgress.createdAt), asc(proposalProgress.id)),
        db
          .select()
          .from(proposalRatings)
          .where(and(eq(proposalRatings.tenantId, found.tenantId), eq(proposalRatings.proposalId, found.id)))
          .orderBy(asc(proposalRatings.round), asc(proposalRatings.createdAt), asc(proposalRatings.id)),
        workflow.timeline(db, flow, found.tenantId, found.id),
        found.mergedIntoId
          ? db
              .select({ id: proposals.id, serialNo: proposals.serialNo, title: proposals.title })
              .from(proposals)
              .where(and(eq(proposals.tenantId, found.tenantId), eq(proposals.id, found.mergedIntoId)))
          : [],
      ]);
      const unitIds = [...(found.leadHandlerId ? [found.leadHandlerId] : []), ...found.coHandlerIds];
      const [[shown], record, unitRows, review, session] = await Promise.all([
        orgs.namesByIds([found.orgId]).then((names) => shownRows([{ ...found, cosignerCount: cosigners.length, orgName: names.get(found.orgId) ?? '' }])),
        records.recordOf(found, db, cosigners),
        units.byIds(found.tenantId, [...unitIds, ...progress.flatMap((p) => (p.handlerUnitId ? [p.handlerUnitId] : []))]),
        parts.review.reviewView(found),
        parts.congress.rulesOf(found),
      ]);
      // Who voted how is the group's and the reviewing union's business; others see the tally, and in the history that a vote was cast.
      const seesVotes = record.review?.memberUserIds.includes(actor.userId ?? 0) || canAt(actor, 'proposals.review', found.orgPath);
      const history = seesVotes ? timeline : timeline.map((entry) => (entry.action === 'vote' ? { ...entry, actorName: null, payload: null } : entry));
      const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
      const unitRef = (id: number) => ({ id, name: unitName.get(id) ?? '' });
      return {
        ...shown,
        tenantId: found.tenantId,
        version: found.version,
        reasons: found.reasons,
        suggestions: found.suggestions,
        submitterUserId: found.submitterUserId,
        worker: found.workerUserId || found.workerName ? { userId: found.workerUserId, name: found.workerName ?? '' } : null,
        decisionReason: found.decisionReason,
        mergedInto: mergedInto[0] ?? null,
        congressSession: session && found.congressSessionId ? { id: found.congressSessionId, name: session.name } : null,
        review: review && {
          ...review,
          votes: seesVotes ? review.votes : [],
          notVoted: canAt(actor, 'proposals.review', found.orgPath) ? review.notVoted : [],
        },
        submittedAt: found.submittedAt,
        concludedAt: found.concludedAt,
        reopened: found.reopenedAt !== null,
        cosigners,
        handlers: { lead: found.leadHandlerId ? unitRef(found.leadHandlerId) : null, co: found.coHandlerIds.map(unitRef) },
        progress: progress.map((p) => ({
          id: p.id,
          unitName: p.handlerUnitId ? (unitName.get(p.handlerUnitId) ?? null) : null,
          authorName: p.authorName,
          percent: p.percent,
          text: p.text,
          at: p.createdAt,
        })),
        answer:
          found.answerCategory && found.answer && found.answeredAt
            ? { category: found.answerCategory, categoryLabel: ANSWER_CATEGORIES[found.answerCategory], text: found.answer, answeredAt: found.answeredAt }
            : null,
        ratings: ratings.map((r) => ({ name: r.name, rating: r.rating, ratingLabel: RATINGS[r.rating], round: r.round, comment: r.comment, at: r.createdAt })),
        ...drafting.abilities(actor, found, record.cosignerUserIds),
        timeline: history,
        allowedActions: workflow.allowedActions(flow, actor, record),
      };
    },

    /**
     * Proposals like the text a representative is typing, best first: any shared word or character pair
     * counts (ORed, where the list's search ANDs), ranked by ts_rank over the same search column. Only
     * what the actor may see; single characters are left out, they match nearly everything.
     */
    async similar(actor: Actor, text: string) {
      const terms = searchTokens(text)
        .split(' ')
        .filter((token) => Array.from(token).length >= 2)
        .slice(0, SIMILAR_TERMS);
      if (terms.length === 0) return { items: [] };
      // Tokens are letters, digits and marks only (search-tokens.ts): quoting them is safe.
      const tsquery = sql`to_tsquery('simple', ${terms.map((t) => `'${t}'`).join(' | ')})`;
      // One query per way of seeing (each walks its own index to its newest candidates; ORed, none could), merged by rank.
      const found = await Promise.all(
        (await records.sightlines(actor)).map((sight) => {
          const candidates = db
            .select({ id: proposals.id, serialNo: proposals.serialNo, title: proposals.title, state: proposals.state, orgId: proposals.orgId, search: proposals.search })
            .from(proposals)
            .where(and(sight, records.notOthersPrivate(actor), sql`${proposals.search} @@ ${tsquery}`))
            .orderBy(desc(proposals.updatedAt), desc(proposals.id))
            .limit(SIMILAR_CANDIDATES)
            .as('candidates');
          return db
            .select({ id: candidates.id, serialNo: candidates.serialNo, title: candidates.title, state: candidates.state, orgId: candidates.orgId, rank: sql<number>`ts_rank(${candidates.search}, ${tsquery})`.mapWith(Number) })
            .from(candidates)
            .orderBy(desc(sql`ts_rank(${candidates.search}, ${tsquery})`), desc(candidates.id))
            .limit(SIMILAR_LIMIT);
        }),
      );
      const byId = new Map(found.flat().map(({ rank, ...row }) => [row.id, { row, rank }]));
      const rows = [...byId.values()]
        .sort((a, b) => b.rank - a.rank || b.row.id - a.row.id)
        .slice(0, SIMILAR_LIMIT)
        .map((x) => x.row);
      const names = await orgs.namesByIds(rows.map((r) => r.orgId));
      return { items: rows.map(({ orgId, ...r }) => ({ ...r, stateLabel: PROPOSAL_STATES[r.state].label, orgName: names.get(orgId) ?? '' })) };
    },
  };
}
