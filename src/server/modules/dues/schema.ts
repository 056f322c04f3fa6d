import { date, index, integer, jsonb, pgTable, primaryKey, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

/** 会费 of one member for one month: paid, owed, or exempt (rules.ts decides the amount). */
export const DUES_STATUSES = { paid: '已缴', unpaid: '未缴', exempt: '免缴' } as const;
export type DuesStatus = keyof typeof DUES_STATUSES;

/** Who put the record there: the union's staff, a payroll import, the employer's bulk payment. */
export const DUES_SOURCES = { staff: '工会录入', import: '工资表导入', employer: '单位代缴' } as const;
export type DuesSource = keyof typeof DUES_SOURCES;

/** Why a member pays nothing (the constitution's exemptions, as unions apply them). */
export const EXEMPTION_REASONS = { hardship: '生活困难', retired: '退休', unemployed: '失业', union: '工会决定' } as const;
export type ExemptionReason = keyof typeof EXEMPTION_REASONS;

/**
 * One member's dues for one month (`month` is the month's first day). The
 * member's name and card number are copied as the payroll line named them,
 * so the union's monthly list reads this table alone; the membership is the
 * members module's record, reached through its service.
 */
export const duesRecords = pgTable(
  'dues_records',
  {
    tenantId: tenantId(),
    id: identityId(),
    membershipId: id('membership_id').notNull(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    cardNo: varchar('card_no', { length: 32 }).notNull(),
    month: date('month').notNull(),
    /** The month's wage in fen (null: not known, e.g. marked paid by the employer without a payroll). */
    wageFen: integer('wage_fen'),
    /** The dues in fen by the rule (null when the wage is not known). */
    amountFen: integer('amount_fen'),
    status: varchar('status', { length: 10 }).$type<DuesStatus>().notNull(),
    exemption: varchar('exemption', { length: 12 }).$type<ExemptionReason>(),
    source: varchar('source', { length: 10 }).$type<DuesSource>().notNull(),
    importId: id('import_id'),
    paidOn: date('paid_on'),
    recordedBy: id('recorded_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('dues_records_member_month_key').on(t.tenantId, t.membershipId, t.month),
    // A union's month (the list), and a town's: the scope is a range of the path.
    index('dues_records_tenant_month_idx').on(t.tenantId, t.month, t.orgPath, t.status, t.id),
  ],
);

/**
 * The amount rule as data (会费标准): the rate of the wage in basis points
 * (the constitution's 0.5% is 50) and the unit the amount is rounded to (1 fen,
 * 10 fen = 1 jiao, 100 fen = 1 yuan). A union without its own rule uses its
 * nearest ancestor's; with none anywhere, the constitution's (rules.ts).
 */
export const duesRules = pgTable(
  'dues_rules',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    rateBasisPoints: integer('rate_basis_points').notNull(),
    roundToFen: integer('round_to_fen').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('dues_rules_org_key').on(t.tenantId, t.orgId)],
);

/** A member exempt from dues for a span of months (to_month null: until ended). */
export const duesExemptions = pgTable(
  'dues_exemptions',
  {
    tenantId: tenantId(),
    id: identityId(),
    membershipId: id('membership_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    reason: varchar('reason', { length: 12 }).$type<ExemptionReason>().notNull(),
    fromMonth: date('from_month').notNull(),
    toMonth: date('to_month'),
    createdBy: id('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('dues_exemptions_member_idx').on(t.tenantId, t.membershipId), index('dues_exemptions_path_idx').on(t.tenantId, t.orgPath)],
);

export const DUES_IMPORT_STATES = { ready: '待确认', committed: '已导入' } as const;
export type DuesImportState = keyof typeof DUES_IMPORT_STATES;

/** A payroll upload (工资表导入) for one union: its lines wait in dues_import_lines for the commit. */
export const duesImports = pgTable(
  'dues_imports',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    fileName: varchar('file_name', { length: 200 }).notNull(),
    month: date('month').notNull(),
    state: varchar('state', { length: 12 }).$type<DuesImportState>().notNull(),
    lines: integer('lines').notNull(),
    rejected: integer('rejected').notNull(),
    createdBy: id('created_by'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('dues_imports_tenant_path_idx').on(t.tenantId, t.orgPath, t.id)],
);

export interface LineIssue {
  field: string;
  reason: string;
}

/** A payroll line as read and checked; only an import whose lines have no issues commits. */
export const duesImportLines = pgTable(
  'dues_import_lines',
  {
    tenantId: tenantId(),
    id: identityId(),
    importId: id('import_id').notNull(),
    line: integer('line').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    membershipId: id('membership_id'),
    cardNo: varchar('card_no', { length: 32 }),
    orgId: id('org_id'),
    orgPath: ltree('org_path'),
    month: date('month'),
    wageFen: integer('wage_fen'),
    amountFen: integer('amount_fen'),
    status: varchar('status', { length: 10 }).$type<DuesStatus>(),
    exemption: varchar('exemption', { length: 12 }).$type<ExemptionReason>(),
    issues: jsonb('issues').$type<LineIssue[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('dues_import_lines_line_key').on(t.tenantId, t.importId, t.line)],
);

/** 组织生活: an activity of a union (a meeting, a course, a visit). */
export const activities = pgTable(
  'activities',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    heldOn: date('held_on').notNull(),
    place: varchar('place', { length: 100 }).notNull(),
    createdBy: id('created_by'),
    version: version(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('activities_tenant_path_idx').on(t.tenantId, t.orgPath, t.heldOn, t.id)],
);

export const ATTENDANCE_WAYS = { staff: '工作人员登记', qr: '扫码签到' } as const;
export type AttendanceWay = keyof typeof ATTENDANCE_WAYS;

/** Who took part in an activity (once each). */
export const activityAttendance = pgTable(
  'activity_attendance',
  {
    tenantId: tenantId(),
    id: identityId(),
    activityId: id('activity_id').notNull(),
    membershipId: id('membership_id').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    cardNo: varchar('card_no', { length: 32 }).notNull(),
    way: varchar('way', { length: 8 }).$type<AttendanceWay>().notNull(),
    recordedBy: id('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('activity_attendance_once_key').on(t.tenantId, t.activityId, t.membershipId),
    index('activity_attendance_member_idx').on(t.tenantId, t.membershipId),
  ],
);

export const duesSubtreeMoved = pathCopies(duesRecords.orgPath, duesRules.orgPath, duesExemptions.orgPath, duesImports.orgPath, duesImportLines.orgPath, activities.orgPath);
