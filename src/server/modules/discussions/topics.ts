import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stampedAt } from '../../db/columns.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import type { OrgRow, OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths } from '../../platform/scope.js';
import { searchQuery, searchTokens, searchVector } from '../../platform/search-tokens.js';
import type { NewPoll, Polls } from './polls.js';
import { statusIs, statusOn, TOPIC_STATUSES, type TopicRecords, type TopicRow, type TopicStatus } from './records.js';
import { discussionTopics as topics } from './schema.js';

/**
 * 议题: opened by a union's staff or one of its representatives for a union of their subtree, with its
 * polls in the same transaction; listed open first; closed early by its organisers; pinned by the staff.
 */

export interface NewTopic {
  orgId?: number;
  title: string;
  body: string;
  opensOn: string;
  closesOn: string;
  pinned?: boolean;
  polls: NewPoll[];
}

export interface TopicListQuery {
  status?: TopicStatus;
  q?: string;
  page: number;
  pageSize: number;
}

/** Open first, then those to come, then the closed; pinned ones lead each. */
const statusRank = (today: string) =>
  sql`case when ${topics.closedAt} is not null or ${topics.closesOn} < ${today} then 2 when ${topics.opensOn} > ${today} then 1 else 0 end`;

export function createTopics(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'>; today: () => string; now: () => Date },
  parts: { records: TopicRecords; polls: Pick<Polls, 'add' | 'shown'> },
) {
  const { db, orgs, today, now } = ctx;
  const { records, polls } = parts;

  /** The union the topic is put to: the one given, or the one where the actor may open topics. */
  async function unionOf(actor: Actor, orgId: number | undefined, tx: Db): Promise<OrgRow> {
    const paths = requirePaths(actor, 'discussions.open');
    if (orgId === undefined) {
      const grantOrgs = new Set(actor.grants.filter((g) => paths.includes(g.orgPath)).map((g) => g.orgId));
      if (grantOrgs.size > 1) throw validationError([{ field: 'orgId', reason: '请选择参与讨论的工会' }]);
      orgId = [...grantOrgs][0];
    }
    const org = await orgs.byId(orgId, tx);
    if (!org || !canAt(actor, 'discussions.open', org.path)) throw notFound('工会', 'union');
    if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
    return org;
  }

  const shownRow = (row: TopicRow, orgName: string) => {
    const status = statusOn(today(), row);
    return {
      id: row.id,
      title: row.title,
      orgId: row.orgId,
      orgName,
      opensOn: row.opensOn,
      closesOn: row.closesOn,
      status,
      statusLabel: TOPIC_STATUSES[status],
      pinned: row.pinned,
      openerName: row.openerName,
      commentCount: row.commentCount,
      closedAt: row.closedAt,
      closedByName: row.closedByName,
    };
  };

  async function audited(tx: Db, actor: Actor, topic: TopicRow, action: string, summary: string, change?: { before?: unknown; after?: unknown }) {
    await recordAudit(tx, actor, { action, entityType: 'discussion_topic', entityId: topic.id, tenantId: topic.tenantId, orgPath: topic.orgPath, summary, ...change });
  }

  return {
    /** 发起议题, with its polls: all or nothing. */
    async open(actor: Actor, input: NewTopic) {
      if (input.closesOn < input.opensOn) throw validationError([{ field: 'closesOn', reason: '截止日期不能早于开始日期' }]);
      if (input.closesOn < today()) throw validationError([{ field: 'closesOn', reason: '截止日期不能早于今天' }]);
      return db.transaction(async (tx) => {
        const org = await unionOf(actor, input.orgId, tx);
        if (input.pinned && !canAt(actor, 'discussions.moderate', org.path)) throw forbidden('只有工会工作人员可以置顶议题', 'Only the union’s staff may pin topics');
        const [row] = await tx
          .insert(topics)
          .values({
            tenantId: org.tenantId,
            orgId: org.id,
            orgPath: org.path,
            title: input.title,
            body: input.body,
            opensOn: input.opensOn,
            closesOn: input.closesOn,
            pinned: input.pinned ?? false,
            openerUserId: actor.userId!,
            openerName: actor.displayName,
            search: searchVector(searchTokens(input.title, input.body)) as unknown as string,
            ...stampedAt(now()),
          })
          .returning();
        await polls.add(tx, row, input.polls);
        await audited(tx, actor, row, 'discussion.open', `发起议题「${row.title}」（${org.name}，${row.opensOn} 至 ${row.closesOn}，${input.polls.length} 项投票）`, {
          after: { title: row.title, opensOn: row.opensOn, closesOn: row.closesOn, polls: input.polls },
        });
        return row.id;
      });
    },

    /** A page of topics: open first (pinned leading), then upcoming, then closed; by text and status. */
    async list(actor: Actor, query: TopicListQuery) {
      const day = today();
      const filters: SQL[] = [await records.visible(actor)];
      if (query.status) filters.push(statusIs(query.status, day));
      if (query.q) {
        const tsquery = searchQuery(query.q);
        if (!tsquery) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
        filters.push(sql`${topics.search} @@ to_tsquery('simple', ${tsquery})`);
      }
      const where = and(...filters);
      // A county opens dozens of topics a year: sorting the visible ones by a computed rank is cheap.
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(topics)
          .where(where)
          .orderBy(asc(statusRank(day)), desc(topics.pinned), desc(topics.opensOn), desc(topics.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(topics).where(where),
      ]);
      const names = await orgs.namesByIds(rows.map((r) => r.orgId));
      return { items: rows.map((r) => shownRow(r, names.get(r.orgId) ?? '')), total, page: query.page, pageSize: query.pageSize };
    },

    /** One topic with its polls and what the actor may do. */
    async detail(actor: Actor, id: number) {
      const row = await records.find(actor, id);
      const [names, pollViews] = await Promise.all([orgs.namesByIds([row.orgId]), polls.shown(actor, row)]);
      const shown = shownRow(row, names.get(row.orgId) ?? '');
      return {
        ...shown,
        body: row.body,
        createdAt: row.createdAt,
        polls: pollViews,
        canComment: records.takesPart(actor, row) && shown.status === 'open',
        canModerate: records.moderates(actor, row),
        canClose: records.organises(actor, row) && shown.status !== 'closed',
      };
    },

    /** 提前结束: its opener or the union's staff; no comment or vote after. */
    async close(actor: Actor, id: number) {
      await db.transaction(async (tx) => {
        const row = await records.find(actor, id, tx, { lock: true });
        if (!records.organises(actor, row)) throw forbidden('只有议题发起人和工会工作人员可以结束议题', 'Only the opener and the union’s staff may close the topic');
        if (statusOn(today(), row) === 'closed') throw conflict('议题已经结束了', 'The topic is closed already');
        const at = now();
        await tx.update(topics).set({ closedAt: at, closedByName: actor.displayName, updatedAt: at }).where(and(eq(topics.tenantId, row.tenantId), eq(topics.id, row.id)));
        await audited(tx, actor, row, 'discussion.close', `提前结束议题「${row.title}」`);
      });
    },

    /** 置顶 / 取消置顶: the union's staff. */
    async pin(actor: Actor, id: number, pinned: boolean) {
      await db.transaction(async (tx) => {
        const row = await records.find(actor, id, tx, { lock: true });
        if (!records.moderates(actor, row)) throw forbidden('只有工会工作人员可以置顶议题', 'Only the union’s staff may pin topics');
        await tx.update(topics).set({ pinned, updatedAt: now() }).where(and(eq(topics.tenantId, row.tenantId), eq(topics.id, row.id)));
        await audited(tx, actor, row, 'discussion.pin', `${pinned ? '置顶' : '取消置顶'}议题「${row.title}」`, { before: { pinned: row.pinned }, after: { pinned } });
      });
    },
  };
}
