import { and, eq, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, isWithin, scopePaths, tenantScope } from '../../platform/scope.js';
import { discussionTopics as topics } from './schema.js';

/**
 * Who sees which topic, who takes part, and where a topic stands today.
 *
 * Seeing reaches down like every list: `discussions.read` over the actor's subtree. Taking part reaches up:
 * a topic is put to the members of its union's whole subtree, so a rider of a station union takes part in
 * the topics of the station, of its street union and of the county. One rule answers the list, the detail
 * and every write; a topic out of it is 404.
 */

export type TopicRow = typeof topics.$inferSelect;

export const TOPIC_STATUSES = { open: '征集中', upcoming: '未开始', closed: '已结束' } as const;
export type TopicStatus = keyof typeof TOPIC_STATUSES;

/** Where a period stands on `today` (Beijing days, both ends included); closed early wins. */
export function statusOn(today: string, period: { opensOn: string; closesOn: string; closedAt?: Date | null }): TopicStatus {
  if (period.closedAt || period.closesOn < today) return 'closed';
  return period.opensOn > today ? 'upcoming' : 'open';
}

/** The same, as a condition on the topics table (the list's state filter). */
export function statusIs(status: TopicStatus, today: string): SQL {
  const closed = or(isNotNull(topics.closedAt), lt(topics.closesOn, today))!;
  if (status === 'closed') return closed;
  const notClosed = and(isNull(topics.closedAt), sql`${topics.closesOn} >= ${today}`)!;
  return status === 'upcoming' ? and(notClosed, sql`${topics.opensOn} > ${today}`)! : and(notClosed, sql`${topics.opensOn} <= ${today}`)!;
}

/** A path and every path above it: '1.2.5' → '1', '1.2', '1.2.5'. */
const selfAndAncestors = (path: string) => path.split('.').map((_, i, labels) => labels.slice(0, i + 1).join('.'));

/** The actor's unions where they take part, and every union above them: the topics they may join. */
function takePartPaths(actor: Actor): string[] {
  return [...new Set(scopePaths(actor, 'discussions.take_part').flatMap(selfAndAncestors))];
}

export function createTopicRecords(ctx: { db: Db; orgs: Pick<OrgService, 'tenantIdsWithin'> }) {
  const { db, orgs } = ctx;

  /** Everything the actor may see, as a WHERE: their read scope and the topics put to them. */
  async function visible(actor: Actor, tx: Db = db): Promise<SQL> {
    const parts: SQL[] = [];
    if (scopePaths(actor, 'discussions.read').length > 0) parts.push(await tenantScope(actor, 'discussions.read', topics, (path) => orgs.tenantIdsWithin(path, tx)));
    const upward = takePartPaths(actor);
    if (upward.length > 0) parts.push(sql`${topics.orgPath} in (${sql.join(upward.map((p) => sql`${p}::ltree`), sql`, `)})`);
    return parts.length === 0 ? sql`false` : or(...parts)!;
  }

  /** A topic the actor may see, or 404 (also for one that exists out of sight). `lock` holds the row for the transaction. */
  async function find(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<TopicRow> {
    const query = tx
      .select()
      .from(topics)
      .where(and(eq(topics.id, id), await visible(actor, tx)));
    const [row] = options.lock ? await query.for('update') : await query;
    if (!row) throw notFound('议题', 'topic');
    return row;
  }

  return {
    visible,
    find,
    /** A worker or representative of the topic's union or a union below it. */
    takesPart: (actor: Actor, topic: Pick<TopicRow, 'orgPath'>) => scopePaths(actor, 'discussions.take_part').some((p) => isWithin(p, topic.orgPath)),
    /** The union's staff (or above): hide comments, pin, close early, see hidden results. */
    moderates: (actor: Actor, topic: Pick<TopicRow, 'orgPath'>) => canAt(actor, 'discussions.moderate', topic.orgPath),
    /** Its opener, or the union's staff. */
    organises: (actor: Actor, topic: Pick<TopicRow, 'orgPath' | 'openerUserId'>) =>
      canAt(actor, 'discussions.moderate', topic.orgPath) || (actor.userId === topic.openerUserId && canAt(actor, 'discussions.open', topic.orgPath)),
  };
}

export type TopicRecords = ReturnType<typeof createTopicRecords>;
