import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, tsvector, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';
import { SATISFACTION, type Satisfaction } from '../../platform/satisfaction.js';

/** 连心舱 team roles (seed 002: 3 navigators, 3 tutors, 10 cabin chiefs, 40 volunteers; resident lawyers as in 004). */
export const STUDIO_ROLES = {
  navigator: '领航员',
  tutor: '导师',
  cabin_chief: '舱长',
  volunteer: '志愿者',
  lawyer: '驻点律师',
} as const;
export type StudioRole = keyof typeof STUDIO_ROLES;

/**
 * A mediation studio (连心舱): a union's place where disputes are heard, e.g.
 * 当湖街道总工会's 连心舱. Owned by the hosting union, whose path it copies so
 * scope filters need no join. Its cases (mediation_cases, below) belong to it.
 */
export const mediationStudios = pgTable(
  'mediation_studios',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    address: varchar('address', { length: 200 }),
    phone: varchar('phone', { length: 30 }),
    active: boolean('active').notNull().default(true),
    /** A case with at least this many workers is a mass incident (应急处置): the leaders of the subtree are told at once. */
    massIncidentWorkers: integer('mass_incident_workers').notNull().default(10),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mediation_studios_tenant_path_idx').on(t.tenantId, t.orgPath),
    index('mediation_studios_path_gist').using('gist', t.orgPath),
    uniqueIndex('mediation_studios_name_key').on(t.tenantId, t.orgId, t.name),
  ],
);

/**
 * A member of a studio's team. Mediators act through accounts (`user_id`):
 * a member with an account sees and handles the studio's cases, whatever the
 * org their role is held at. Volunteers and lawyers may have none.
 */
export const studioMembers = pgTable(
  'studio_members',
  {
    tenantId: tenantId(),
    id: identityId(),
    studioId: id('studio_id').notNull(),
    role: varchar('role', { length: 20 }).$type<StudioRole>().notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    phone: varchar('phone', { length: 20 }),
    userId: id('user_id'),
    /** The law firm of a resident lawyer (驻点律师). */
    lawFirm: varchar('law_firm', { length: 100 }),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.studioId], foreignColumns: [mediationStudios.tenantId, mediationStudios.id] }),
    // The team page: a studio's members by role.
    index('studio_members_studio_idx').on(t.tenantId, t.studioId, t.role),
    // Membership of an account (every case read of a mediator asks it); one seat per account and studio.
    uniqueIndex('studio_members_user_key')
      .on(t.userId, t.tenantId, t.studioId)
      .where(sql`${t.userId} is not null`),
  ],
);


/** Where a case comes from (DESIGN §3.3). The court's two kinds carry the court's case number and deadline. */
export const CASE_SOURCES = {
  consultation: '来访咨询',
  complaint: '投诉求助',
  early_warning: '预警信号',
  visit: '主动走访',
  court_pre_filing: '法院委派调解（诉前）',
  court_post_filing: '法院委托调解（诉中）',
  arbitration: '仲裁委托',
} as const;
export type CaseSource = keyof typeof CASE_SOURCES;
/** The sources a court sends: the case carries the court's number and the court's own deadline. */
export const COURT_SOURCES: readonly CaseSource[] = ['court_pre_filing', 'court_post_filing'];

/** What workers claim. */
export const CLAIM_TYPES = {
  wages: '拖欠工资',
  social_insurance: '社会保险',
  work_injury: '工伤待遇',
  contract_termination: '解除劳动合同',
  overtime: '加班费',
  economic_compensation: '经济补偿',
  other: '其他',
} as const;
export type ClaimType = keyof typeof CLAIM_TYPES;

/** The workers' rating of the result (the same words as the other modules' 满意度测评). */
export const CASE_RATINGS = SATISFACTION;
export type CaseRating = Satisfaction;

export type CaseState = 'identify' | 'visit' | 'consult' | 'mediate' | 'agreed' | 'confirmation_requested' | 'confirmed' | 'closed' | 'referred' | 'withdrawn' | 'failed';

/** One line of an agreement: a worker covered and what the enterprise pays them (fen). */
export interface AgreementShare {
  partyId: number;
  amount: number;
}
/** One instalment of an agreement: a date and the sum due then (fen). */
export interface Instalment {
  dueOn: string;
  amount: number;
}

/**
 * A labour-dispute case at a studio, through 识、访、议、调、诉 (workflow.ts).
 * Owned by the studio's union, whose path it copies. `due_on` is the engine's
 * deadline: the 15-day period of 劳动争议调解仲裁法 art. 14 counted from
 * `received_on`, or the court's own deadline for a case the court sends.
 */
