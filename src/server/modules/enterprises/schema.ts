import { sql } from 'drizzle-orm';
import { bigint, boolean, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, tsvector, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

/** States of a risk signal (workflow.ts holds their labels, flags and moves). */
export type SignalState = 'open' | 'in_hand' | 'resolved' | 'case_opened';

/** 风险类型: what the 连心舱's 预警识别 watches for (seeds/002). */
export const SIGNAL_KINDS = {
  wage_arrears: '欠薪',
  social_insurance: '欠缴社保',
  layoff: '裁员',
  relocation: '搬迁/关停',
  platform_rules: '平台规则调整',
  other: '其他',
} as const;
export type SignalKind = keyof typeof SIGNAL_KINDS;

/** 预警等级, as the colours of a 风险预警 are read: 蓝色一般, 橙色较重, 红色严重. */
export const SIGNAL_LEVELS = {
  blue: '一般（蓝色）',
  orange: '较重（橙色）',
  red: '严重（红色）',
} as const;
export type SignalLevel = keyof typeof SIGNAL_LEVELS;

/** 信息来源. */
export const SIGNAL_SOURCES = {
  worker_report: '职工反映',
  visit: '主动访查',
  hotline: '12351 热线',
  government_data: '人社等部门数据',
  media: '媒体报道',
  other: '其他',
} as const;
export type SignalSource = keyof typeof SIGNAL_SOURCES;

/**
 * An enterprise a town or joint union looks after (一企一策). Its union is the
 * org whose path it copies: lists filter by scope without a join. Whether the
 * enterprise has set up a union (建会) is kept here as a fact the staff record,
 * not read from the members module.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    industry: varchar('industry', { length: 50 }),
    address: varchar('address', { length: 200 }),
    employeeCount: integer('employee_count'),
    contactName: varchar('contact_name', { length: 50 }),
    contactPhone: varchar('contact_phone', { length: 20 }),
    hasUnion: boolean('has_union').notNull().default(false),
    /** Name and code as search tokens (platform/search-tokens). */
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('enterprises_credit_code_key').on(t.tenantId, t.creditCode),
    // The list: scope (tenant, path range), by name.
    index('enterprises_tenant_path_name_idx').on(t.tenantId, t.orgPath, t.name),
    index('enterprises_path_gist').using('gist', t.orgPath),
    index('enterprises_search_gin').using('gin', t.search),
  ],
);

/** 主动访查: a visit to an enterprise, and what was found. */
export const enterpriseVisits = pgTable(
  'enterprise_visits',
  {
    tenantId: tenantId(),
    id: identityId(),
    enterpriseId: id('enterprise_id').notNull(),
    visitedOn: date('visited_on').notNull(),
    visitors: varchar('visitors', { length: 200 }).notNull(),
    findings: text('findings').notNull(),
    recordedByUserId: id('recorded_by_user_id'),
    recordedByName: varchar('recorded_by_name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    index('enterprise_visits_enterprise_idx').on(t.tenantId, t.enterpriseId, t.visitedOn),
  ],
);

/**
 * A risk signal (风险预警) about an enterprise. It copies its enterprise's
 * union and path (kept right when the enterprise moves to another union), so
 * the 风险预警 list filters by scope on its own index.
 */
export const riskSignals = pgTable(
  'risk_signals',
  {
    tenantId: tenantId(),
    id: identityId(),
    enterpriseId: id('enterprise_id').notNull(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 20 }).$type<SignalState>().notNull(),
    kind: varchar('kind', { length: 24 }).$type<SignalKind>().notNull(),
    level: varchar('level', { length: 10 }).$type<SignalLevel>().notNull(),
    /** The level's order (red 3 … blue 1): the list puts the severe first through an index. */
    severity: smallint('severity')
      .notNull()
      .generatedAlwaysAs(sql`case level when 'red' then 3 when 'orange' then 2 else 1 end`),
    source: varchar('source', { length: 24 }).$type<SignalSource>().notNull(),
    description: text('description').notNull(),
    workersAffected: integer('workers_affected').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    reportedOn: date('reported_on').notNull(),
    /** The visit that raised it, when one did. */
    visitId: id('visit_id'),
    /** 跟进: who follows it up (a note, not an account: often a cabin chief or a town cadre). */
    follower: varchar('follower', { length: 100 }),
    resolution: text('resolution'),
    resolvedOn: date('resolved_on'),
    /** The mediation case it opened (a record of the mediation module, linked through its service). */
    caseId: id('case_id'),
    caseLabel: varchar('case_label', { length: 60 }),
    /** When the subtree's leaders were told of it as 严重 (once per signal). */
    leadersNotifiedAt: timestamp('leaders_notified_at', { withTimezone: true }),
    createdByUserId: id('created_by_user_id'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    foreignKey({ columns: [t.tenantId, t.visitId], foreignColumns: [enterpriseVisits.tenantId, enterpriseVisits.id] }),
    // The list's default order within scope: the severe first, then the latest.
    index('risk_signals_tenant_path_severity_idx').on(t.tenantId, t.orgPath, t.severity, t.reportedOn),
    index('risk_signals_tenant_path_reported_idx').on(t.tenantId, t.orgPath, t.reportedOn),
    index('risk_signals_path_gist').using('gist', t.orgPath),
    // An enterprise's page.
    index('risk_signals_enterprise_idx').on(t.tenantId, t.enterpriseId, t.reportedOn),
  ],
);

/** 一企一策: each revision of an enterprise's plan; the latest is the current plan, the others its history. */
export const enterprisePlans = pgTable(
  'enterprise_plans',
  {
    tenantId: tenantId(),
    id: identityId(),
    enterpriseId: id('enterprise_id').notNull(),
    revision: integer('revision').notNull(),
    summary: text('summary').notNull(),
    measures: text('measures').notNull(),
    responsiblePerson: varchar('responsible_person', { length: 50 }).notNull(),
    authorUserId: id('author_user_id'),
    authorName: varchar('author_name', { length: 50 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.enterpriseId], foreignColumns: [enterprises.tenantId, enterprises.id] }),
    // Two editors saving from the same revision: one wins, the other is told.
    uniqueIndex('enterprise_plans_revision_key').on(t.tenantId, t.enterpriseId, t.revision),
  ],
);

export const enterprisesSubtreeMoved = pathCopies(enterprises.orgPath, riskSignals.orgPath);
