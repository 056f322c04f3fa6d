import { boolean, date, foreignKey, index, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, tsvector, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';
import { SATISFACTION, type Satisfaction } from '../../platform/satisfaction.js';

/** States of a proposal (workflow.ts holds their labels, flags and moves). */
export type ProposalState =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'accepted'
  | 'not_accepted'
  | 'merged'
  | 'withdrawn'
  | 'assigned'
  | 'in_progress'
  | 'answered'
  | 'feedback'
  | 'concluded';

/** 提案类别: the fields a county union sorts its proposals by. */
export const PROPOSAL_FIELDS = {
  wages: '工资待遇',
  safety: '劳动安全卫生',
  welfare: '职工生活福利',
  new_forms: '新就业形态劳动者权益',
  democracy: '民主管理',
  skills: '技能培训',
  other: '其他',
} as const;
export type ProposalField = keyof typeof PROPOSAL_FIELDS;

/** 答复类别 (the and Pinghu's words). */
export const ANSWER_CATEGORIES = {
  A: '已解决或采纳',
  B: '列入计划逐步解决',
  C: '因条件限制留作参考',
} as const;
export type AnswerCategory = keyof typeof ANSWER_CATEGORIES;

export const RATINGS = SATISFACTION;
export type Rating = Satisfaction;

/** 承办单位的类型. */
export const HANDLER_KINDS = { government: '政府部门', enterprise: '企业', union: '工会部门', other: '其他单位' } as const;
export type HandlerKind = keyof typeof HANDLER_KINDS;

/**
 * 承办单位: a government department, an enterprise office or a union department
 * that handles proposals. Outside the union tree; registered by a county
 * union (its tenant and path), with the accounts that act for it.
 */
export const handlerUnits = pgTable(
  'handler_units',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** The union that registered it: its proposals may be assigned here. */
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    kind: varchar('kind', { length: 20 }).$type<HandlerKind>().notNull(),
    contact: varchar('contact', { length: 100 }),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('handler_units_name_key').on(t.tenantId, t.orgId, t.name), index('handler_units_path_gist').using('gist', t.orgPath)],
);

/** The accounts that act for a handler unit (role `handler`): they see only what is assigned to it. */
export const handlerUnitAccounts = pgTable(
  'handler_unit_accounts',
  {
    tenantId: tenantId(),
    id: identityId(),
    unitId: id('unit_id').notNull(),
    userId: id('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('handler_unit_accounts_key').on(t.tenantId, t.unitId, t.userId),
    index('handler_unit_accounts_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [handlerUnits.tenantId, handlerUnits.id] }),
  ],
);

/**
 * 提案: raised by a representative of a union (the union's tenant and path),
 * through the five-step loop 线上提交—小组审议—办理落实—执行督查—总结反馈.
 */
export const proposals = pgTable(
  'proposals',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** 提案号, e.g. 2026-0012: the tenant's serial within the year, given on submission. */
    serialNo: varchar('serial_no', { length: 20 }),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 20 }).$type<ProposalState>().notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    field: varchar('field', { length: 20 }).$type<ProposalField>().notNull(),
    /** 案由: the situation and its reasons. */
    reasons: text('reasons').notNull(),
    /** 建议: what is asked. */
    suggestions: text('suggestions').notNull(),
    submitterUserId: id('submitter_user_id').notNull(),
    submitterName: varchar('submitter_name', { length: 50 }).notNull(),
    /** The worker whose request started it (零距离), who follows it on the phone. */
    workerUserId: id('worker_user_id'),
    workerName: varchar('worker_name', { length: 50 }),
    /** 不予立案 or 并案: the reason, shown to the submitter. */
    decisionReason: text('decision_reason'),
    mergedIntoId: id('merged_into_id'),
    /** A motion of a workers' congress session (职代会), or null for a proposal raised between sessions. */
    congressSessionId: id('congress_session_id'),
    /** 小组审议: the group whose votes decide it (the session's review committee for a motion). */
    reviewGroupId: id('review_group_id'),
    leadHandlerId: id('lead_handler_id'),
    coHandlerIds: id('co_handler_ids').array().notNull().default([]),
    /** The handling deadline (交办 starts it, in working days): the engine writes it. */
    dueOn: date('due_on'),
    progressPercent: smallint('progress_percent').notNull().default(0),
    answerCategory: varchar('answer_category', { length: 1 }).$type<AnswerCategory>(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** 不满意 reopens it once: the second round's rating concludes it whatever it is. */
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    /** Title, reasons and suggestions as search tokens (platform/search-tokens: words and character bigrams). */
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposals_serial_key').on(t.tenantId, t.serialNo),
    index('proposals_path_gist').using('gist', t.orgPath),
    index('proposals_tenant_state_idx').on(t.tenantId, t.state, t.updatedAt),
    // proposals_tenant_field_idx (tenant, field, updated_at, id) INCLUDE (state, submitter): hand-written in
    // migrations/0032 (drizzle cannot declare INCLUDE).
    // The list's order within a county (or a town's range), read backwards: a page without sorting the county's years.
    index('proposals_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    // The detail and every action find a proposal by its id alone (ids are unique across tenants).
    index('proposals_id_idx').on(t.id),
    index('proposals_tenant_path_created_idx').on(t.tenantId, t.orgPath, t.createdAt),
    index('proposals_lead_handler_idx').on(t.tenantId, t.leadHandlerId),
    // A handler's list counts its co-handled proposals by this (queries.ts list, records.assignedParts).
    index('proposals_co_handlers_gin').using('gin', t.coHandlerIds),
    index('proposals_submitter_idx').on(t.submitterUserId),
    index('proposals_worker_idx').on(t.workerUserId),
    index('proposals_due_idx').on(t.tenantId, t.dueOn),
    // 提案统计 and 提案汇编 of a county: its tenants, the period by submission.
    index('proposals_tenant_submitted_idx').on(t.tenantId, t.submittedAt),
    index('proposals_search_gin').using('gin', t.search),
    index('proposals_session_idx').on(t.tenantId, t.congressSessionId),
    // A review group member's proposals (records.mine), read by group.
    index('proposals_review_group_idx').on(t.tenantId, t.reviewGroupId),
  ],
);

/** 附议: a representative of the union supports a proposal, once. */
export const proposalCosigners = pgTable(
  'proposal_cosigners',
  {
    tenantId: tenantId(),
    id: identityId(),
    proposalId: id('proposal_id').notNull(),
    userId: id('user_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposal_cosigners_key').on(t.tenantId, t.proposalId, t.userId),
    index('proposal_cosigners_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.proposalId], foreignColumns: [proposals.tenantId, proposals.id] }),
  ],
);

/** 办理进展: what a handler reports, dated, with how far it has got. */
export const proposalProgress = pgTable(
  'proposal_progress',
  {
    tenantId: tenantId(),
    id: identityId(),
    proposalId: id('proposal_id').notNull(),
    handlerUnitId: id('handler_unit_id'),
    authorName: varchar('author_name', { length: 100 }).notNull(),
    percent: smallint('percent').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('proposal_progress_proposal_idx').on(t.tenantId, t.proposalId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.proposalId], foreignColumns: [proposals.tenantId, proposals.id] }),
  ],
);

