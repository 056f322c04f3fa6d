import { and, asc, count, desc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { notFound, validationError } from '../../platform/errors.js';
import { orgs } from '../../platform/org-tree/schema.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { rolesCarrying } from '../../platform/accounts/roles.js';
import { canAt, scopeFilter, scopePaths, tenantScope } from '../../platform/scope.js';
import { noticeReads, notices } from './schema.js';

export interface NewNotice {
  orgId: number;
  title: string;
  body: string;
  publishOn?: string;
}

export interface NoticeQuery {
  /** inbox: the notices of the unions above one's own; sent: those published in one's scope. */
  box: 'inbox' | 'sent';
  q?: string;
  unread?: boolean;
  page: number;
  pageSize: number;
}

/**
 * Who a notice goes to: the union staff (工会工作人员, the role carrying notices.read) of the orgs below the
 * publishing one. The publisher's own staff wrote it: they follow its receipts, they do not receive it.
 */
const RECIPIENT_ROLE = 'union_staff';

/**
 * 通知公告: a union publishes a notice down to its subordinate unions; their staff read it, and the publisher
 * sees who read it and who did not, union by union. A reader's inbox is every notice published above one
 * of the orgs where they hold a role that reads notices.
 */
export function createNoticeService(deps: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'>; today: () => string }) {
  const { db, orgs: orgService, today } = deps;

  /**
   * The orgs whose ancestors' notices the actor receives: every grant org for notices.read, nested ones
   * kept (staff of a county and of a town below it receive the county's notices through the town).
   */
  const inboxPaths = (actor: Actor) => {
    const roles: readonly string[] = rolesCarrying('notices.read');
    return [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath))];
  };

  const above = (paths: string[]): SQL =>
    paths.length === 0 ? sql`false` : sql`(${sql.join(paths.map((p) => sql`(${notices.orgPath} @> ${p}::ltree and ${notices.orgPath} <> ${p}::ltree)`), sql` or `)})`;

  /** Published to the actor and due: in their inbox. */
  const received = (actor: Actor): SQL => sql`(${above(inboxPaths(actor))} and ${lte(notices.publishOn, today())})`;

  const readByMe = (actor: Actor) =>
    sql<boolean>`exists (select 1 from ${noticeReads} where ${noticeReads.tenantId} = ${notices.tenantId} and ${noticeReads.noticeId} = ${notices.id} and ${noticeReads.userId} = ${actor.userId ?? 0})`;

  /** Recipients of a notice and how many of them read it (a page of the sent box: one subquery pair per row). */
  const recipientIds = sql`select ${roleGrants.userId} from ${roleGrants} join ${orgs} o on o.id = ${roleGrants.orgId} join ${users} u on u.id = ${roleGrants.userId} where ${roleGrants.role} = ${RECIPIENT_ROLE} and u.active and o.path <@ ${notices.orgPath} and o.path <> ${notices.orgPath}`;
  const recipients = sql<number>`(select count(distinct r.user_id)::int from (${recipientIds}) r)`;
  const readers = sql<number>`(select count(*)::int from ${noticeReads} where ${noticeReads.tenantId} = ${notices.tenantId} and ${noticeReads.noticeId} = ${notices.id} and ${noticeReads.userId} in (${recipientIds}))`;

  const columns = (actor: Actor) => ({
    id: notices.id,
    tenantId: notices.tenantId,
    orgId: notices.orgId,
    orgPath: notices.orgPath,
    orgName: orgs.name,
    title: notices.title,
    body: notices.body,
    publishOn: notices.publishOn,
    authorName: notices.authorName,
    createdAt: notices.createdAt,
    read: readByMe(actor),
  });

  /** A notice the actor receives (published, above their unions) or published in their scope; else 404. */
  async function visible(actor: Actor, id: number) {
    const inbox = received(actor);
    const published = scopeFilter(notices.orgPath, scopePaths(actor, 'notices.publish'));
    const [row] = await db
      .select({ ...columns(actor), recipient: inbox, publisher: published })
      .from(notices)
      .innerJoin(orgs, eq(orgs.id, notices.orgId))
      .where(and(eq(notices.id, id), sql`(${inbox} or ${published})`));
    if (!row) throw notFound('通知', 'notice');
    const { recipient, publisher, ...notice } = row;
    return { ...notice, received: Boolean(recipient), canSeeReceipts: Boolean(publisher) };
  }

  return {
    async publish(actor: Actor, input: NewNotice) {
      const org = await orgService.byId(input.orgId);
      if (!org || !canAt(actor, 'notices.publish', org.path)) throw validationError([{ field: 'orgId', reason: '组织不存在或不在您的管理范围内' }]);
      const publishOn = input.publishOn ?? today();
      if (publishOn < today()) throw validationError([{ field: 'publishOn', reason: '发布日期不能早于今天' }]);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(notices)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, title: input.title, body: input.body, publishOn, authorUserId: actor.userId, authorName: actor.displayName })
          .returning({ id: notices.id });
        await recordAudit(tx, actor, {
          action: 'notice.publish',
          entityType: 'notice',
          entityId: row.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          summary: `${org.name}发布通知「${input.title}」`,
          after: { title: input.title, publishOn },
        });
        return row.id;
      });
      return this.get(actor, id);
    },

    async list(actor: Actor, params: NoticeQuery) {
      const filters: SQL[] = [];
      if (params.box === 'inbox') {
        filters.push(received(actor));
        if (params.unread) filters.push(sql`not ${readByMe(actor)}`);
      } else {
        filters.push(await tenantScope(actor, 'notices.publish', notices, (path) => orgService.tenantIdsWithin(path)));
      }
      if (params.q) filters.push(sql`${notices.title} like ${`%${params.q.replace(/[%_\\]/g, '\\$&')}%`}`);
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ ...columns(actor), recipients: params.box === 'sent' ? recipients : sql<null>`null`, readers: params.box === 'sent' ? readers : sql<null>`null` })
          .from(notices)
          .innerJoin(orgs, eq(orgs.id, notices.orgId))
          .where(where)
          .orderBy(desc(notices.publishOn), desc(notices.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(notices).where(where),
      ]);
      return { items: rows.map(({ orgPath: _p, tenantId: _t, body: _b, ...r }) => r), total, page: params.page, pageSize: params.pageSize };
    },

    async get(actor: Actor, id: number) {
      const { orgPath: _p, tenantId: _t, received: _r, ...notice } = await visible(actor, id);
      return notice;
    },

    /** The reader opened it: one receipt, the first time only. The publisher opening it leaves none. */
    async markRead(actor: Actor, id: number) {
      const notice = await visible(actor, id);
      if (notice.received && actor.userId !== null) await db.insert(noticeReads).values({ tenantId: notice.tenantId, noticeId: notice.id, userId: actor.userId }).onConflictDoNothing();
    },

    /** How many notices wait unread for the actor (the home page's 待办). */
    async unreadCount(actor: Actor) {
      const paths = inboxPaths(actor);
      if (paths.length === 0 || actor.userId === null) return 0;
      const [{ n }] = await db
        .select({ n: count() })
        .from(notices)
        .where(and(received(actor), sql`not ${readByMe(actor)}`));
      return n;
    },

    /** 已读回执 for the publisher: each union below with staff, who read it (when) and who did not. */
    async receipts(actor: Actor, id: number) {
      const notice = await visible(actor, id);
      if (!notice.canSeeReceipts) throw notFound('通知', 'notice');
      const rows = await db
        .selectDistinctOn([orgs.path, users.id], { orgId: orgs.id, orgName: orgs.name, orgPath: orgs.path, userId: users.id, displayName: users.displayName, readAt: noticeReads.readAt })
        .from(roleGrants)
        .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
        .innerJoin(users, and(eq(users.id, roleGrants.userId), eq(users.active, true)))
        .leftJoin(noticeReads, and(eq(noticeReads.tenantId, notice.tenantId), eq(noticeReads.noticeId, notice.id), eq(noticeReads.userId, users.id)))
        .where(and(eq(roleGrants.role, RECIPIENT_ROLE), sql`${orgs.path} <@ ${notice.orgPath}::ltree and ${orgs.path} <> ${notice.orgPath}::ltree`))
        .orderBy(asc(orgs.path), asc(users.id));
      const unions = new Map<number, { orgId: number; orgName: string; read: { userId: number; displayName: string; readAt: Date }[]; unread: { userId: number; displayName: string }[] }>();
      for (const r of rows) {
        const union = unions.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, read: [], unread: [] };
        unions.set(r.orgId, union);
        if (r.readAt) union.read.push({ userId: r.userId, displayName: r.displayName, readAt: r.readAt });
        else union.unread.push({ userId: r.userId, displayName: r.displayName });
      }
      const items = [...unions.values()];
      return { items, recipients: items.reduce((n, u) => n + u.read.length + u.unread.length, 0), readers: items.reduce((n, u) => n + u.read.length, 0) };
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;

