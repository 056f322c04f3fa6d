import { and, gte, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { beijingDayStart } from '../../platform/beijing-time.js';
import { notFound } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { requireAt, requirePaths, tenantSubtree } from '../../platform/scope.js';
import { proposalCosigners, proposalRatings, proposals, reviewGroupMembers, reviewVotes } from './schema.js';
import { ACCEPTED_ON } from './workflow.js';

/**
 * 履职监督's proposal figures, per representative, of the proposals submitted
 * within a period (Beijing dates, both included) in an org's subtree: those
 * they submitted, how many were accepted (立案 or later) and concluded, their
 * co-signatures, their attendance at reviews and the ratings their proposals
 * received. Drafts were never submitted and are not counted.
 *
 * A review counts for a member when the proposal has left review (the group
 * decided) or they have voted: a review still open is not yet an absence.
 */

export interface DutyPeriod {
  from: string;
  to: string;
}

interface FigureRow {
  user_id: number;
  submitted: number;
  accepted: number;
  concluded: number;
  cosigned: number;
  reviews: number;
  votes: number;
  rated: number;
  rated_good: number;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

export function createProposalDuty(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'> }) {
  const { db, orgs } = ctx;

  /** Every figure for each representative with any, over the proposals `where` selects; `userId` keeps one person's. */
  async function figures(where: SQL, period: DutyPeriod, userId?: number) {
    const inPeriod = and(where, gte(proposals.submittedAt, beijingDayStart(period.from)), lt(proposals.submittedAt, beijingDayStart(period.to, 1)));
    const rows = await queryRows<FigureRow>(
      db,
      sql`
        with p as (
          select ${proposals.tenantId} as tenant_id, ${proposals.id} as id, ${proposals.submitterUserId} as submitter, ${proposals.state} as state, ${proposals.reviewGroupId} as group_id
          from ${proposals} where ${inPeriod}
        ),
        sat as (
          select p.tenant_id, p.id, m.user_id from p join ${reviewGroupMembers} m on m.tenant_id = p.tenant_id and m.group_id = p.group_id where p.state <> 'in_review'
          union
          select v.tenant_id, v.proposal_id, v.user_id from ${reviewVotes} v join p on v.tenant_id = p.tenant_id and v.proposal_id = p.id
        ),
        events as (
          select p.submitter as user_id, 1 as submitted, (p.state in (${list(ACCEPTED_ON)}))::int as accepted, (p.state = 'concluded')::int as concluded,
                 0 as cosigned, 0 as reviews, 0 as votes, 0 as rated, 0 as rated_good from p
          union all
          select c.user_id, 0, 0, 0, 1, 0, 0, 0, 0 from ${proposalCosigners} c join p on c.tenant_id = p.tenant_id and c.proposal_id = p.id
          union all
          select s.user_id, 0, 0, 0, 0, 1, 0, 0, 0 from sat s
          union all
          select v.user_id, 0, 0, 0, 0, 0, 1, 0, 0 from ${reviewVotes} v join p on v.tenant_id = p.tenant_id and v.proposal_id = p.id
          union all
          select p.submitter, 0, 0, 0, 0, 0, 0, 1, (r.rating in ('satisfied', 'basically_satisfied'))::int
          from ${proposalRatings} r join p on r.tenant_id = p.tenant_id and r.proposal_id = p.id
        )
        select user_id, sum(submitted)::int as submitted, sum(accepted)::int as accepted, sum(concluded)::int as concluded, sum(cosigned)::int as cosigned,
               sum(reviews)::int as reviews, sum(votes)::int as votes, sum(rated)::int as rated, sum(rated_good)::int as rated_good
        from events ${userId === undefined ? sql`` : sql`where user_id = ${userId}`}
        group by user_id`,
    );
    return rows.map((r) => ({
      userId: Number(r.user_id),
      submitted: Number(r.submitted),
      accepted: Number(r.accepted),
      concluded: Number(r.concluded),
      cosigned: Number(r.cosigned),
      reviews: Number(r.reviews),
      votes: Number(r.votes),
      rated: Number(r.rated),
      ratedSatisfied: Number(r.rated_good),
    }));
  }

  return {
    /** The figures of every representative active in the org's subtree (staff who read the statistics; 404 outside their scope). */
    async representativeRecord(actor: Actor, query: DutyPeriod & { orgId: number }) {
      requirePaths(actor, 'proposals.statistics');
      const org = await orgs.byId(query.orgId);
      if (!org) throw notFound('工会', 'org');
      requireAt(actor, 'proposals.statistics', org.path);
      return { items: await figures(await tenantSubtree(org, proposals, (path) => orgs.tenantIdsWithin(path)), query) };
    },

    /** A representative's own figures, wherever their proposals and reviews are. */
    async ownRecord(actor: Actor, period: DutyPeriod) {
      requirePaths(actor, 'proposals.submit');
      const [mine] = await figures(sql`true`, period, actor.userId!);
      return mine ?? { userId: actor.userId!, submitted: 0, accepted: 0, concluded: 0, cosigned: 0, reviews: 0, votes: 0, rated: 0, ratedSatisfied: 0 };
    },
  };
}

export type ProposalDuty = ReturnType<typeof createProposalDuty>;