/** 满意度测评: the submitter, the co-signers and the worker rate the answer, once per round. */
export const proposalRatings = pgTable(
  'proposal_ratings',
  {
    tenantId: tenantId(),
    id: identityId(),
    proposalId: id('proposal_id').notNull(),
    userId: id('user_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    /** 1, or 2 after 不满意 reopened it. */
    round: smallint('round').notNull(),
    rating: varchar('rating', { length: 24 }).$type<Rating>().notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposal_ratings_key').on(t.tenantId, t.proposalId, t.userId, t.round),
    foreignKey({ columns: [t.tenantId, t.proposalId], foreignColumns: [proposals.tenantId, proposals.id] }),
  ],
);

export const REVIEW_VOTES = { accept: '同意立案', not_accept: '不同意立案' } as const;
export type ReviewVote = keyof typeof REVIEW_VOTES;

/**
 * 审议小组 (a congress's 提案审查委员会 is one): representatives of a union
 * who vote on whether a proposal is taken up. `quorum` is how many of them
 * must vote before the union records the group's decision.
 */
export const reviewGroups = pgTable(
  'proposal_review_groups',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    quorum: smallint('quorum').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('proposal_review_groups_name_key').on(t.tenantId, t.orgId, t.name), index('proposal_review_groups_path_gist').using('gist', t.orgPath)],
);

export const reviewGroupMembers = pgTable(
  'proposal_review_group_members',
  {
    tenantId: tenantId(),
    id: identityId(),
    groupId: id('group_id').notNull(),
    userId: id('user_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposal_review_group_members_key').on(t.tenantId, t.groupId, t.userId),
    index('proposal_review_group_members_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.groupId], foreignColumns: [reviewGroups.tenantId, reviewGroups.id] }),
  ],
);

/** A review group member's vote on a proposal, once; the opinion is shown to the union and the submitter. */
export const reviewVotes = pgTable(
  'proposal_review_votes',
  {
    tenantId: tenantId(),
    id: identityId(),
    proposalId: id('proposal_id').notNull(),
    userId: id('user_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    vote: varchar('vote', { length: 12 }).$type<ReviewVote>().notNull(),
    opinion: text('opinion'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('proposal_review_votes_key').on(t.tenantId, t.proposalId, t.userId),
    index('proposal_review_votes_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.proposalId], foreignColumns: [proposals.tenantId, proposals.id] }),
  ],
);

/**
 * 职代会: a session of a workers' congress with its motion-collection period
 * (提案征集), the co-signers a motion needs and its review committee.
 */
export const congressSessions = pgTable(
  'congress_sessions',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    /** e.g. 第二十二届一次职工代表大会. */
    name: varchar('name', { length: 100 }).notNull(),
    collectFrom: date('collect_from').notNull(),
    collectUntil: date('collect_until').notNull(),
    minCosigners: smallint('min_cosigners').notNull(),
    reviewGroupId: id('review_group_id').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('congress_sessions_name_key').on(t.tenantId, t.orgId, t.name),
    index('congress_sessions_path_gist').using('gist', t.orgPath),
    foreignKey({ columns: [t.tenantId, t.reviewGroupId], foreignColumns: [reviewGroups.tenantId, reviewGroups.id] }),
  ],
);

export const proposalsSubtreeMoved = pathCopies(proposals.orgPath, handlerUnits.orgPath, reviewGroups.orgPath, congressSessions.orgPath);
