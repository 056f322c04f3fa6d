import { date, index, integer, jsonb, pgTable, primaryKey, smallint, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { id, identityId, ltree, tenantId, timestamps } from '../../../db/columns.js';
import type { BulletinRow, BulletinSummaryRow } from './types.js';

/**
 * 目标任务: what a district (镇街 of a county, 县区 of a city) is to achieve in
 * a year — new unions (新建工会), new members (新发展会员) and new members of
 * the four new employment forms (新就业形态劳动者入会). Owned by the district's
 * tenant; set by staff of its parent. A zero means "no target for this measure".
 */
export const membershipTargets = pgTable(
  'membership_targets',
  {
    tenantId: tenantId(),
    id: identityId(),
    districtOrgId: id('district_org_id').notNull(),
    /** Copy of the district's path: scope filters are an index range (DESIGN §2). */
    districtPath: ltree('district_path').notNull(),
    year: smallint('year').notNull(),
    newUnions: integer('new_unions').notNull().default(0),
    newMembers: integer('new_members').notNull().default(0),
    newFormMembers: integer('new_form_members').notNull().default(0),
    setByUserId: id('set_by_user_id'),
    setByName: varchar('set_by_name', { length: 50 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('membership_targets_district_year_key').on(t.tenantId, t.districtOrgId, t.year),
    index('membership_targets_path_gist').using('gist', t.districtPath),
  ],
);

/**
 * 半月通报: an issued bulletin, frozen. The ranking is computed once, at issue,
 * and kept as JSON, so later data never changes what was announced; the next
 * bulletin reads it to find who ranked last twice running. Owned by the
 * issuing org's tenant.
 */
export const memberBulletins = pgTable(
  'member_bulletins',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    orgName: varchar('org_name', { length: 100 }).notNull(),
    year: smallint('year').notNull(),
    /** 第N期: the bulletins of this org in this year, in issue order. */
    issueNo: integer('issue_no').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    rows: jsonb('rows').$type<BulletinRow[]>().notNull(),
    /** Unions directly under the issuing org (in no district), and the whole subtree. */
    direct: jsonb('direct').$type<BulletinSummaryRow>().notNull(),
    total: jsonb('total').$type<BulletinSummaryRow>().notNull(),
    issuedByUserId: id('issued_by_user_id'),
    issuedByName: varchar('issued_by_name', { length: 50 }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('member_bulletins_period_key').on(t.tenantId, t.orgId, t.periodEnd),
    uniqueIndex('member_bulletins_issue_no_key').on(t.tenantId, t.orgId, t.year, t.issueNo),
    index('member_bulletins_path_gist').using('gist', t.orgPath),
  ],
);
