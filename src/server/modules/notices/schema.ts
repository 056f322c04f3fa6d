import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

/**
 * 通知公告: a notice a union publishes to its subtree. Owned by the publishing org's tenant, whose path it
 * copies: the publisher's lists filter by scope on it (tenant first), and a reader's inbox finds the
 * notices of its ancestors with `org_path @> <reader's path>` on the GiST index — a county's unions read
 * their city's and province's notices, which belong to other tenants.
 */
export const notices = pgTable(
  'notices',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    body: text('body').notNull(),
    /** Shown to recipients from this day on (Asia/Shanghai). */
    publishOn: date('publish_on').notNull(),
    authorUserId: id('author_user_id'),
    authorName: varchar('author_name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('notices_tenant_path_idx').on(t.tenantId, t.orgPath, t.id),
    index('notices_path_gist').using('gist', t.orgPath),
  ],
);

/** 已读回执: who read a notice, when; with the notice's tenant, one row per reader. */
export const noticeReads = pgTable(
  'notice_reads',
  {
    tenantId: tenantId(),
    id: identityId(),
    noticeId: id('notice_id').notNull(),
    userId: id('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One receipt per reader: a second open of the notice changes nothing.
    uniqueIndex('notice_reads_notice_user_key').on(t.tenantId, t.noticeId, t.userId),
    foreignKey({ columns: [t.tenantId, t.noticeId], foreignColumns: [notices.tenantId, notices.id] }).onDelete('cascade'),
  ],
);

export const noticesSubtreeMoved = pathCopies(notices.orgPath);
