import { and, asc, count, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { cappedCount as countUpTo } from '../../platform/capped-count.js';
import { validationError } from '../../platform/errors.js';
import { canAt, subtreeRange, tenantScope } from '../../platform/scope.js';
import { loneHanCharacter, mayMatchMany, searchQuery } from '../../platform/search-tokens.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { disclosePerson, phoneFor, searchesByWholePhone } from './disclosure.js';
import { WHOLE_PHONE_TOKEN } from './person-fields.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, joinApplications, MEMBERSHIP_SOURCES, MEMBERSHIP_STATUSES, type MembershipStatus, memberships, NEW_FORMS, transfers } from './schema.js';
import { type MembershipRecord, type membershipWorkflow, OPEN_STATUSES, TRANSFER_STATES } from './workflow.js';

/**
 * The registry's list and detail reads, planned for a county of 10^6
 * memberships (docs/architecture.md, "The registry list at a million
 * members"): the scope as index conditions, a page's keys from the sort's
 * index before its rows, capped counts, and a search that reads its few
 * matches whole or walks the sort index for its many.
 */

/**
 * Registry lists count and page through at most this many rows: an exact
 * count over a county's million members, or an OFFSET deep into them, would
 * read them all (Elasticsearch's `max_result_window` is the same idea). The
 * export reaches every row.
 */
export const LIST_WINDOW = 10_000;
/**
 * A search counts and pages through fewer: a lone surname or a pinyin syllable
 * matches a tenth of a county, and each counted match is a row to read.
 */
export const SEARCH_WINDOW = 1_000;
/**
 * A search matching at most this many rows reads them all from the search
 * index and sorts them (fewMatchesPage); one matching more walks the sort
 * index, where a page of matches comes soon. Near 4,500 (√(20 × 10^6)) the two
 * cost the same for a first page in a county of a million.
 */
const FEW_MATCHES = 5_000;
/**
 * A broad search (broadSearchPage) walks at most this many of the sort's rows for its page: first
 * FIRST_PROBE_ROWS, then on where the matches met there say the page lies within PROBE_ROWS. Past the walk,
 * matches at least DENSE of the rows walked are met soon by the plain list's plan; sparser ones are read
 * from the GIN index. Its count (broadSearchCount) walks the newest WALK_COUNT_ROWS when a first walk says
 * the window's worth of matches lies within them. Measured at 10^6 members: docs/scaling.md, "Lists at a million rows".
 */
const PROBE_ROWS = 4_000;
const FIRST_PROBE_ROWS = 1_000;
const WALK_COUNT_ROWS = 12_500;
const DENSE = 0.01;

/**
 * The register's status groups besides a single status: `current`, the memberships held now (the membership
 * workflow's `open` states: 在会, 保留会籍) — the default, so a transferred-out membership does not list the
 * person twice — and `all`.
 */
export const MEMBER_STATUS_GROUPS = ['current', 'all'] as const;
export type MemberStatusFilter = MembershipStatus | (typeof MEMBER_STATUS_GROUPS)[number];

export interface MemberListQuery {
  q?: string;
  orgId?: number;
  /** Absent: `current` in the register; the list engine's other callers name a status or none. */
  status?: MemberStatusFilter;
  employmentForm?: EmploymentForm;
  newFormsOnly?: boolean;
  /** Part of the employer's or the platform's name. */
  employer?: string;
  joinedFrom?: string;
  joinedTo?: string;
  /** Only these memberships (rows selected on the page). */
  ids?: number[];
  sort?: 'joinedOn' | '-joinedOn' | 'name' | '-name';
  page: number;
  pageSize: number;
}

export type MemberListFilters = Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>;
type Page = { page: number; pageSize: number };
type MembershipRow = typeof memberships.$inferSelect;

/** What a member's record reads through the memberships (memberships.ts): the workflow, and the membership in the actor's scope. */
interface MembershipParts {
  workflow: ReturnType<typeof membershipWorkflow>;
  record: (membership: MembershipRow) => MembershipRecord;
  findMembership: (actor: Actor, id: number) => Promise<MembershipRow>;
}

const listColumns = {
  id: memberships.id,
  tenantId: memberships.tenantId,
  name: memberships.name,
  idMasked: memberships.idMasked,
  sex: memberships.sex,
  birthDate: memberships.birthDate,
  phone: memberships.phone,
  cardNo: memberships.cardNo,
  status: memberships.status,
  orgId: memberships.orgId,
  employmentForm: memberships.employmentForm,
  employerName: memberships.employerName,
  platformName: memberships.platformName,
  joinedOn: memberships.joinedOn,
  memberSince: memberships.memberSince,
  endedOn: memberships.endedOn,
  orgPath: memberships.orgPath,
};

const ORDER = {
  joinedOn: [asc(memberships.joinedOn), asc(memberships.id)],
  '-joinedOn': [desc(memberships.joinedOn), desc(memberships.id)],
  name: [asc(memberships.name), asc(memberships.id)],
  '-name': [desc(memberships.name), desc(memberships.id)],
} as const;

/** Rows after `last` in the list's order (keyset), so an export pages without OFFSET. */
const after = (sort: keyof typeof ORDER, last: { joinedOn: string; name: string; id: number }) => {
  const key = sort.endsWith('joinedOn') ? sql`(${memberships.joinedOn}, ${memberships.id})` : sql`(${memberships.name}, ${memberships.id})`;
  const value = sort.endsWith('joinedOn') ? sql`(${last.joinedOn}::date, ${last.id}::bigint)` : sql`(${last.name}::varchar, ${last.id}::bigint)`;
  return sort.startsWith('-') ? sql`${key} < ${value}` : sql`${key} > ${value}`;
};

/** A page beyond the window is refused: its OFFSET would walk the whole list; filters or the export reach further. */
export function checkWindow(page: Page, window: number) {
  if ((page.page - 1) * page.pageSize >= window) {
    throw validationError([{ field: 'page', reason: `列表只能翻阅前 ${window.toLocaleString('en-US')} 条，请用筛选条件缩小范围，或导出 Excel 查看全部` }]);
  }
}

/** The list engine: the scope, the filters, a page, a count. The registry's lists (below) and the deemed-withdrawal candidates (memberships.ts) use it. */
export function createListEngine(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'>; today: () => string }) {
  const { db, orgs, today } = ctx;

  /**
   * The actor's members.read scope as conditions on the list's indexes (scope.ts tenantScope): they all lead
   * with the tenant and carry the union's path. A detail or an action is then a primary-key lookup.
   */
  const memberScope = (actor: Actor, tx: Db = db) => tenantScope(actor, 'members.read', memberships, (path) => orgs.tenantIdsWithin(path, tx));

  /** A membership as the actor may see it (disclosure.ts), with its labels and its union's name. */
  const shown = <T extends { status: MembershipStatus; employmentForm: EmploymentForm; orgId: number; birthDate: string; phone: string | null; orgPath: string }>(
    actor: Actor,
    row: T,
    names: Map<number, string>,
  ) => ({
    ...disclosePerson(actor, today(), row),
    statusLabel: MEMBERSHIP_STATUSES[row.status],
    employmentFormLabel: EMPLOYMENT_FORMS[row.employmentForm],
    orgName: names.get(row.orgId) ?? '',
  });

  /**
   * The search box's condition on a search document column (the table's, or a subquery's), or null when the
   * text holds nothing to search for. Digits also match a whole phone number for whoever may search by it.
   */
  function searchMatcher(actor: Actor, q: string) {
    const byPhone = searchesByWholePhone(actor);
    const tsquery = searchQuery(q, { alternatives: (word) => (byPhone && /^\d+$/.test(word) ? [`${WHOLE_PHONE_TOKEN}${word}`] : []) });
    return tsquery ? (column: SQL | AnyPgColumn) => sql`${column} @@ to_tsquery('simple', ${tsquery})` : null;
  }

  /** The list's WHERE: the scope (memberScope), then the filters. Null when nothing can match. */
  function listFilters(actor: Actor, query: MemberListFilters, scope: SQL, orgPath?: string): SQL[] | null {
    const filters: SQL[] = [scope];
    if (orgPath) filters.push(subtreeRange(memberships.orgPath, orgPath));
    if (query.q) {
      const matches = searchMatcher(actor, query.q);
      if (!matches) return null;
      filters.push(matches(memberships.search));
    }
    // `current` is two values of the status column, which every list index carries (an IN of two ranges on the status index).
    if (query.status === 'current') filters.push(inArray(memberships.status, OPEN_STATUSES));
    else if (query.status && query.status !== 'all') filters.push(eq(memberships.status, query.status));
    if (query.employmentForm) filters.push(eq(memberships.employmentForm, query.employmentForm));
    if (query.newFormsOnly) filters.push(inArray(memberships.employmentForm, [...NEW_FORMS]));
    if (query.employer) {
      // Not in the search index (see memberSearchDocument): a scan of the rows the other filters leave.
      const pattern = `%${query.employer.replace(/[\\%_]/g, '\\$&')}%`;
      filters.push(or(ilike(memberships.employerName, pattern), ilike(memberships.platformName, pattern))!);
    }
    if (query.joinedFrom) filters.push(gte(memberships.joinedOn, query.joinedFrom));
    if (query.joinedTo) filters.push(lte(memberships.joinedOn, query.joinedTo));
    if (query.ids) filters.push(inArray(memberships.id, query.ids));
    return filters;
  }

  /**
   * One page in the list's order. The keys come first, from the sort's index
   * (index-only when the filters are among its columns: scope, status, form,
   * dates), then only the page's rows are read, by primary key.
   */
  async function listPage(where: SQL, order: readonly SQL[], page: Page) {
    const keys = db
      .select({ tenantId: memberships.tenantId, id: memberships.id })
      .from(memberships)
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .as('page_keys');
    return db
      .select({ ...listColumns, lastDuesOn: memberships.lastDuesOn, lastActivityOn: memberships.lastActivityOn })
      .from(memberships)
      .innerJoin(keys, and(eq(memberships.tenantId, keys.tenantId), eq(memberships.id, keys.id)))
      .orderBy(...order);
  }

  /** How many members match, counted up to a window (platform/capped-count.ts). */
  const cappedCount = (where: SQL, window: number, upTo = window) => countUpTo(db, memberships, where, window, upTo);

  return { memberScope, shown, searchMatcher, listFilters, listPage, cappedCount };
}

export type ListEngine = ReturnType<typeof createListEngine>;

/** The registry: its list, the export's rows and count, a member's record (with the consent behind the membership). */
export function createMemberQueries(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'>; workflow: WorkflowEngine }, lists: ListEngine, parts: MembershipParts) {
  const { db, orgs, workflow } = ctx;
  const { memberScope, shown, searchMatcher, listFilters, listPage, cappedCount } = lists;
  const membershipFlow = parts.workflow;

  /** The WHERE of the registry list (scope and filters), shared by the list and the export; null when nothing can match. */
  async function listWhere(actor: Actor, query: MemberListFilters) {
    const [scope, org] = await Promise.all([memberScope(actor), query.orgId ? orgs.byId(query.orgId) : undefined]);
    if (query.orgId && !org) throw validationError([{ field: 'orgId', reason: '组织不存在' }]);
    const filters = listFilters(actor, { ...query, status: query.status ?? 'current' }, scope, org?.path);
    return filters ? and(...filters)! : null;
  }

  /** The list's WHERE without its search, and the search's condition (none without `q`); null when nothing can match. */
  async function searchParts(actor: Actor, query: MemberListFilters) {
    const base = await listWhere(actor, { ...query, q: undefined });
    const matches = query.q ? searchMatcher(actor, query.q) : undefined;
    return base && matches !== null ? { base, matches } : null;
  }

  /**
   * A page of a search with few matches (FEW_MATCHES at most): all of them from the search index,
   * sorted, then the page's rows by key. A materialized CTE, so the planner
   * cannot turn it into a walk of the sort index checking each row, which the
   * estimate of a rare term (an ID's last digits, a full name) can tempt it into.
   */
  async function fewMatchesPage(where: SQL, sort: keyof typeof ORDER, page: Page) {
    const order = { joinedOn: sql`joined_on, id`, '-joinedOn': sql`joined_on desc, id desc`, name: sql`name, id`, '-name': sql`name desc, id desc` }[sort];
    const keys = await queryRows<{ tenant_id: number | string; id: number | string }>(
      db,
      sql`with matches as materialized (select ${memberships.tenantId}, ${memberships.id}, ${memberships.joinedOn}, ${memberships.name} from ${memberships} where ${where})
          select tenant_id, id from matches order by ${order} limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
    );
    return rowsByKeys(keys);
  }

  /** A page's rows by their keys, in the keys' order. */
  async function rowsByKeys(keys: readonly { tenant_id: number | string; id: number | string }[]) {
    if (keys.length === 0) return [];
    const rows = await db
      .select({ ...listColumns, lastDuesOn: memberships.lastDuesOn, lastActivityOn: memberships.lastActivityOn })
      .from(memberships)
      .where(and(inArray(memberships.tenantId, [...new Set(keys.map((k) => Number(k.tenant_id)))]), inArray(memberships.id, keys.map((k) => Number(k.id)))));
    const byKey = new Map(rows.map((r) => [`${r.tenantId}-${r.id}`, r]));
    return keys.flatMap((k) => byKey.get(`${k.tenant_id}-${k.id}`) ?? []);
  }

  type Matcher = NonNullable<ReturnType<typeof searchMatcher>>;

  /** A row met walking the sort's index: a match (`hit`), or the walk's last row, where a further walk goes on from. */
  type Walked = { tenant_id: number | string; id: number | string; joined_on: string; name: string; rn: number | string; hit: boolean };

  /**
   * The first `needed` matches among the next `rows` rows of the sort's index after `from` (each row's
   * document checked), and the last row walked when fewer matched: a broad search's page, and how dense its
   * matches are. No last row and fewer matches: the scope has no more rows.
   */
  const walk = (base: SQL, matches: Matcher, sort: keyof typeof ORDER, rows: number, needed: number, from?: Walked) => {
    const order = sql.join([...ORDER[sort]], sql`, `);
    const where = from ? and(base, after(sort, { joinedOn: from.joined_on, name: from.name, id: Number(from.id) }))! : base;
    return queryRows<Walked>(
      db,
      sql`select tenant_id, id, joined_on, name, rn, hit from (
            select ${memberships.tenantId}, ${memberships.id}, ${memberships.joinedOn}::text as joined_on, ${memberships.name}, ${matches(memberships.search)} as hit,
              row_number() over (order by ${order}) as rn
            from ${memberships} where ${where} order by ${order} limit ${rows}) walk
          where hit or rn = ${rows} limit ${needed + 1}`,
    );
  };

  /**
   * A page of a search that may match a tenth of the county (`mayMatchMany`: what a search box holds
   * mid-typing — one character, a syllable, two initials). Counting its matches from the GIN index first, as
   * other searches do, reads every posting list the prefix expands to (10^4–10^5 rows: `li:*` is thousands of
   * lexemes) before the first is returned. Instead the sort's index is walked in the list's order, checking
   * each row's document: a short walk, then on from its last row where the matches met say the page lies
   * within PROBE_ROWS. A page found there is the page (`keys`); a walk that reaches the scope's last row has
   * counted it too (`total`). Past the walk, dense matches are met walking on (`keys: null`: the plain list's
   * plan), and sparse ones are left to the GIN index (null).
   */
  async function broadSearchPage(base: SQL, matches: Matcher, sort: keyof typeof ORDER, page: Page) {
    const needed = page.page * page.pageSize;
    const hits: Walked[] = [];
    let rows = 0;
    let from: Walked | undefined;
    for (const stretch of [FIRST_PROBE_ROWS, PROBE_ROWS - FIRST_PROBE_ROWS]) {
      const walked = await walk(base, matches, sort, stretch, needed - hits.length, from);
      hits.push(...walked.filter((row) => row.hit).slice(0, needed - hits.length));
      from = walked.find((row) => Number(row.rn) === stretch);
      if (hits.length === needed) return { keys: hits.slice(needed - page.pageSize) };
      // No row left to walk: every match of the scope is among those met.
      if (!from) return { keys: hits.slice(needed - page.pageSize), total: hits.length };
      rows += stretch;
      // Most three-letter initials and many syllables are sparse: walking on would find no page.
      if (hits.length === 0 || (needed * rows) / hits.length > PROBE_ROWS) break;
    }
    return hits.length / rows >= DENSE ? { keys: null } : null;
  }

  /**
   * A broad search's count, up to the window. A lone surname: its members lie together in the name index,
   * and a name holds each of its characters as a token, so a window's worth of them proves "1,000+" without
   * the posting list (whatever the collation: the range only finds them, the first character decides). Else
   * by walking the newest WALK_COUNT_ROWS rows (the ones a registry reads most, hot in the cache) when a first
   * walk measures the window's worth of matches within them; else — or when either falls short — from the
   * GIN index.
   */
  async function broadSearchCount(base: SQL, matches: Matcher, window: number, q: string) {
    const han = loneHanCharacter(q);
    if (han) {
      // The range's rows, then their first characters: a condition on those inside the limit would make the planner expect few rows and read them all.
      const range = and(base, gte(memberships.name, han), lt(memberships.name, String.fromCodePoint(han.codePointAt(0)! + 1)))!;
      const [{ n }] = await queryRows<{ n: number }>(
        db,
        sql`select (count(*) filter (where left(name, 1) = ${han}))::int as n from (select ${memberships.name} from ${memberships} where ${range} limit ${window + 1}) surnamed`,
      );
      if (n > window) return { total: window, totalCapped: true, matches: n };
    }
    const density = (await walk(base, matches, '-joinedOn', FIRST_PROBE_ROWS, FIRST_PROBE_ROWS)).filter((row) => row.hit).length / FIRST_PROBE_ROWS;
    if (density > 0 && (window + 1) / density <= WALK_COUNT_ROWS) {
      const [{ n }] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (
              select 1 from (select ${memberships.search} from ${memberships} where ${base} order by ${sql.join([...ORDER['-joinedOn']], sql`, `)} limit ${WALK_COUNT_ROWS}) walk
              where ${matches(sql`walk.search`)} limit ${window + 1}) c`,
      );
      if (n > window) return { total: window, totalCapped: true, matches: n };
    }
    return cappedCount(and(base, matches(memberships.search))!, window);
  }

  /**
   * The consent to the join notice behind a membership, and the way it was given: online on the
   * application, on the paper form at the desk (staff entry), carried over by transfers from the membership
   * they started from. A roster import records none: the signed forms stay in the union's files.
   */
  async function consentOf(membership: MembershipRow, personTransfers: (typeof transfers.$inferSelect)[]) {
    let origin = membership;
    // Back along the completed transfers that opened each membership (a chain, so at most one per step).
    for (let steps = 0; origin.source === 'transfer' && steps < personTransfers.length; steps++) {
      const from = personTransfers.find((t) => t.state === 'completed' && t.toTenantId === origin.tenantId && t.newMembershipId === origin.id);
      if (!from) break;
      const [previous] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.tenantId, from.tenantId), eq(memberships.id, from.membershipId)));
      if (!previous) break;
      origin = previous;
    }
    let given: { version: string; at: Date } | null = null;
    if (origin.source === 'staff' && origin.consentVersion && origin.consentAt) given = { version: origin.consentVersion, at: origin.consentAt };
    if (origin.source === 'online') {
      const [application] = await db
        .select({ version: joinApplications.consentVersion, at: joinApplications.consentAt })
        .from(joinApplications)
        .where(and(eq(joinApplications.tenantId, origin.tenantId), eq(joinApplications.membershipId, origin.id), eq(joinApplications.state, 'approved')));
      given = application ?? null;
    }
    return {
      via: origin.source,
      viaLabel: MEMBERSHIP_SOURCES[origin.source],
      version: given?.version ?? null,
      at: given?.at ?? null,
      viaTransfer: origin !== membership,
    };
  }

  return {
    /**
     * A page of the registry; `total` is exact up to LIST_WINDOW (SEARCH_WINDOW
     * for a search), beyond it capped (`totalCapped`), and null for a broad search
     * (`mayMatchMany`), whose count `totalOf` gives.
     */
    async list(actor: Actor, query: MemberListQuery) {
      const window = query.q ? SEARCH_WINDOW : LIST_WINDOW;
      checkWindow(query, window);
      const parts = await searchParts(actor, query);
      if (!parts) return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
      const { base, matches } = parts;
      const where = matches ? and(base, matches(memberships.search))! : base;
      const sort = query.sort ?? '-joinedOn';
      let rows: Awaited<ReturnType<typeof listPage>>;
      let counted: Awaited<ReturnType<typeof cappedCount>> | null;
      const broad = matches && mayMatchMany(query.q!) ? await broadSearchPage(base, matches, sort, query) : null;
      if (broad) {
        // The page without its count unless the walk met every row: counting a broad term costs several times
        // its page, so the page answers at once and `total` follows from GET /api/members/count (totalOf).
        rows = broad.keys ? await rowsByKeys(broad.keys) : await listPage(where, ORDER[sort], query);
        counted = broad.total === undefined ? null : { total: broad.total, totalCapped: false, matches: broad.total };
      } else if (matches) {
        // The count first, a little beyond the window: it says whether the matches are few enough to read whole,
        // or so many that walking the sort index meets a page of them soon. The planner cannot tell: a prefix's
        // matches are estimated from the statistics of whole lexemes.
        counted = await cappedCount(where, window, FEW_MATCHES);
        rows = counted.matches <= FEW_MATCHES ? await fewMatchesPage(where, sort, query) : await listPage(where, ORDER[sort], query);
      } else {
        [rows, counted] = await Promise.all([listPage(where, ORDER[sort], query), cappedCount(where, window)]);
      }
      const names = await orgs.namesByIds(rows.map((r) => r.orgId));
      return {
        items: rows.map(({ lastDuesOn: _dues, lastActivityOn: _activity, ...r }) => shown(actor, r, names)),
        total: counted?.total ?? null,
        totalCapped: counted?.totalCapped ?? false,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** The list's `total` and `totalCapped` with these filters, counted as the list counts (for a list that answered without them). */
    async totalOf(actor: Actor, query: MemberListFilters) {
      const parts = await searchParts(actor, query);
      if (!parts) return { total: 0, totalCapped: false };
      const { base, matches } = parts;
      let counted: Awaited<ReturnType<typeof cappedCount>>;
      if (!matches) counted = await cappedCount(base, LIST_WINDOW);
      else if (mayMatchMany(query.q!)) counted = await broadSearchCount(base, matches, SEARCH_WINDOW, query.q!);
      else counted = await cappedCount(and(base, matches(memberships.search))!, SEARCH_WINDOW);
      return { total: counted.total, totalCapped: counted.totalCapped };
    },

    /** How many rows the list would show in all, with the same filters (for the export's audit row). */
    async count(actor: Actor, query: MemberListFilters) {
      const where = await listWhere(actor, query);
      if (!where) return 0;
      const [{ total }] = await db.select({ total: count() }).from(memberships).where(where);
      return total;
    },

    /** Every row of the list with these filters, in its order, one page at a time (keyset paging: never all in memory). */
    async *pages(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize'>, pageSize = 2000) {
      const where = await listWhere(actor, query);
      if (!where) return;
      const sort = query.sort ?? '-joinedOn';
      let last: { joinedOn: string; name: string; id: number } | null = null;
      for (;;) {
        const rows = await db
          .select(listColumns)
          .from(memberships)
          .where(last ? and(where, after(sort, last)) : where)
          .orderBy(...ORDER[sort])
          .limit(pageSize);
        if (rows.length === 0) return;
        const names = await orgs.namesByIds(rows.map((r) => r.orgId));
        yield rows.map((r) => shown(actor, r, names));
        if (rows.length < pageSize) return;
        last = rows[rows.length - 1];
      }
    },

    async detail(actor: Actor, id: number) {
      const membership = await parts.findMembership(actor, id);
      const readable = (orgPath: string) => canAt(actor, 'members.read', orgPath);
      const [history, personTransfers, others] = await Promise.all([
        workflow.timeline(db, membershipFlow, membership.tenantId, membership.id),
        db
          .select()
          .from(transfers)
          .where(eq(transfers.personHash, membership.personHash))
          .orderBy(desc(transfers.createdAt)),
        db
          .select(listColumns)
          .from(memberships)
          .where(and(eq(memberships.personHash, membership.personHash), sql`${memberships.id} <> ${membership.id}`))
          .orderBy(desc(memberships.joinedOn)),
      ]);
      // The person's memberships and transfers elsewhere are not sent at all: 会龄 (memberSince) carries their
      // years, and a transfer out names the union it went to on the membership it closed (endReason).
      const otherMemberships = others.filter((m) => readable(m.orgPath));
      const transferRows = personTransfers.filter((t) => readable(t.fromOrgPath) || readable(t.toOrgPath));
      const names = await orgs.namesByIds([membership.orgId, ...otherMemberships.map((m) => m.orgId), ...transferRows.flatMap((t) => [t.fromOrgId, t.toOrgId])]);
      return {
        ...shown(actor, membership, names),
        employerCreditCode: membership.employerCreditCode,
        endReason: membership.endReason,
        lastDuesOn: membership.lastDuesOn,
        lastActivityOn: membership.lastActivityOn,
        source: membership.source,
        consent: await consentOf(membership, personTransfers),
        version: membership.version,
        canRevealId: canAt(actor, 'members.reveal_id', membership.orgPath),
        allowedActions: workflow.allowedActions(membershipFlow, actor, parts.record(membership)),
        // A phone changed by 修改会员信息 is shown in the history as the member's phone is shown (disclosure.ts).
        history: history.map((entry) =>
          entry.action === 'update_details' && typeof (entry.payload as { phone?: unknown } | null)?.phone === 'string'
            ? { ...entry, payload: { ...(entry.payload as object), phone: phoneFor(actor, membership.orgPath, (entry.payload as { phone: string }).phone) } }
            : entry,
        ),
        previousMemberships: otherMemberships.map((m) => shown(actor, m, names)),
        transfers: transferRows.map((t) => ({
          id: t.id,
          state: t.state,
          stateLabel: TRANSFER_STATES[t.state].label,
          fromOrgName: names.get(t.fromOrgId) ?? '',
          toOrgName: names.get(t.toOrgId) ?? '',
          createdAt: t.createdAt,
        })),
      };
    },
  };
}
