import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { bytea, id, identityId, ltree, tenantId, timestamps } from '../../../db/columns.js';
import type { EmploymentForm } from '../schema.js';

export const IMPORT_STATES = {
  uploaded: '读取中',
  ready: '待确认',
  committing: '提交中',
  committed: '已导入',
  failed: '失败',
} as const;
export type ImportState = keyof typeof IMPORT_STATES;

/** What the preview says about each line; only `new` lines become members on commit. */
export const ROW_OUTCOMES = {
  new: '新会员',
  transfer_needed: '须办理接转',
  already_member_here: '已是本会会员',
  duplicate_in_file: '文件内重复',
  rejected: '有误未导入',
} as const;
export type RowOutcome = keyof typeof ROW_OUTCOMES;

export type ImportCounts = Record<RowOutcome, number> & { total: number };

/**
 * One upload of a roster into one member-holding union: the preview lives in
 * `member_import_rows` until it is committed (all or nothing) or dropped; the
 * staged lines are then kept for a while and purged (members/retention.ts),
 * this row stays as the import's history.
 */
export const memberImports = pgTable(
  'member_imports',
  {
    tenantId: tenantId(),
    id: identityId(),
    orgId: id('org_id').notNull(),
    /** Copy of the union's path: the scope filter (DESIGN §2). */
    orgPath: ltree('org_path').notNull(),
    fileName: varchar('file_name', { length: 255 }).notNull(),
    format: varchar('format', { length: 8 }).$type<'xlsx' | 'csv'>().notNull(),
    state: varchar('state', { length: 16 }).$type<ImportState>().notNull(),
    /** Line of the header row and the columns recognised in it. */
    headerLine: integer('header_line'),
    columns: jsonb('columns').$type<{ recognised: string[]; ignored: string[] }>(),
    counts: jsonb('counts').$type<ImportCounts>(),
    /** Progress while reading, for the page to poll: rows read, bytes of the file read. */
    rowsRead: integer('rows_read').notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull().default(0),
    createdBy: id('created_by'),
    createdByName: varchar('created_by_name', { length: 50 }),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    /** When the retention job deleted the staged lines (members/retention.ts); the counts stay, the per-line report is gone. */
    linesPurgedAt: timestamp('lines_purged_at', { withTimezone: true }),
    error: text('error'),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('member_imports_path_gist').using('gist', t.orgPath), index('member_imports_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

/** Lines per import that `id` can number (xlsx holds at most 1,048,576 rows). */
export const LINES_PER_IMPORT = 2 ** 24;
/** The staging row id of a line: its import and line in one bigint, so the (tenant_id, id) key orders an import's lines. */
export const lineRowId = (importId: number, line: number) => importId * LINES_PER_IMPORT + line;

/**
 * One line of an uploaded roster, validated and classified. The resident ID
 * is kept as the persons table keeps it (keyed hash, cipher, masked), never
 * in clear. The key keeps the tenancy rule, (tenant_id, id), with id =
 * import_id × 2^24 + line: one index serves both the rule and (import, line)
 * lookups, and a million-line import maintains no other index or foreign key
 * (the lines go with their import; the service deletes them together).
 */
export const memberImportRows = pgTable(
  'member_import_rows',
  {
    tenantId: tenantId(),
    id: id().notNull(),
    importId: id('import_id').notNull(),
    line: integer('line').notNull(),
    outcome: varchar('outcome', { length: 24 }).$type<RowOutcome>().notNull(),
    reason: text('reason'),
    idHash: bytea('id_hash'),
    idCipher: bytea('id_cipher'),
    idMasked: varchar('id_masked', { length: 18 }),
    name: varchar('name', { length: 50 }),
    sex: varchar('sex', { length: 6 }).$type<'male' | 'female'>(),
    birthDate: date('birth_date'),
    phone: varchar('phone', { length: 11 }),
    employmentForm: varchar('employment_form', { length: 24 }).$type<EmploymentForm>(),
    employerName: varchar('employer_name', { length: 100 }),
    employerCreditCode: varchar('employer_credit_code', { length: 18 }),
    platformName: varchar('platform_name', { length: 50 }),
    joinedOn: date('joined_on'),
    /** Search tokens (platform/search-tokens) without the card number, which the commit adds. */
    searchDoc: text('search_doc'),
    /** For transfer_needed and already_member_here: the union the person is in now. */
    currentOrgId: id('current_org_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