export const mediationCases = pgTable(
  'mediation_cases',
  {
    tenantId: tenantId(),
    id: identityId(),
    studioId: id('studio_id').notNull(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 24 }).$type<CaseState>().notNull(),
    source: varchar('source', { length: 24 }).$type<CaseSource>().notNull(),
    /** Applied for by the worker online (一件事), not entered at the studio. */
    online: boolean('online').notNull().default(false),
    subject: varchar('subject', { length: 100 }).notNull(),
    facts: text('facts').notNull(),
    enterpriseName: varchar('enterprise_name', { length: 100 }).notNull(),
    /** 统一社会信用代码, checked; the enterprises module links its records by it. */
    enterpriseCreditCode: varchar('enterprise_credit_code', { length: 18 }),
    /** The risk signal (enterprises module) the case was opened from (转调解), if any. */
    signalId: id('signal_id'),
    workerCount: integer('worker_count').notNull(),
    /** Sum of the claims (fen). */
    claimedTotal: bigint('claimed_total', { mode: 'number' }).notNull(),
    /**
     * The claims summed by type (type → fen) and the workers' ratings counted (rating → workers), kept by
     * summaries.ts wherever claims or ratings change, so the statistics read the case rows alone.
     */
    claimedByType: jsonb('claimed_by_type').$type<Partial<Record<ClaimType, number>>>().notNull().default({}),
    ratingCounts: jsonb('rating_counts').$type<Partial<Record<CaseRating, number>>>().notNull().default({}),
    /** The lead mediator: a member of the studio's team with an account (null until someone takes the case). */
    leadMemberId: id('lead_member_id'),
    leadUserId: id('lead_user_id'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    courtName: varchar('court_name', { length: 50 }),
    courtCaseNo: varchar('court_case_no', { length: 50 }),
    courtDueOn: date('court_due_on', { mode: 'string' }),
    /** 调解协议书 (set by 达成协议). */
    agreedOn: date('agreed_on', { mode: 'string' }),
    agreedTotal: bigint('agreed_total', { mode: 'number' }),
    agreementTerms: text('agreement_terms'),
    agreementShares: jsonb('agreement_shares').$type<AgreementShare[]>(),
    agreementInstalments: jsonb('agreement_instalments').$type<Instalment[]>(),
    /** 司法确认 and referral details, as the outcome transitions record them. */
    confirmationCourt: varchar('confirmation_court', { length: 50 }),
    confirmationRuling: varchar('confirmation_ruling', { length: 50 }),
    referredTo: varchar('referred_to', { length: 100 }),
    outcomeNote: text('outcome_note'),
    /** When the leaders were told of a mass incident (once). */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdByUserId: id('created_by_user_id'),
    concludedAt: timestamp('concluded_at', { withTimezone: true }),
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.studioId], foreignColumns: [mediationStudios.tenantId, mediationStudios.id] }),
    // The case list, newest activity first, read in index order down to the page (docs/scaling.md): a county's
    // (its tenant), a town's (tenant and path range), a studio team's; and by deadline.
    index('mediation_cases_tenant_updated_idx').on(t.tenantId, t.updatedAt, t.id),
    index('mediation_cases_tenant_path_updated_idx').on(t.tenantId, t.orgPath, t.updatedAt),
    index('mediation_cases_studio_updated_idx').on(t.tenantId, t.studioId, t.updatedAt, t.id),
    index('mediation_cases_tenant_state_updated_idx').on(t.tenantId, t.state, t.updatedAt, t.id),
    index('mediation_cases_tenant_due_idx').on(t.tenantId, t.dueOn),
    // An enterprise's page: its cases by credit code, newest activity first.
    index('mediation_cases_enterprise_idx').on(t.tenantId, t.enterpriseCreditCode, t.updatedAt),
    // Statistics: mediation_cases_statistics_idx (tenant, received_on) INCLUDE (state, source, agreed_total,
    // worker_count, org_path, claimed_by_type, rating_counts), hand-written in migrations/0034 (drizzle cannot
    // declare INCLUDE): a county's (or a town's) cases by the day they came in, with everything the figures add
    // up, read from the index alone (the rows are ~1.5 KB with the search document; docs/scaling.md).
    index('mediation_cases_path_gist').using('gist', t.orgPath),
    index('mediation_cases_search_gin').using('gin', t.search),
    check('mediation_cases_amounts_check', sql`${t.claimedTotal} >= 0 and (${t.agreedTotal} is null or ${t.agreedTotal} >= 0)`),
  ],
);

