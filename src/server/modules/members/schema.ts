import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { pathCopies } from '../../platform/org-tree/paths.js';
import { bytea, createdAt, id, identityId, ltree, tenantId, timestamps, tsvector, version } from '../../db/columns.js';
import { CARD_NO_LENGTH } from './card-number.js';

/** 就业形态: standard, flexible, and the four new-form groups of the articles. */
export const EMPLOYMENT_FORMS = {
  standard: '标准劳动关系',
  flexible: '灵活就业',
  truck_driver: '货车司机',
  ride_hailing_driver: '网约车司机',
  courier: '快递员',
  delivery_rider: '外卖配送员',
} as const;
export type EmploymentForm = keyof typeof EMPLOYMENT_FORMS;
export const NEW_FORMS: readonly EmploymentForm[] = ['truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider'];

/**
 * Membership status per the union constitution (中国工会章程). `active` and
 * `retained` are open memberships; the rest close it.
 */
export const MEMBERSHIP_STATUSES = {
  active: '正常',
  retained: '保留会籍',
  withdrawn: '退会',
  deemed_withdrawn: '视为自动退会',
  expelled: '开除会籍',
  transferred: '已转出',
} as const;
export type MembershipStatus = keyof typeof MEMBERSHIP_STATUSES;

/** How a membership was opened (memberships.source), in the words of the union's forms. */
export const MEMBERSHIP_SOURCES = {
  online: '线上申请',
  staff: '窗口登记',
  import: '花名册导入',
  transfer: '会员接转',
} as const;
export type MembershipSource = keyof typeof MEMBERSHIP_SOURCES;

/** States of a join application (workflow.ts joinWorkflow holds their labels and moves). */
export type JoinApplicationState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'closed';

/**
 * A real person, identified by resident ID. Keyed by the ID's keyed hash (on
 * Citus, distributed by it): people move between county tenants, so the
 * one-open-membership rule lives here, on the row a join or transfer locks.
 */
export const persons = pgTable('persons', {
  idHash: bytea('id_hash').primaryKey(),
  idCipher: bytea('id_cipher').notNull(),
  idMasked: varchar('id_masked', { length: 18 }).notNull(),
  name: varchar('name', { length: 50 }).notNull(),
  sex: varchar('sex', { length: 6 }).$type<'male' | 'female'>().notNull(),
  birthDate: date('birth_date').notNull(),
  phone: varchar('phone', { length: 11 }),
  /** The one open membership, or null: set and cleared in the same transaction as the membership. */
  openMembershipTenantId: id('open_membership_tenant_id'),
  openMembershipId: id('open_membership_id'),
  /**
   * 会龄 start of the open membership (continuous across transfers); null while
   * the person holds none. Set and cleared with the open membership; the rule
   * itself is member-since.ts, which reads the latest membership.
   */
  memberSince: date('member_since'),
  ...timestamps(),
}, (t) => [
  // A worker's sign-in by code asks whose number it is (phone-access.ts).
  index('persons_phone_idx').on(t.phone),
]);

