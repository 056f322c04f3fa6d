import { and, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { beijingDayStart } from '../../platform/beijing-time.js';
import { COUNTS_AS_SATISFIED } from '../../platform/satisfaction.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { requireAt, requirePaths, tenantSubtree } from '../../platform/scope.js';
import { workflowDeadlineNotices, workflowTimeline } from '../../platform/workflow/schema.js';
import { WITH_DEADLINE } from './queries.js';
import { ANSWER_CATEGORIES, type AnswerCategory, handlerUnits, PROPOSAL_FIELDS, type ProposalField, type ProposalState, proposalRatings, proposals } from './schema.js';
import { ACCEPTED_ON, ANSWERED_ON, ASSIGNED_ON, PROPOSAL_STATES, type ProposalWorkflow } from './workflow.js';

/**
 * 提案统计 of an org's subtree over a period (docs/architecture.md, "Proposal
 * statistics", defines each figure): one aggregate query, grouped by grouping
 * sets into the totals and the tables by state, field, lead handler unit and
 * sub-union. A proposal belongs to the period by the Beijing date it was
 * submitted; drafts were never submitted and are not counted.
 */

export interface StatisticsQuery {
  orgId?: number;
  from?: string;
  to?: string;
}

const CATEGORIES = Object.keys(ANSWER_CATEGORIES) as AnswerCategory[];


const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
const stateIn = (states: readonly string[]) => sql`${proposals.state} in (${list(states)})`;

/** A share, or null when there is nothing to divide by (shown as —). */
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

interface CountRow {
  total: number;
  submitted: number;
  accepted: number;
  not_accepted: number;
  merged: number;
  assigned: number;
  answered: number;
  concluded: number;
  category_a: number;
  category_b: number;
  category_c: number;
  overdue: number;
  late: number;
  rated: number;
  rated_good: number;
  handling_days: number | null;
}

/** The counts of a group and the rates made of them. */
function figuresOf(r: CountRow) {
  const categories = { A: r.category_a, B: r.category_b, C: r.category_c } satisfies Record<AnswerCategory, number>;
  return {
    total: r.total,
    submitted: r.submitted,
    accepted: r.accepted,
    notAccepted: r.not_accepted,
    merged: r.merged,
    assigned: r.assigned,
    answered: r.answered,
    concluded: r.concluded,
    overdue: r.overdue,
    rated: r.rated,
    ratedSatisfied: r.rated_good,
    averageHandlingDays: r.handling_days === null ? null : Math.round(r.handling_days * 10) / 10,
    categories: CATEGORIES.map((code) => ({ code, label: ANSWER_CATEGORIES[code], count: categories[code], share: ratio(categories[code], r.answered) })),
    /** 立案率: a merged proposal is neither accepted nor refused on its own (its matter goes on in the one it joined). */
    acceptanceRate: ratio(r.accepted, r.accepted + r.not_accepted),
    answerRate: ratio(r.answered, r.assigned),
    conclusionRate: ratio(r.concluded, r.accepted),
    onTimeRate: ratio(r.answered - r.late, r.answered),
    satisfactionRate: ratio(r.rated_good, r.rated),
  };
}
export type ProposalFigures = ReturnType<typeof figuresOf>;

export function createProposalStatistics(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>; today: () => string }, parts: { flow: ProposalWorkflow }) {
  const { db, orgs, today } = ctx;
  const workflowId = parts.flow.id;

  /** The org (the actor's own scope by default, else 403 outside it) and the period (this year by default). */
  async function resolve(actor: Actor, query: StatisticsQuery) {
    const day = today();
    const orgId = query.orgId ?? actor.grants.find((g) => g.orgPath === requirePaths(actor, 'proposals.statistics')[0])!.orgId;
    const org = await orgs.byId(orgId);
    if (!org) throw notFound('工会', 'org');
    requireAt(actor, 'proposals.statistics', org.path);
    const from = query.from ?? `${day.slice(0, 4)}-01-01`;
    const to = query.to ?? day;
    if (from > to) throw validationError([{ field: 'to', reason: '结束日期不能早于开始日期' }]);
    const where = and(
      await tenantSubtree(org, proposals, (path) => orgs.tenantIdsWithin(path)),
      gte(proposals.submittedAt, beijingDayStart(from)),
      lt(proposals.submittedAt, beijingDayStart(to, 1)),
    )!;
    return { org, from, to, where };
  }

  /** Every figure of the subtree and period, in one pass over its proposals. */
  async function groupedCounts(where: SQL, branchDepth: number, rootId: number) {
    const day = today();
    const overdue = and(stateIn(WITH_DEADLINE.map(([s]) => s)), lt(proposals.dueOn, day));
    return queryRows<CountRow & { g_state: number; g_field: number; g_handler: number; g_branch: number; state: ProposalState | null; field: ProposalField | null; handler_id: number | null; handler_name: string | null; branch_id: number | null }>(
      db,
      sql`
        with base as (
          select
            ${proposals.state} as state,
            ${proposals.field} as field,
            ${proposals.leadHandlerId}::int as handler_id,
            h.name as handler_name,
            case when nlevel(${proposals.orgPath}) > ${branchDepth} then subpath(${proposals.orgPath}, ${branchDepth}, 1)::text::int else ${rootId} end as branch_id,
            ${proposals.answerCategory} as category,
            ${stateIn(ACCEPTED_ON)} as accepted,
            ${stateIn(ASSIGNED_ON)} as assigned,
            ${stateIn(ANSWERED_ON)} as answered,
            coalesce(${overdue}, false) as overdue,
            ${stateIn(ANSWERED_ON)} and exists (
              select 1 from ${workflowDeadlineNotices} n
              where n.tenant_id = ${proposals.tenantId} and n.workflow = ${workflowId} and n.record_id = ${proposals.id} and n.kind = 'escalate'
            ) as late,
            case when ${stateIn(ANSWERED_ON)} then extract(epoch from ${proposals.answeredAt} - (
              select min(w.at) from ${workflowTimeline} w
              where w.tenant_id = ${proposals.tenantId} and w.workflow = ${workflowId} and w.record_id = ${proposals.id} and w.action = 'assign'
            )) / 86400 end as handling_days,
            rt.rated,
            rt.rated_good
          from ${proposals}
          left join ${handlerUnits} h on h.tenant_id = ${proposals.tenantId} and h.id = ${proposals.leadHandlerId}
          -- 满意度: each rater's latest rating (the second round's, after 不满意 reopened it).
          cross join lateral (
            select count(*) as rated, count(*) filter (where latest.rating in (${list(COUNTS_AS_SATISFIED)})) as rated_good
            from (
              select distinct on (r.user_id) r.rating from ${proposalRatings} r
              where r.tenant_id = ${proposals.tenantId} and r.proposal_id = ${proposals.id}
              order by r.user_id, r.round desc
            ) latest
          ) rt
          where ${where}
        )
        select
          grouping(state)::int as g_state, grouping(field)::int as g_field, grouping(handler_id)::int as g_handler, grouping(branch_id)::int as g_branch,
          state, field, handler_id, max(handler_name) as handler_name, branch_id,
          count(*)::int as total,
          count(*) filter (where state <> 'withdrawn')::int as submitted,
          count(*) filter (where accepted)::int as accepted,
          count(*) filter (where state = 'not_accepted')::int as not_accepted,
          count(*) filter (where state = 'merged')::int as merged,
          count(*) filter (where assigned)::int as assigned,
          count(*) filter (where answered)::int as answered,
          count(*) filter (where state = 'concluded')::int as concluded,
          count(*) filter (where answered and category = 'A')::int as category_a,
          count(*) filter (where answered and category = 'B')::int as category_b,
          count(*) filter (where answered and category = 'C')::int as category_c,
          count(*) filter (where overdue)::int as overdue,
          count(*) filter (where late)::int as late,
          coalesce(sum(rated), 0)::int as rated,
          coalesce(sum(rated_good), 0)::int as rated_good,
          avg(handling_days)::float8 as handling_days
        from base
        group by grouping sets ((), (state), (field), (handler_id), (branch_id))`,
    );
  }

  return {
    /** GET /api/proposals/statistics: the figures of the subtree and period, and the tables. */
    async statistics(actor: Actor, query: StatisticsQuery) {
      const { org, from, to, where } = await resolve(actor, query);
      const rows = await groupedCounts(where, org.path.split('.').length, org.id);
      const groups = (key: 'g_state' | 'g_field' | 'g_handler' | 'g_branch') => rows.filter((r) => r.g_state + r.g_field + r.g_handler + r.g_branch === 3 && r[key] === 0);
      const totalRow = rows.find((r) => r.g_state + r.g_field + r.g_handler + r.g_branch === 4);
      const empty: CountRow = { total: 0, submitted: 0, accepted: 0, not_accepted: 0, merged: 0, assigned: 0, answered: 0, concluded: 0, category_a: 0, category_b: 0, category_c: 0, overdue: 0, late: 0, rated: 0, rated_good: 0, handling_days: null };
      const byState = new Map(groups('g_state').map((r) => [r.state!, r.total]));
      const byField = new Map(groups('g_field').map((r) => [r.field!, r]));
      const branches = groups('g_branch');
      const names = await orgs.namesByIds(branches.map((r) => r.branch_id!));
      return {
        org: { id: org.id, name: org.name },
        from,
        to,
        asOf: today(),
        totals: figuresOf(totalRow ?? empty),
        // Drafts are nobody's statistics; every other state is listed, zero or not.
        byState: (Object.keys(PROPOSAL_STATES) as ProposalState[]).filter((s) => s !== 'draft').map((state) => ({ state, label: PROPOSAL_STATES[state].label, count: byState.get(state) ?? 0 })),
        byField: (Object.keys(PROPOSAL_FIELDS) as ProposalField[]).map((field) => ({ field, label: PROPOSAL_FIELDS[field], ...figuresOf(byField.get(field) ?? empty) })),
        byHandler: groups('g_handler')
          .filter((r) => r.handler_id !== null)
          .sort((a, b) => b.assigned - a.assigned || (a.handler_name ?? '').localeCompare(b.handler_name ?? '', 'zh'))
          .map((r) => ({ unitId: r.handler_id!, name: r.handler_name ?? '', ...figuresOf(r) })),
        byUnion: branches
          .map((r) => ({ orgId: r.branch_id!, name: names.get(r.branch_id!) ?? '', own: r.branch_id === org.id, ...figuresOf(r) }))
          .sort((a, b) => Number(b.own) - Number(a.own) || b.submitted - a.submitted),
      };
    },
    resolve,
  };
}

export type ProposalStatistics = ReturnType<typeof createProposalStatistics>;
