import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, identityId, ltree, tenantId, timestamps, tsvector } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

/**
 * 职工事大家议 (DESIGN §3.2): a union puts a question to its members. A
 * topic belongs to the union whose members take part (its tenant and path,
 * copied so lists filter by scope on an index); comments and polls hang off it.
 */

/**
 * 议题. Open from `opensOn` to `closesOn` (Beijing days, both included); `closedAt` when its opener or
 * the union's staff closed it early. Whether it is upcoming, open or closed is read from these against
 * today, never stored, so a topic closes by itself on the day after `closesOn`.
 */
export const discussionTopics = pgTable(
  'discussion_topics',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** The union whose members (its whole subtree) take part. */
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    body: text('body').notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByName: varchar('closed_by_name', { length: 50 }),
    pinned: boolean('pinned').notNull().default(false),
    openerUserId: id('opener_user_id').notNull(),
    openerName: varchar('opener_name', { length: 50 }).notNull(),
    /** Visible comments, kept in the comment's transaction (the list shows it on every row). */
    commentCount: integer('comment_count').notNull().default(0),
    /** Title and body as search tokens (platform/search-tokens). */
    search: tsvector('search').notNull(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Staff and leaders: their subtree (tenant, then a path range), latest closing first.
    index('discussion_topics_tenant_path_idx').on(t.tenantId, t.orgPath, t.closesOn),
    // Workers and representatives: the topics of the unions above them, an IN list of their ancestors' paths.
    index('discussion_topics_path_idx').on(t.orgPath, t.closesOn),
    index('discussion_topics_search_gin').using('gin', t.search),
    check('discussion_topics_period_check', sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

/** 评论: by a worker or representative of the topic's union; the union's staff may hide one, with a reason. */
export const discussionComments = pgTable(
  'discussion_comments',
  {
    tenantId: tenantId(),
    id: identityId(),
    topicId: id('topic_id').notNull(),
    authorUserId: id('author_user_id').notNull(),
    authorName: varchar('author_name', { length: 50 }).notNull(),
    body: text('body').notNull(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: varchar('hidden_reason', { length: 200 }),
    hiddenByName: varchar('hidden_by_name', { length: 50 }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('discussion_comments_topic_idx').on(t.tenantId, t.topicId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.topicId], foreignColumns: [discussionTopics.tenantId, discussionTopics.id] }),
  ],
);

/** 投票: a question of a topic, open within the topic's period. */
export const discussionPolls = pgTable(
  'discussion_polls',
  {
    tenantId: tenantId(),
    id: identityId(),
    topicId: id('topic_id').notNull(),
    position: smallint('position').notNull(),
    question: varchar('question', { length: 200 }).notNull(),
    /** 1 for a single choice; more for a multiple choice (at most this many options). */
    maxChoices: smallint('max_choices').notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    /** Voters see the counts only once the poll has closed (the organisers always do). */
    resultsHiddenUntilClosed: boolean('results_hidden_until_closed').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('discussion_polls_topic_idx').on(t.tenantId, t.topicId, t.position),
    check('discussion_polls_period_check', sql`${t.closesOn} >= ${t.opensOn}`),
    check('discussion_polls_choices_check', sql`${t.maxChoices} >= 1`),
    foreignKey({ columns: [t.tenantId, t.topicId], foreignColumns: [discussionTopics.tenantId, discussionTopics.id] }),
  ],
);

export const discussionPollOptions = pgTable(
  'discussion_poll_options',
  {
    tenantId: tenantId(),
    id: identityId(),
    pollId: id('poll_id').notNull(),
    position: smallint('position').notNull(),
    label: varchar('label', { length: 100 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('discussion_poll_options_key').on(t.tenantId, t.pollId, t.position),
    foreignKey({ columns: [t.tenantId, t.pollId], foreignColumns: [discussionPolls.tenantId, discussionPolls.id] }),
  ],
);

/** 选票: one per account and poll (the unique index: two votes sent at once cannot both count), its chosen options. */
export const discussionVotes = pgTable(
  'discussion_votes',
  {
    tenantId: tenantId(),
    id: identityId(),
    pollId: id('poll_id').notNull(),
    userId: id('user_id').notNull(),
    optionIds: id('option_ids').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('discussion_votes_key').on(t.tenantId, t.pollId, t.userId),
    check('discussion_votes_choice_check', sql`cardinality(${t.optionIds}) >= 1`),
    foreignKey({ columns: [t.tenantId, t.pollId], foreignColumns: [discussionPolls.tenantId, discussionPolls.id] }),
  ],
);

export const discussionsSubtreeMoved = pathCopies(discussionTopics.orgPath);
