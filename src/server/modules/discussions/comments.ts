import { and, asc, count, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import { statusOn, type TopicRecords, type TopicRow } from './records.js';
import { discussionComments as comments, discussionTopics as topics } from './schema.js';

/**
 * 评论: workers and representatives of the topic's union write while it is open; the union's staff hide
 * what does not belong there, with a reason. A hidden comment leaves the page for everyone but its author
 * (who sees it was hidden and why) and the moderators.
 */

export interface CommentQuery {
  order: 'newest' | 'oldest';
  page: number;
  pageSize: number;
}

export function createComments(
  ctx: { db: Db; today: () => string; now: () => Date; notifications: Pick<NotificationService, 'notify'> },
  parts: { records: Pick<TopicRecords, 'find' | 'takesPart' | 'moderates'> },
) {
  const { db, today, now, notifications } = ctx;
  const { records } = parts;

  const touch = (tx: Db, topic: TopicRow, delta: number) =>
    tx
      .update(topics)
      .set({ commentCount: sql`${topics.commentCount} + ${delta}`, updatedAt: now() })
      .where(and(eq(topics.tenantId, topic.tenantId), eq(topics.id, topic.id)));

  return {
    /** A page of a topic's comments, newest or oldest first (one index range: tenant, topic, time). */
    async list(actor: Actor, topicId: number, query: CommentQuery) {
      const topic = await records.find(actor, topicId);
      const moderator = records.moderates(actor, topic);
      const where = and(
        eq(comments.tenantId, topic.tenantId),
        eq(comments.topicId, topic.id),
        moderator ? undefined : or(isNull(comments.hiddenAt), eq(comments.authorUserId, actor.userId ?? 0)),
      );
      const order = query.order === 'oldest' ? [asc(comments.createdAt), asc(comments.id)] : [desc(comments.createdAt), desc(comments.id)];
      const [rows, [{ total, hidden }]] = await Promise.all([
        db
          .select()
          .from(comments)
          .where(where)
          .orderBy(...order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count(), hidden: count(comments.hiddenAt) }).from(comments).where(where),
      ]);
      return {
        items: rows.map((c) => ({
          id: c.id,
          authorName: c.authorName,
          body: c.body,
          at: c.createdAt,
          mine: c.authorUserId === actor.userId,
          hidden: c.hiddenAt ? { at: c.hiddenAt, reason: c.hiddenReason ?? '', byName: c.hiddenByName ?? '' } : null,
          canHide: moderator && !c.hiddenAt,
        })),
        total,
        hidden,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** 发表评论: a worker or representative of the union, while the topic is open. */
    async add(actor: Actor, topicId: number, body: string) {
      return db.transaction(async (tx) => {
        const topic = await records.find(actor, topicId, tx);
        if (!records.takesPart(actor, topic)) throw forbidden('只有本工会的职工和会员代表可以发表评论', 'Only workers and representatives of the union may comment');
        const status = statusOn(today(), topic);
        if (status !== 'open') {
          throw new AppError('INVALID_TRANSITION', status === 'closed' ? '议题已经结束，不能再发表评论' : '议题尚未开始，开始后才能发表评论', 'The topic is not open');
        }
        const [row] = await tx.insert(comments).values({ tenantId: topic.tenantId, topicId: topic.id, authorUserId: actor.userId!, authorName: actor.displayName, body, createdAt: now() }).returning();
        await touch(tx, topic, 1);
        await recordAudit(tx, actor, {
          action: 'discussion.comment',
          entityType: 'discussion_topic',
          entityId: topic.id,
          tenantId: topic.tenantId,
          orgPath: topic.orgPath,
          summary: `在议题「${topic.title}」发表评论`,
          after: { commentId: row.id, body },
        });
        return { id: row.id };
      });
    },

    /** 隐藏评论: the union's staff, with a reason the author reads. */
    async hide(actor: Actor, topicId: number, commentId: number, reason: string) {
      await db.transaction(async (tx) => {
        const topic = await records.find(actor, topicId, tx, { lock: true });
        if (!records.moderates(actor, topic)) throw forbidden('只有工会工作人员可以隐藏评论', 'Only the union’s staff may hide comments');
        const [comment] = await tx
          .select()
          .from(comments)
          .where(and(eq(comments.tenantId, topic.tenantId), eq(comments.topicId, topic.id), eq(comments.id, commentId)));
        if (!comment) throw notFound('评论', 'comment');
        if (comment.hiddenAt) throw conflict('这条评论已经被隐藏了', 'The comment is hidden already');
        await tx
          .update(comments)
          .set({ hiddenAt: now(), hiddenReason: reason, hiddenByName: actor.displayName })
          .where(and(eq(comments.tenantId, topic.tenantId), eq(comments.id, comment.id)));
        await touch(tx, topic, -1);
        await recordAudit(tx, actor, {
          action: 'discussion.hide_comment',
          entityType: 'discussion_topic',
          entityId: topic.id,
          tenantId: topic.tenantId,
          orgPath: topic.orgPath,
          summary: `隐藏议题「${topic.title}」中 ${comment.authorName} 的评论：${reason}`,
          before: { commentId: comment.id, body: comment.body },
          after: { hiddenReason: reason },
        });
        await notifications.notify(tx, [
          { userId: comment.authorUserId, kind: 'discussion', title: `您在「${topic.title}」的评论已被隐藏：${reason}`, link: `/discussions/${topic.id}` },
        ]);
      });
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