/** One person's membership of one union, from approval to its end. */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantId(),
    id: identityId(),
    personHash: bytea('person_hash')
      .notNull()
      .references(() => persons.idHash),
    orgId: id('org_id').notNull(),
    /** Copy of the union's path: the scope filter is an index range (DESIGN §2). */
    orgPath: ltree('org_path').notNull(),
    cardNo: varchar('card_no', { length: CARD_NO_LENGTH }).notNull(),
    status: varchar('status', { length: 20 }).$type<MembershipStatus>().notNull(),
    /** Copies of the person's searchable fields, so lists never join persons. */
    name: varchar('name', { length: 50 }).notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    sex: varchar('sex', { length: 6 }).$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date').notNull(),
    phone: varchar('phone', { length: 11 }),
    employmentForm: varchar('employment_form', { length: 24 }).$type<EmploymentForm>().notNull(),
    employerName: varchar('employer_name', { length: 100 }),
    employerCreditCode: varchar('employer_credit_code', { length: 18 }),
    platformName: varchar('platform_name', { length: 50 }),
    joinedOn: date('joined_on').notNull(),
    memberSince: date('member_since').notNull(),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    /**
     * The evidence for deemed withdrawal, kept by the dues module (its service calls members' `recordEvidence`
     * whenever dues or attendance change): the last day of the last month paid or exempt, the first month with
     * any dues record (null: the union has recorded none for this member), the last activity attended.
     */
    lastDuesOn: date('last_dues_on'),
    duesFrom: date('dues_from'),
    lastActivityOn: date('last_activity_on'),
    source: varchar('source', { length: 16 }).$type<MembershipSource>().notNull(),
    /**
     * A staff entry's consent (source `staff`): the version of the join notice
     * (privacy-notice.ts) the person agreed to by signing the paper form, and
     * when staff confirmed it. An online join keeps its consent on its
     * application; an import, in the union's own files.
     */
    consentVersion: varchar('consent_version', { length: 16 }),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('memberships_path_gist').using('gist', t.orgPath),
    index('memberships_search_gin').using('gin', t.search),
    // The registry list at a million members (queries.ts listPage, cappedCount). Every index leads with the
    // tenant and carries the union's path, so a scope is a range of it (scope.ts subtreeRange) and a page's
    // keys and its count come from the index alone (index-only scans); the page's rows are then read by key.
    // The date order (read either way; the reports' date ranges too), its trailing columns what lists filter on:
    index('memberships_tenant_joined_idx').on(t.tenantId, t.joinedOn, t.id, t.orgPath, t.status, t.employmentForm, t.source),
    index('memberships_tenant_name_idx').on(t.tenantId, t.name, t.id),
    // The equality filters with the path after them, so each narrows to a range; the status one also serves a
    // town's or a union's current members (a path index of their own went unused in the members bench, and is gone).
    index('memberships_tenant_status_idx').on(t.tenantId, t.status, t.orgPath, t.employmentForm),
    index('memberships_tenant_form_idx').on(t.tenantId, t.employmentForm, t.orgPath, t.status),
    index('memberships_person_idx').on(t.personHash),
    uniqueIndex('memberships_card_no_key').on(t.tenantId, t.cardNo),
    // Within a tenant a second open row is impossible even before the person row is consulted.
    uniqueIndex('memberships_one_open_key')
      .on(t.tenantId, t.personHash)
      .where(sql`${t.status} in ('active', 'retained')`),
  ],
);

/**
 * The registry's composition kept as it changes: members per union (its path), status and employment form,
 * moved by a statement trigger on `memberships` (migrations/0039) — every write, whichever service makes it,
 * adds its new rows and takes away its old ones, so a county's 会员构成 sums some thousands of rows instead of
 * reading a million memberships. A union's rows may net to zero and stay.
 */
export const membershipCounts = pgTable(
  'membership_counts',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgPath: ltree('org_path').notNull(),
    status: varchar('status', { length: 20 }).$type<MembershipStatus>().notNull(),
    employmentForm: varchar('employment_form', { length: 24 }).$type<EmploymentForm>().notNull(),
    members: integer('members').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The trigger's upsert key, and the composition's read: a subtree's unions as a range of the path.
    uniqueIndex('membership_counts_key_idx').on(t.tenantId, t.orgPath, t.status, t.employmentForm),
  ],
);