/** A worker party of a case: a member or not, with an account when they follow the case on the phone. */
export const mediationCaseWorkers = pgTable(
  'mediation_case_workers',
  {
    tenantId: tenantId(),
    id: identityId(),
    caseId: id('case_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    phone: varchar('phone', { length: 20 }),
    userId: id('user_id'),
    isMember: boolean('is_member').notNull().default(false),
    /** 签收: the worker confirmed receiving the agreement. */
    receiptSignedAt: timestamp('receipt_signed_at', { withTimezone: true }),
    rating: varchar('rating', { length: 24 }).$type<CaseRating>(),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [mediationCases.tenantId, mediationCases.id] }),
    index('mediation_case_workers_case_idx').on(t.tenantId, t.caseId),
    // 我的调解: a worker's own cases.
    index('mediation_case_workers_user_idx').on(t.userId),
  ],
);

/** A claim of a case by type, in fen. */
export const mediationCaseClaims = pgTable(
  'mediation_case_claims',
  {
    tenantId: tenantId(),
    id: identityId(),
    caseId: id('case_id').notNull(),
    type: varchar('type', { length: 24 }).$type<ClaimType>().notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    note: varchar('note', { length: 200 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [mediationCases.tenantId, mediationCases.id] }),
    index('mediation_case_claims_case_idx').on(t.tenantId, t.caseId),
    check('mediation_case_claims_amount_check', sql`${t.amount} >= 0`),
  ],
);

/** What the team records on a case: visits (访), mediation sessions (调) and internal notes. */
export const CASE_ENTRY_KINDS = { visit: '走访调查', session: '调解会', note: '案件备注' } as const;
export type CaseEntryKind = keyof typeof CASE_ENTRY_KINDS;

export const mediationCaseEntries = pgTable(
  'mediation_case_entries',
  {
    tenantId: tenantId(),
    id: identityId(),
    caseId: id('case_id').notNull(),
    kind: varchar('kind', { length: 12 }).$type<CaseEntryKind>().notNull(),
    /** The day of the visit or session. */
    heldOn: date('held_on', { mode: 'string' }),
    place: varchar('place', { length: 100 }),
    /** Who went on the visit, or attended the session. */
    people: varchar('people', { length: 300 }),
    /** Never shown to the worker parties or outside the team and the union's staff. */
    notes: text('notes').notNull(),
    authorUserId: id('author_user_id'),
    authorName: varchar('author_name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [mediationCases.tenantId, mediationCases.id] }),
    index('mediation_case_entries_case_idx').on(t.tenantId, t.caseId, t.heldOn),
  ],
);

/** Which figure a row of mediation_case_months adds up: cases by state or by source, claims by type, workers' ratings. */
export type MonthFigure = 'state' | 'source' | 'claim' | 'rating';

/**
 * The statistics' figures kept per union and month of receipt
 * (docs/scaling.md, "Mediation cases at 100,000"), so a period of years reads
 * a few thousand small rows instead of every case. Kept by a trigger on
 * mediation_cases (hand-written in migrations/0035): each statement adds the
 * new rows' share and subtracts the old rows', so a row here is always the sum
 * over the cases it covers. Per (union, month) and `figure`:
 * - `state` by state: the cases, their agreed amounts (`amount`) and workers
 *   (statistics.ts maps states to 达成协议 / 已办结 by the workflow's flags);
 * - `source` by source: the cases;
 * - `claim` by type: the cases claiming it and the amount claimed;
 * - `rating` by rating: the workers who gave it.
 */
export const mediationCaseMonths = pgTable(
  'mediation_case_months',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** The first day of the month the cases were received in. */
    month: date('month', { mode: 'string' }).notNull(),
    orgPath: ltree('org_path').notNull(),
    figure: varchar('figure', { length: 8 }).$type<MonthFigure>().notNull(),
    key: varchar('key', { length: 24 }).notNull(),
    cases: integer('cases').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    workers: integer('workers').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The trigger's upsert key, and the statistics' read: a county's months in order.
    uniqueIndex('mediation_case_months_key_idx').on(t.tenantId, t.month, t.orgPath, t.figure, t.key),
  ],
);

export const mediationSubtreeMoved = pathCopies(mediationStudios.orgPath, mediationCases.orgPath);
