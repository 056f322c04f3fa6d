import { and, asc, eq, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { scopePaths, tenantScope } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import type { Congress } from './congress.js';
import type { HandlerUnits } from './handler-units.js';
import type { ReviewGroups } from './review.js';
import { proposalCosigners, proposalRatings, proposals, reviewGroupMembers } from './schema.js';
import { MIN_COSIGNERS, PROPOSAL_STATES, type ProposalRecord } from './workflow.js';

/**
 * Who sees which proposal, and a proposal as the workflow sees it. One rule
 * for the list, the detail, every action and the similar-proposal check:
 * the actor's `proposals.read` scope (a tenant scope, scope.ts), plus what is
 * the actor's own — submitted, co-signed or raised by them as the worker —
 * plus, for a handler account, what is assigned to its units; never another
 * person's draft (state flag `private`).
 */

export type ProposalRow = typeof proposals.$inferSelect;

/** Drafts and the like: only their submitter sees them. */
const PRIVATE_STATES = statesWith(PROPOSAL_STATES, 'private');

/** The values of a column as an SQL array literal (drizzle would spread a JS array into a list). */
export const bigintArray = (values: readonly number[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::bigint[]`;

export function createProposalRecords(
  ctx: { db: Db; orgs: Pick<OrgService, 'tenantIdsWithin'> },
  parts: { units: Pick<HandlerUnits, 'unitsOf' | 'accountsOf'>; review: Pick<ReviewGroups, 'reviewOf'>; congress: Pick<Congress, 'rulesOf'> },
) {
  const { db, orgs } = ctx;
  const { unitsOf, accountsOf } = parts.units;

  /** The actor's proposals.read scope on the table's indexes (tenant first, then the path range). */
  const readScope = (actor: Actor, tx: Db = db) => tenantScope(actor, 'proposals.read', proposals, (path) => orgs.tenantIdsWithin(path, tx));

  /**
   * Submitted, co-signed or raised (as the worker) by the actor, or put to a review group the actor sits on:
   * one set of keys, each part from its index, which the list joins to (per-row EXISTS read every proposal:
   * 0.7 s at 100,000, docs/scaling.md). The actor's groups are read first: joined in the same statement, the
   * planner guessed the group branch large, scanned `proposals` for it and ran the key set in parallel
   * (~40 ms of worker start-up for under 1 ms of work); most representatives sit on no group at all.
   */
  async function mine(actor: Actor, tx: Db = db): Promise<SQL> {
    if (actor.userId === null) return sql`false`;
    const me = actor.userId;
    const groups = await tx
      .select({ tenantId: reviewGroupMembers.tenantId, groupId: reviewGroupMembers.groupId })
      .from(reviewGroupMembers)
      .where(eq(reviewGroupMembers.userId, me));
    const reviewed = groups.map(
      ({ tenantId, groupId }) => sql`
      union all
      select p.tenant_id, p.id from ${proposals} p where p.tenant_id = ${tenantId} and p.review_group_id = ${groupId}`,
    );
    return sql`(${proposals.tenantId}, ${proposals.id}) in (
      select p.tenant_id, p.id from ${proposals} p where p.submitter_user_id = ${me} or p.worker_user_id = ${me}
      union all
      select c.tenant_id, c.proposal_id from ${proposalCosigners} c where c.user_id = ${me}${sql.join(reviewed)})`;
  }

  /**
   * Assigned to one of these units, as disjoint parts: led by one, or co-handled by one and led by none of
   * them. Each part has its own index (lead: the b-tree, co-handling: the GIN), so the list can count them
   * one after the other (queries.ts) where their OR made PostgreSQL scan the table.
   */
  function assignedParts(units: readonly { tenantId: number; id: number }[]): SQL[] {
    const byTenant = new Map<number, number[]>();
    for (const u of units) byTenant.set(u.tenantId, [...(byTenant.get(u.tenantId) ?? []), u.id]);
    return [...byTenant].flatMap(([tenantId, ids]) => [
      and(eq(proposals.tenantId, tenantId), inArray(proposals.leadHandlerId, ids))!,
      and(eq(proposals.tenantId, tenantId), sql`${proposals.coHandlerIds} && ${bigintArray(ids)}`, sql`not coalesce(${proposals.leadHandlerId} = any(${bigintArray(ids)}), false)`)!,
    ]);
  }

  /** Assigned (lead or co-handling) to one of these units. */
  function assignedTo(units: readonly { tenantId: number; id: number }[]): SQL {
    return units.length === 0 ? sql`false` : or(...assignedParts(units))!;
  }

  /** Another person's draft is nobody else's business. */
  const notOthersPrivate = (actor: Actor) => or(notInArray(proposals.state, PRIVATE_STATES), eq(proposals.submitterUserId, actor.userId ?? 0))!;

  /** The ways a proposal may be in the actor's sight (the one rule above, before the drafts are left out): any of them. */
  async function sightlines(actor: Actor, tx: Db = db): Promise<SQL[]> {
    const parts: SQL[] = [await mine(actor, tx)];
    if (scopePaths(actor, 'proposals.read').length > 0) parts.push(await readScope(actor, tx));
    const units = await unitsOf(actor, tx);
    if (units.length > 0) parts.push(assignedTo(units));
    return parts;
  }

  /** Everything the actor may see (the one rule above), as a WHERE. */
  async function visible(actor: Actor, tx: Db = db): Promise<SQL> {
    return and(or(...(await sightlines(actor, tx))), notOthersPrivate(actor))!;
  }

  /**
   * A proposal the actor may see, or 404 (also for one that exists out of sight). `lock`: the row is held
   * for the rest of the transaction, so actions on one proposal (two last ratings, a co-signature and the
   * review) run one after the other and each reads what the one before wrote.
   */
  async function find(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<ProposalRow> {
    const query = tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.id, id), await visible(actor, tx)));
    const [row] = options.lock ? await query.for('update', { of: proposals }) : await query;
    if (!row) throw notFound('提案', 'proposal');
    return row;
  }

  const cosignersOf = (row: Pick<ProposalRow, 'tenantId' | 'id'>, tx: Db = db) =>
    tx
      .select({ userId: proposalCosigners.userId, name: proposalCosigners.name, at: proposalCosigners.createdAt })
      .from(proposalCosigners)
      .where(and(eq(proposalCosigners.tenantId, row.tenantId), eq(proposalCosigners.proposalId, row.id)))
      .orderBy(asc(proposalCosigners.createdAt), asc(proposalCosigners.id));

  /** 1, or 2 once 不满意 has reopened it. */
  const roundOf = (row: Pick<ProposalRow, 'reopenedAt'>) => (row.reopenedAt ? 2 : 1);

  /** The proposal as the workflow reads it: who co-signed (unless `known` already), who handles it, who has rated this round, its session's rules, its review. */
  async function recordOf(row: ProposalRow, tx: Db = db, known?: { userId: number }[]): Promise<ProposalRecord> {
    // One after the other: `tx` may be a transaction's one connection.
    const cosigners = known ?? (await cosignersOf(row, tx));
    const handlerUserIds = row.leadHandlerId ? await accountsOf(row.tenantId, [row.leadHandlerId, ...row.coHandlerIds], tx) : [];
    const rated = await tx
      .select({ userId: proposalRatings.userId })
      .from(proposalRatings)
      .where(and(eq(proposalRatings.tenantId, row.tenantId), eq(proposalRatings.proposalId, row.id), eq(proposalRatings.round, roundOf(row))));
    const rules = await parts.congress.rulesOf(row, tx);
    const review = await parts.review.reviewOf(row, tx);
    return {
      id: row.id,
      tenantId: row.tenantId,
      state: row.state,
      orgPath: row.orgPath,
      submitterUserId: row.submitterUserId,
      workerUserId: row.workerUserId,
      cosignerUserIds: cosigners.map((c) => c.userId),
      handlerUserIds,
      ratedUserIds: rated.map((r) => r.userId),
      reopened: row.reopenedAt !== null,
      minCosigners: rules?.minCosigners ?? MIN_COSIGNERS,
      collectionClosedReason: rules?.closedReason ?? null,
      review,
    };
  }

  return { readScope, mine, assignedParts, assignedTo, notOthersPrivate, sightlines, visible, find, cosignersOf, roundOf, recordOf };
}

export type ProposalRecords = ReturnType<typeof createProposalRecords>;
