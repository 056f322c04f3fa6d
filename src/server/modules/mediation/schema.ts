import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, pgTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { id, identityId, ltree, tenantId, timestamps, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

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
 * scope filters need no join. Its cases (cases.ts) belong to it.
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

export const mediationSubtreeMoved = pathCopies(mediationStudios.orgPath);
