import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, tsvector, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';
import { SATISFACTION, type Satisfaction } from '../../platform/satisfaction.js';

/** States of a request (workflow.ts holds their labels, flags and moves). */
export type RequestState = 'open' | 'answered' | 'reopened' | 'closed' | 'proposal';

/** 诉求类别: what workers ask their representatives about. */
export const REQUEST_CATEGORIES = {
  wages: '劳动报酬',
  rest: '休息休假',
  safety: '劳动安全',
  workplace: '工作环境/阵地服务',
  rights: '权益维护',
  other: '其他',
} as const;
export type RequestCategory = keyof typeof REQUEST_CATEGORIES;

/** The worker's rating of the reply (the same words as a proposal's 满意度测评). */
export const REQUEST_RATINGS = SATISFACTION;
export type RequestRating = Satisfaction;

/**
 * 零距离 诉求: a worker's question or request to a representative of their
 * union (`representative_user_id`), or to the union itself (null: its staff
 * and representatives answer). Owned by the union addressed — the
 * representative's union, or the union the worker chose — whose path it
 * copies, so the union's lists filter by scope without a join.
 */
export const directLineRequests = pgTable(
  'direct_line_requests',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 20 }).$type<RequestState>().notNull(),
    workerUserId: id('worker_user_id').notNull(),
    workerName: varchar('worker_name', { length: 50 }).notNull(),
    /** The worker's own union, shown to whoever answers. */
    workerOrgId: id('worker_org_id').notNull(),
    representativeUserId: id('representative_user_id'),
    representativeName: varchar('representative_name', { length: 50 }),
    subject: varchar('subject', { length: 100 }).notNull(),
    category: varchar('category', { length: 20 }).$type<RequestCategory>().notNull(),
    /** The first reply (履职监督: response time). */
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true }),
    firstReplyUserId: id('first_reply_user_id'),
    /** 转为提案: the proposal it became (a record of the proposals module, read through its service). */
    proposalId: id('proposal_id'),
    rating: varchar('rating', { length: 24 }).$type<RequestRating>(),
    ratingComment: text('rating_comment'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Subject and the worker's first message as search tokens (platform/search-tokens). */
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The union's inbox: scope (tenant, path range), newest activity first.
    index('direct_line_requests_tenant_path_updated_idx').on(t.tenantId, t.orgPath, t.updatedAt),
    index('direct_line_requests_path_gist').using('gist', t.orgPath),
    // 我的诉求 and a representative's own inbox.
    index('direct_line_requests_worker_idx').on(t.workerUserId, t.updatedAt),
    index('direct_line_requests_representative_idx').on(t.representativeUserId, t.updatedAt),
    // 履职监督: a county's requests by the time they came in.
    index('direct_line_requests_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('direct_line_requests_search_gin').using('gin', t.search),
  ],
);

/** A message in a request's thread: the worker's or an answer. */
export const directLineMessages = pgTable(
  'direct_line_messages',
  {
    tenantId: tenantId(),
    id: identityId(),
    requestId: id('request_id').notNull(),
    authorUserId: id('author_user_id').notNull(),
    authorName: varchar('author_name', { length: 50 }).notNull(),
    /** Written by the worker who asked (else by whoever answers for the union). */
    fromWorker: boolean('from_worker').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('direct_line_messages_request_idx').on(t.tenantId, t.requestId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [directLineRequests.tenantId, directLineRequests.id] }),
  ],
);

export const directLineSubtreeMoved = pathCopies(directLineRequests.orgPath);
