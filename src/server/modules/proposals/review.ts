import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, gather } from '../../db/client.js';
import { rolesCarrying } from '../../platform/accounts/roles.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, isWithin, requireAt, withinOrAbove } from '../../platform/scope.js';
import { REVIEW_VOTES, reviewGroupMembers, reviewGroups, reviewVotes } from './schema.js';
import type { ProposalRecord } from './workflow.js';

/**
 * 小组审议: review groups of representatives (a congress's 提案审查委员会 is
 * one), registered by a union for its proposals and those of the unions below
 * it, and their votes. A group decides by a majority of the votes cast once
 * `quorum` members have voted; the union then records the decision (立案 or
 * 不予立案), which the workflow refuses against the vote (workflow.ts,
 * `reviewBlocks`).
 */

export interface ReviewGroupInput {
  orgId: number;
  name: string;
  quorum: number;
  memberUserIds: number[];
}
export type ReviewGroupChanges = Partial<Omit<ReviewGroupInput, 'orgId'>> & { active?: boolean; version: number };

type GroupRow = typeof reviewGroups.$inferSelect;

/** Who may sit on a review group: the roles that raise proposals (会员代表). */
const representativeRoles = () => rolesCarrying('proposals.submit');

export function createReviewGroups(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'>; notifications: Pick<NotificationService, 'notify'>; now: () => Date }) {
  const { db, orgs, notifications, now } = ctx;

  /** Groups serving the subtree where the actor reviews (scope.ts). */
  const groupScope = (actor: Actor) => withinOrAbove(actor, ['proposals.review'], reviewGroups);

  const membersOf = (groups: readonly Pick<GroupRow, 'tenantId' | 'id'>[], tx: Db = db) =>
    groups.length === 0
      ? Promise.resolve([])
      : tx
          .select({ tenantId: reviewGroupMembers.tenantId, groupId: reviewGroupMembers.groupId, userId: reviewGroupMembers.userId, name: reviewGroupMembers.name })
          .from(reviewGroupMembers)
          .where(and(eq(reviewGroupMembers.tenantId, groups[0].tenantId), inArray(reviewGroupMembers.groupId, groups.map((g) => g.id))))
          .orderBy(asc(reviewGroupMembers.id));

  async function shown(actor: Actor, groups: GroupRow[], tx: Db = db) {
    const names = await orgs.namesByIds(groups.map((g) => g.orgId), tx);
    const members = (await gather(tx, [...new Set(groups.map((g) => g.tenantId))].map((tenantId) => () => membersOf(groups.filter((g) => g.tenantId === tenantId), tx)))).flat();
    return groups.map((g) => ({
      id: g.id,
      orgId: g.orgId,
      orgName: names.get(g.orgId) ?? '',
      name: g.name,
      quorum: g.quorum,
      active: g.active,
      version: g.version,
      canManage: canAt(actor, 'proposals.review', g.orgPath),
      members: members.filter((m) => m.tenantId === g.tenantId && m.groupId === g.id).map(({ userId, name }) => ({ userId, name })),
    }));
  }

  /** The members named: active accounts holding a representative's role within the group's union (no duplicates). */
  async function representatives(group: { tenantId: number; orgPath: string }, userIds: readonly number[], tx: Db) {
    const unique = [...new Set(userIds)];
    const rows = unique.length
      ? await tx
          .selectDistinct({ id: users.id, displayName: users.displayName })
          .from(users)
          .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
          .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
          .where(
            and(
              inArray(users.id, unique),
              eq(users.active, true),
              eq(orgTable.tenantId, group.tenantId),
              sql`${orgTable.path} <@ ${group.orgPath}::ltree`,
              inArray(roleGrants.role, [...representativeRoles()]),
            ),
          )
      : [];
    const missing = unique.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw validationError([{ field: 'memberUserIds', reason: `账号 ${missing.join('、')} 不是本工会或下属工会的会员代表` }]);
    return unique.map((id) => rows.find((r) => r.id === id)!);
  }

  function checkQuorum(quorum: number, memberCount: number) {
    if (memberCount < 3) throw validationError([{ field: 'memberUserIds', reason: '审议小组至少需要 3 名成员' }]);
    if (quorum > memberCount) throw validationError([{ field: 'quorum', reason: `法定人数（${quorum}）不能多于小组成员（${memberCount} 人）` }]);
    if (quorum * 2 <= memberCount) throw validationError([{ field: 'quorum', reason: `法定人数须过成员半数：${memberCount} 人的小组至少 ${Math.floor(memberCount / 2) + 1} 人` }]);
  }

  async function checkNameFree(group: { tenantId: number; orgId: number; name: string; id?: number }, tx: Db) {
    const [same] = await tx
      .select({ id: reviewGroups.id })
      .from(reviewGroups)
      .where(and(eq(reviewGroups.tenantId, group.tenantId), eq(reviewGroups.orgId, group.orgId), eq(reviewGroups.name, group.name)));
    if (same && same.id !== group.id) throw conflict(`本工会已有名为「${group.name}」的审议小组`, 'A review group of this name exists here already');
  }

  async function setMembers(tx: Db, group: GroupRow, members: { id: number; displayName: string }[]) {
    await tx.delete(reviewGroupMembers).where(and(eq(reviewGroupMembers.tenantId, group.tenantId), eq(reviewGroupMembers.groupId, group.id)));
    await tx.insert(reviewGroupMembers).values(members.map((m) => ({ tenantId: group.tenantId, groupId: group.id, userId: m.id, name: m.displayName })));
  }

  /** A group serving the record's union, active: the one a proposal is put to. */
  async function usableGroup(tx: Db, record: Pick<ProposalRecord, 'tenantId' | 'orgPath'>, groupId: number, field: string) {
    const [group] = await tx
      .select()
      .from(reviewGroups)
      .where(and(eq(reviewGroups.tenantId, record.tenantId), eq(reviewGroups.id, groupId)));
    if (!group || !isWithin(record.orgPath, group.orgPath)) throw validationError([{ field, reason: '审议小组不存在，或不审议本工会的提案' }]);
    if (!group.active) throw validationError([{ field, reason: `审议小组「${group.name}」已停用` }]);
    return group;
  }

  /** Active groups that may review a proposal of this union (at it or above it). */
  const groupsServing = (tx: Db, record: Pick<ProposalRecord, 'tenantId' | 'orgPath'>) =>
    tx
      .select()
      .from(reviewGroups)
      .where(and(eq(reviewGroups.tenantId, record.tenantId), sql`${reviewGroups.orgPath} @> ${record.orgPath}::ltree`, eq(reviewGroups.active, true)));

  return {
    usableGroup,
    groupsServing,

    /** Groups the actor may see; with `usableFor`, the active ones that may review a proposal there. */
    async list(actor: Actor, usableFor?: { tenantId: number; orgPath: string }) {
      const filters = [groupScope(actor)];
      if (usableFor) filters.push(eq(reviewGroups.tenantId, usableFor.tenantId), sql`${reviewGroups.orgPath} @> ${usableFor.orgPath}::ltree`, eq(reviewGroups.active, true));
      const groups = await db
        .select()
        .from(reviewGroups)
        .where(and(...filters))
        .orderBy(asc(reviewGroups.orgPath), asc(reviewGroups.name), asc(reviewGroups.id));
      return { items: await shown(actor, groups) };
    },

    /** Representatives of a union and the unions below it: who may sit on its groups. */
    async candidates(actor: Actor, orgId: number) {
      const org = await orgs.byId(orgId);
      if (!org || !canAt(actor, 'proposals.review', org.path)) throw notFound('工会', 'union');
      const rows = await db
        .selectDistinctOn([users.id], { userId: users.id, name: users.displayName, orgId: orgTable.id, orgName: orgTable.name })
        .from(users)
        .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
        .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
        .where(and(eq(users.active, true), eq(orgTable.tenantId, org.tenantId), sql`${orgTable.path} <@ ${org.path}::ltree`, inArray(roleGrants.role, [...representativeRoles()])))
        .orderBy(asc(users.id))
        .limit(500);
      return { items: rows };
    },

    async create(actor: Actor, input: ReviewGroupInput) {
      return db.transaction(async (tx) => {
        const org = await orgs.byId(input.orgId, tx);
        if (!org || !canAt(actor, 'proposals.review', org.path)) throw notFound('工会', 'union');
        if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
        const members = await representatives({ tenantId: org.tenantId, orgPath: org.path }, input.memberUserIds, tx);
        checkQuorum(input.quorum, members.length);
        await checkNameFree({ tenantId: org.tenantId, orgId: org.id, name: input.name }, tx);
        const [group] = await tx.insert(reviewGroups).values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, name: input.name, quorum: input.quorum }).returning();
        await setMembers(tx, group, members);
        await recordAudit(tx, actor, {
          action: 'review_group.create',
          entityType: 'review_group',
          entityId: group.id,
          tenantId: group.tenantId,
          orgPath: group.orgPath,
          summary: `设立审议小组「${group.name}」（${org.name}，${members.length} 人，法定人数 ${group.quorum}）`,
          after: { name: group.name, quorum: group.quorum, members: members.map((m) => m.displayName) },
        });
        return (await shown(actor, [group], tx))[0];
      });
    },

    /** Changes apply to votes still to come: a vote cast stays, the quorum is read when the union decides. */
    async update(actor: Actor, id: number, changes: ReviewGroupChanges) {
      return db.transaction(async (tx) => {
        const [group] = await tx
          .select()
          .from(reviewGroups)
          .where(and(eq(reviewGroups.id, id), groupScope(actor)))
          .for('update');
        if (!group) throw notFound('审议小组', 'review group');
        requireAt(actor, 'proposals.review', group.orgPath);
        if (group.version !== changes.version) throw conflict('审议小组已被他人修改，请刷新后再改', 'The review group was changed meanwhile; reload it');
        const before = (await shown(actor, [group], tx))[0];
        const members = changes.memberUserIds ? await representatives(group, changes.memberUserIds, tx) : before.members.map((m) => ({ id: m.userId, displayName: m.name }));
        checkQuorum(changes.quorum ?? group.quorum, members.length);
        if (changes.name !== undefined) await checkNameFree({ ...group, name: changes.name }, tx);
        const [updated] = await tx
          .update(reviewGroups)
          .set({ name: changes.name, quorum: changes.quorum, active: changes.active, version: group.version + 1, updatedAt: new Date() })
          .where(and(eq(reviewGroups.tenantId, group.tenantId), eq(reviewGroups.id, group.id)))
          .returning();
        if (changes.memberUserIds) await setMembers(tx, updated, members);
        await recordAudit(tx, actor, {
          action: 'review_group.update',
          entityType: 'review_group',
          entityId: group.id,
          tenantId: group.tenantId,
          orgPath: group.orgPath,
          summary: `修改审议小组「${updated.name}」${updated.active ? '' : '（已停用）'}`,
          before: { name: group.name, quorum: group.quorum, active: group.active, members: before.members.map((m) => m.name) },
          after: { name: updated.name, quorum: updated.quorum, active: updated.active, members: members.map((m) => m.displayName) },
        });
        return (await shown(actor, [updated], tx))[0];
      });
    },

    /** A proposal's review as the workflow reads it: the group's members and quorum, the votes cast. */
    async reviewOf(row: { tenantId: number; id: number; reviewGroupId: number | null }, tx: Db = db): Promise<ProposalRecord['review']> {
      if (row.reviewGroupId === null) return null;
      const [group] = await tx
        .select({ quorum: reviewGroups.quorum })
        .from(reviewGroups)
        .where(and(eq(reviewGroups.tenantId, row.tenantId), eq(reviewGroups.id, row.reviewGroupId)));
      const members = await membersOf([{ tenantId: row.tenantId, id: row.reviewGroupId }], tx);
      const votes = await tx
        .select({ userId: reviewVotes.userId, vote: reviewVotes.vote })
        .from(reviewVotes)
        .where(and(eq(reviewVotes.tenantId, row.tenantId), eq(reviewVotes.proposalId, row.id)));
      return { memberUserIds: members.map((m) => m.userId), quorum: group.quorum, votes };
    },

    /** The review as the proposal's page shows it: the group, each member's vote and opinion, the tally. */
    async reviewView(row: { tenantId: number; id: number; reviewGroupId: number | null }, tx: Db = db) {
      if (row.reviewGroupId === null) return null;
      const [group] = await tx
        .select()
        .from(reviewGroups)
        .where(and(eq(reviewGroups.tenantId, row.tenantId), eq(reviewGroups.id, row.reviewGroupId)));
      const members = await membersOf([group], tx);
      const votes = await tx
        .select({ userId: reviewVotes.userId, name: reviewVotes.name, vote: reviewVotes.vote, opinion: reviewVotes.opinion, at: reviewVotes.createdAt })
        .from(reviewVotes)
        .where(and(eq(reviewVotes.tenantId, row.tenantId), eq(reviewVotes.proposalId, row.id)))
        .orderBy(asc(reviewVotes.createdAt), asc(reviewVotes.id));
      const accepting = votes.filter((v) => v.vote === 'accept').length;
      return {
        groupId: group.id,
        groupName: group.name,
        quorum: group.quorum,
        memberCount: members.length,
        accepting,
        refusing: votes.length - accepting,
        votes: votes.map((v) => ({ ...v, voteLabel: REVIEW_VOTES[v.vote] })),
        notVoted: members.filter((m) => !votes.some((v) => v.userId === m.userId)).map((m) => m.name),
      };
    },

    /** 提交审议: the group is written on the proposal and its members are asked to vote. */
    async putTo(tx: Db, record: ProposalRecord, group: GroupRow, title: string) {
      const members = await membersOf([group], tx);
      await notifications.notify(
        tx,
        members.map((m) => ({ userId: m.userId, kind: 'proposal', title: `请审议提案「${title}」（${group.name}）`, link: `/proposals/${record.id}` })),
      );
    },

    /** 表决: once per member (the unique index holds under concurrent votes). */
    async castVote(tx: Db, actor: Actor, record: ProposalRecord, input: { vote: keyof typeof REVIEW_VOTES; opinion?: string }) {
      const [cast] = await tx
        .insert(reviewVotes)
        .values({ tenantId: record.tenantId, proposalId: record.id, userId: actor.userId!, name: actor.displayName, vote: input.vote, opinion: input.opinion || null, createdAt: now() })
        .onConflictDoNothing()
        .returning();
      if (!cast) throw conflict('您已对本提案表决过', 'You have voted on this proposal already');
    },
  };
}

export type ReviewGroups = ReturnType<typeof createReviewGroups>;