/** 一键入会: an application from the public phone page, decided by the union. */
export const joinApplications = pgTable(
  'join_applications',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 20 }).$type<JoinApplicationState>().notNull(),
    /** The applicant follows the application with this code (no account needed). */
    trackingCode: varchar('tracking_code', { length: 32 }).notNull(),
    personHash: bytea('person_hash').notNull(),
    idCipher: bytea('id_cipher').notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    phone: varchar('phone', { length: 11 }).notNull(),
    employmentForm: varchar('employment_form', { length: 24 }).$type<EmploymentForm>().notNull(),
    employerName: varchar('employer_name', { length: 100 }),
    employerCreditCode: varchar('employer_credit_code', { length: 18 }),
    platformName: varchar('platform_name', { length: 50 }),
    consentVersion: varchar('consent_version', { length: 16 }).notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    ip: varchar('ip', { length: 64 }),
    decisionReason: text('decision_reason'),
    /**
     * The membership its approval opened (in its own tenant). A `closed` application's applicant joined by
     * another path: the closing timeline entry names that membership (workflow.ts, JoinedElsewhere).
     */
    membershipId: id('membership_id'),
    autoApproved: boolean('auto_approved').notNull().default(false),
    /**
     * The phone's key for this submission (the Idempotency-Key header): the join page keeps an application
     * filled offline and sends it again until an answer comes, so a resend returns this application.
     */
    idempotencyKey: varchar('idempotency_key', { length: 64 }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('join_applications_path_gist').using('gist', t.orgPath),
    uniqueIndex('join_applications_idempotency_key')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    uniqueIndex('join_applications_tracking_key').on(t.tenantId, t.trackingCode),
    index('join_applications_tenant_state_idx').on(t.tenantId, t.state, t.createdAt),
    // A worker's own applications (我的会籍), in any tenant.
    index('join_applications_person_idx').on(t.personHash),
    // Finding one's applications again by the number they gave (phone-access.ts), across tenants: the
    // worker does not know which county holds them, so this one index does not lead with the tenant.
    index('join_applications_phone_idx').on(t.phone, t.createdAt),
    uniqueIndex('join_applications_one_pending_key')
      .on(t.tenantId, t.personHash)
      .where(sql`${t.state} = 'pending'`),
  ],
);

/**
 * 动态接转: a membership moving to another union. Owned by the source tenant;
 * the target's path is copied so the target union finds it in its scope.
 */
export const transfers = pgTable(
  'transfers',
  {
    tenantId: tenantId(),
    id: identityId(),
    membershipId: id('membership_id').notNull(),
    personHash: bytea('person_hash').notNull(),
    name: varchar('name', { length: 50 }).notNull(),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    fromOrgId: id('from_org_id').notNull(),
    fromOrgPath: ltree('from_org_path').notNull(),
    toOrgId: id('to_org_id').notNull(),
    toOrgPath: ltree('to_org_path').notNull(),
    toTenantId: id('to_tenant_id').notNull(),
    state: varchar('state', { length: 24 }).$type<'requested' | 'source_confirmed' | 'completed' | 'refused' | 'cancelled'>().notNull(),
    requestedBy: varchar('requested_by', { length: 16 }).$type<'member' | 'source' | 'target'>().notNull(),
    trackingCode: varchar('tracking_code', { length: 32 }).notNull(),
    reason: text('reason'),
    /** The new employer, when the move follows a change of job. */
    employment: jsonb('employment'),
    newMembershipId: id('new_membership_id'),
    /** The member's phone's key for this request (the Idempotency-Key header), as on join applications. */
    idempotencyKey: varchar('idempotency_key', { length: 64 }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.membershipId], foreignColumns: [memberships.tenantId, memberships.id] }),
    index('transfers_from_path_gist').using('gist', t.fromOrgPath),
    index('transfers_to_path_gist').using('gist', t.toOrgPath),
    uniqueIndex('transfers_tracking_key').on(t.tenantId, t.trackingCode),
    // A person's transfers (a member's record, 我的会籍), in any tenant.
    index('transfers_person_idx').on(t.personHash),
    // Led by the key, as a resend is matched before its membership (and so the tenant) is known; with the
    // tenant, as a unique index on a distributed table must hold it (docs/scaling.md, Citus).
    uniqueIndex('transfers_idempotency_key')
      .on(t.idempotencyKey, t.tenantId)
      .where(sql`${t.idempotencyKey} is not null`),
    uniqueIndex('transfers_one_open_key')
      .on(t.tenantId, t.membershipId)
      .where(sql`${t.state} in ('requested', 'source_confirmed')`),
  ],
);

/** Keeps every copied org path of the registry right when a subtree moves (DESIGN §2). */
export const membersSubtreeMoved = pathCopies(memberships.orgPath, joinApplications.orgPath, transfers.fromOrgPath, transfers.toOrgPath);
