import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, identityId, ltree, timestamps, version } from '../../db/columns.js';
import { orgs } from '../org-tree/schema.js';
import type { Role } from './roles.js';

/**
 * Staff accounts. A reference table like the org tree (tens of thousands of
 * accounts in a province). A worker who signs in by code (service.ts signInWithCode) has one too, made at
 * the first sign-in: the `worker` role at the union, the number in `phone`, no usable password.
 */
export const users = pgTable(
  'users',
  {
    id: identityId().primaryKey(),
    username: varchar('username', { length: 50 }).notNull(),
    displayName: varchar('display_name', { length: 50 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    homeOrgId: id('home_org_id')
      .notNull()
      .references(() => orgs.id),
    phone: varchar('phone', { length: 20 }),
    /**
     * A worker's account: the keyed hash of the person it belongs to (the members module's `persons.id_hash`),
     * which makes their own membership theirs to read (我的会籍). No foreign key: persons is a keyed table.
     */
    personHash: bytea('person_hash'),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    index('users_home_org_idx').on(t.homeOrgId),
    uniqueIndex('users_person_key')
      .on(t.personHash)
      .where(sql`${t.personHash} is not null`),
    // A worker's sign-in by code finds the account by its number.
    index('users_phone_idx').on(t.phone),
  ],
);

/** A role held at an org; it reaches the org's whole subtree. */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: identityId().primaryKey(),
    userId: id('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: id('org_id')
      .notNull()
      .references(() => orgs.id),
    role: varchar('role', { length: 32 }).$type<Role>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('role_grants_user_org_role_key').on(t.userId, t.orgId, t.role), index('role_grants_org_idx').on(t.orgId)],
);

/** Server-side sessions; the cookie holds a random token, the row its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: id('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    ip: varchar('ip', { length: 64 }),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * One counter that moves whenever something a session resolves to may have changed: a grant, an account's
 * name, state or password, an org's name, path or state. Triggers move it (the migration), at commit and once
 * per transaction, so no write path can forget; every instance compares it with the value its cached sessions
 * were read under (accounts/session-cache.ts).
 */
export const authEpoch = pgTable(
  'auth_epoch',
  {
    id: smallint('id').primaryKey().default(1),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('auth_epoch_single_row', sql`${t.id} = 1`)],
);

/** Every sign-in attempt: the login log of the admin console, and the throttle's memory. */
export const loginLog = pgTable(
  'login_log',
  {
    id: identityId().primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    username: varchar('username', { length: 50 }).notNull(),
    userId: id('user_id'),
    /** Path of the user's home org, so staff see only their subtree's log. */
    orgPath: ltree('org_path'),
    ip: varchar('ip', { length: 64 }),
    userAgent: text('user_agent'),
    success: boolean('success').notNull(),
    reason: varchar('reason', { length: 100 }),
  },
  (t) => [index('login_log_at_idx').on(t.at), index('login_log_ip_at_idx').on(t.ip, t.at), index('login_log_user_at_idx').on(t.username, t.at)],
);

/**
 * Failed sign-ins per account name and per address, and until when the next
 * attempt must wait (login-throttle.ts). Keyed by its own key: one row per
 * name or address that failed lately, names that exist or not alike.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: varchar('key', { length: 120 }).primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});
