import { and, count, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type Db, gather, isUniqueViolation } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { conflict, notFound, validationError } from '../../../platform/errors.js';
import { anyRolePaths, canAt, isWithin, requireAt, requirePaths, tenantScope } from '../../../platform/scope.js';
import { ORG_TYPES, type OrgType } from '../../../platform/org-tree/schema.js';
import { pathCopies } from '../../../platform/org-tree/paths.js';
import type { OrgRow, OrgService } from '../../../platform/org-tree/service.js';
import { chineseDate } from '../../../platform/beijing-time.js';
import { compositionByBranch, newMembersByBranch } from '../report-queries.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, MEMBERSHIP_STATUSES, type MembershipStatus, NEW_FORMS } from '../schema.js';
import { OPEN_STATUSES } from '../workflow.js';
import { MEMBER_HOLDING_TYPES } from '../unions.js';
import {
  addMembers,
  emptyByForm,
  emptyFigures,
  halfMonthOf,
  isDay,
  isEmpty,
  isMonth,
  isPeriodEnd,
  monthOf,
  rank,
  ratesOf,
  scoreOf,
  sumFigures,
  sumTargets,
  weekOf,
  yearOf,
  yearStart,
} from './calc.js';
import { memberBulletins, membershipTargets } from './schema.js';
import type { BulletinRow, BulletinSummaryRow, Figures, Measures } from './types.js';

/**
 * 建会入会 reports (the Tianjin supervision rules, seeds/004): 周报告, 半月通报
 * with its ranking and the "last twice running" flag, 月例会 figures, targets
 * per district, and the composition of a subtree's membership.
 *
 * The districts of an org are its direct children one territorial level down:
 * a county ranks its towns and streets, a city its counties. Unions directly
 * under the issuing org (e.g. a county-wide joint union) count in its totals
 * as 直属单位 but are not ranked.
 *
 * A town (or a union) ranks no districts: its reports show its own progress
 * against the target its parent set for it, its direct units as unranked
 * rows, and the bulletins of its parent that rank it (read-only).
 */

/** Which children an org ranks. */
const DISTRICT_TYPE: Partial<Record<OrgType, OrgType>> = { national: 'province', province: 'city', city: 'county', county: 'town' };
/** How documents address those districts. */
const DISTRICT_LABEL: Partial<Record<OrgType, string>> = { national: '省（区、市）', province: '市', city: '县（市、区）', county: '镇（街道）' };

/** Whether an org ranks districts; one that does not (a town, a union) reports its own progress instead. */
const ranksDistricts = (org: Pick<OrgRow, 'type'>) => DISTRICT_TYPE[org.type] !== undefined;

/** What an org that ranks no districts cannot do, and who does it instead. */
const NO_BULLETIN = '不能发布半月通报：半月通报由上级工会发布（县级工会排名所辖镇（街道），市级工会排名所辖县（市、区））';
const NO_TARGETS = '不能设定目标任务：本单位的年度目标任务由上级工会下达';

/** pg_advisory_xact_lock class for issuing bulletins: one issuer per org at a time. */
const BULLETIN_LOCK = 7301;

export interface MemberReportDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'childrenOf' | 'tenantIdsWithin' | 'foundedByBranch'>;
  today: () => string;
}

export interface TargetInput extends Measures {
  districtId: number;
}

const orgRef = (org: OrgRow) => ({
  id: org.id,
  name: org.name,
  type: org.type,
  typeLabel: ORG_TYPES[org.type],
  districtLabel: DISTRICT_LABEL[org.type] ?? '下级单位',
  ranksDistricts: ranksDistricts(org),
  /** The line of what is in no row: units directly under a ranking org, or an unranking org's own (a union's own members). */
  directLabel: ranksDistricts(org) ? '直属单位' : '本级',
});

export const bulletinTitle = (b: { orgName: string; issueNo: number }) => `${b.orgName}关于建会入会工作进展情况的通报（第${b.issueNo}期）`;

/** Keeps the reports' path copies right when a subtree moves (wired into the org service). */
/** Keeps the copied district and issuer paths right when a subtree moves. */
export const memberReportsSubtreeMoved = pathCopies(membershipTargets.districtPath, memberBulletins.orgPath);

export function createMemberReportService(deps: MemberReportDeps) {
  const { db, today } = deps;

  /**
   * The org a report is about. No report permission anywhere: 403. An org
   * outside everything the actor can see: 404, as if it did not exist. Seen but
   * without the permission there: 403.
   */
  async function reportOrg(actor: Actor, orgId: number, permission: 'reports.read' | 'reports.manage', tx: Db = db) {
    requirePaths(actor, 'reports.read');
    const org = await deps.orgs.byId(orgId, tx);
    if (!org || !anyRolePaths(actor).some((p) => isWithin(org.path, p))) throw notFound('组织', 'organisation');
    requireAt(actor, permission, org.path);
    return org;
  }

  /**
   * The rows of an org's figures: the districts it ranks (active ones), or, for an org that ranks none, all
   * its direct units, unranked and without targets of their own (a dissolved one shows only with figures).
   */
  async function rowsOf(org: OrgRow, tx: Db = db) {
    const type = DISTRICT_TYPE[org.type];
    const children = await deps.orgs.childrenOf(org.id, tx);
    return type ? children.filter((c) => c.type === type && c.active) : children;
  }

  /** The districts an org ranks, for what only a ranking org does (`refusal`: what an org that ranks none cannot do). */
  async function districtsOf(org: OrgRow, refusal: string, tx: Db = db) {
    if (!ranksDistricts(org)) {
      const reason = `${org.name}是${ORG_TYPES[org.type]}，没有下辖的县（市、区）或镇（街道）可供排名，${refusal}`;
      throw validationError([{ field: 'orgId', reason }], `${reason}。`);
    }
    return rowsOf(org, tx);
  }

  /** A row is shown while its org is active, and after that only with figures to show. */
  const shown = (row: OrgRow, ...figures: Figures[]) => row.active || figures.some((f) => !isEmpty(f));

  function checkDay(value: string, field: string) {
    if (!isDay(value)) throw validationError([{ field, reason: '不是有效的日期（YYYY-MM-DD）' }]);
  }

  /** The three measures for a date range, per district, for the 直属 units and for the whole subtree. */
  async function figuresOf(tx: Db, org: OrgRow, districts: OrgRow[], tenantIds: number[], range: { from: string; to: string }) {
    const [unions, members] = await gather(tx, [
      () => deps.orgs.foundedByBranch(org.path, range, MEMBER_HOLDING_TYPES, tx),
      () => newMembersByBranch(tx, { rootPath: org.path, tenantIds }, range),
    ]);
    const byPath = new Map(districts.map((d) => [d.path, emptyFigures()]));
    const direct = emptyFigures();
    for (const u of unions) (byPath.get(u.branch) ?? direct).newUnions += Number(u.n);
    for (const m of members) addMembers(byPath.get(m.branch) ?? direct, m.employmentForm, Number(m.n));
    return {
      of: (district: OrgRow) => byPath.get(district.path)!,
      direct,
      total: sumFigures([...byPath.values(), direct]),
    };
  }

  async function targetRows(tx: Db, districts: OrgRow[], year: number) {
    if (districts.length === 0) return new Map<number, typeof membershipTargets.$inferSelect>();
    const rows = await tx
      .select()
      .from(membershipTargets)
      .where(
        and(
          inArray(membershipTargets.tenantId, [...new Set(districts.map((d) => d.tenantId))]),
          inArray(
            membershipTargets.districtOrgId,
            districts.map((d) => d.id),
          ),
          eq(membershipTargets.year, year),
        ),
      );
    return new Map(rows.map((r) => [r.districtOrgId, r]));
  }

  const measuresOf = (row: Measures | undefined): Measures | null => (row ? { newUnions: row.newUnions, newMembers: row.newMembers, newFormMembers: row.newFormMembers } : null);

  async function targetsOf(tx: Db, districts: OrgRow[], year: number) {
    const rows = await targetRows(tx, districts, year);
    return (district: OrgRow) => measuresOf(rows.get(district.id));
  }

  /**
   * A year's targets of an org's figures: each row's and the total's. A ranking org's rows are its districts
   * and its total target their sum; an org that ranks none has the target its parent set for it, its units none.
   */
  async function targetsFor(tx: Db, org: OrgRow, rows: OrgRow[], year: number) {
    if (ranksDistricts(org)) {
      const of = await targetsOf(tx, rows, year);
      return { of, total: sumTargets(rows.map(of)) };
    }
    return { of: (): Measures | null => null, total: measuresOf((await targetRows(tx, [org], year)).get(org.id)) };
  }

  /** The figures' line of what is in no row: always for a ranking org (直属单位), for another only when it has any (本级). */
  const directLine = <T extends Record<string, Figures>>(org: OrgRow, line: T): T | null => (ranksDistricts(org) || Object.values(line).some((f) => !isEmpty(f)) ? line : null);

  /** Year-to-date standings of the districts, ranked. */
  function standings(districts: OrgRow[], ytd: (d: OrgRow) => Figures, target: (d: OrgRow) => Measures | null) {
    return rank(
      districts.map((d) => {
        const rates = ratesOf(ytd(d), target(d));
        return { districtId: d.id, districtName: d.name, ytd: ytd(d), target: target(d), rates, score: scoreOf(rates) };
      }),
    );
  }

  function summary(period: Figures, ytd: Figures, target: Measures | null): BulletinSummaryRow {
    return { period, ytd, target, rates: ratesOf(ytd, target) };
  }

  async function targetsView(actor: Actor, org: OrgRow, year: number, tx: Db = db) {
    const ranks = ranksDistricts(org);
    const districts = ranks ? await rowsOf(org, tx) : [];
    const rows = await targetRows(tx, districts, year);
    return {
      org: orgRef(org),
      year,
      canManage: ranks && canAt(actor, 'reports.manage', org.path),
      items: districts.map((d) => {
        const row = rows.get(d.id);
        return { districtId: d.id, districtName: d.name, target: measuresOf(row), setByName: row?.setByName ?? null, updatedAt: row?.updatedAt ?? null };
      }),
      own: ranks ? null : await ownTarget(org, year, tx),
    };
  }

  /** An org that ranks no districts: the year's target its parent set for it, and what it has achieved so far. */
  async function ownTarget(org: OrgRow, year: number, tx: Db) {
    const asOf = today();
    const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    const [rows, parent, tenantIds] = await gather(tx, [
      () => targetRows(tx, [org], year),
      () => (org.parentId ? deps.orgs.byId(org.parentId, tx) : Promise.resolve(undefined)),
      () => deps.orgs.tenantIdsWithin(org.path, tx),
    ]);
    const row = rows.get(org.id);
    const target = measuresOf(row);
    // A year not begun yet has achieved nothing (the range is empty).
    const ytd = (await figuresOf(tx, org, [], tenantIds, { from: yearStart(year), to })).total;
    return { parentName: parent?.name ?? null, target, setByName: row?.setByName ?? null, updatedAt: row?.updatedAt ?? null, asOf: to, ytd, rates: ratesOf(ytd, target) };
  }

  /** A bulletin's ranking as of its period end, with the flag read from the previous bulletin of the same org. */
  async function computeBulletin(tx: Db, org: OrgRow, periodEnd: string) {
    const period = halfMonthOf(periodEnd);
    const year = yearOf(periodEnd);
    const districts = await districtsOf(org, NO_BULLETIN, tx);
    const tenantIds = await deps.orgs.tenantIdsWithin(org.path, tx);
    const [inPeriod, ytd, target, [previous]] = await gather(tx, [
      () => figuresOf(tx, org, districts, tenantIds, { from: period.start, to: period.end }),
      () => figuresOf(tx, org, districts, tenantIds, { from: yearStart(year), to: period.end }),
      () => targetsOf(tx, districts, year),
      () =>
        tx
          .select({ id: memberBulletins.id, issueNo: memberBulletins.issueNo, periodEnd: memberBulletins.periodEnd, rows: memberBulletins.rows })
          .from(memberBulletins)
          .where(and(eq(memberBulletins.tenantId, org.tenantId), eq(memberBulletins.orgId, org.id), lt(memberBulletins.periodEnd, period.end)))
          .orderBy(desc(memberBulletins.periodEnd))
          .limit(1),
    ]);
    const lastBefore = new Set((previous?.rows ?? []).filter((r) => r.last).map((r) => r.districtId));
    const byId = new Map(districts.map((d) => [d.id, d]));
    const rows: BulletinRow[] = standings(districts, ytd.of, target).map((s) => ({
      ...s,
      period: inPeriod.of(byId.get(s.districtId)!),
      flagged: s.last && lastBefore.has(s.districtId),
    }));
    const totalTarget = sumTargets(rows.map((r) => r.target));
    return {
      year,
      period,
      rows,
      direct: summary(inPeriod.direct, ytd.direct, null),
      total: summary(inPeriod.total, ytd.total, totalTarget),
      previous: previous ? { id: previous.id, issueNo: previous.issueNo, periodEnd: previous.periodEnd } : null,
    };
  }

  function bulletinView(b: typeof memberBulletins.$inferSelect, org: Pick<OrgRow, 'type'> | undefined) {
    return {
      id: b.id,
      orgId: b.orgId,
      orgName: b.orgName,
      districtLabel: (org && DISTRICT_LABEL[org.type]) ?? '下级单位',
      title: bulletinTitle(b),
      year: b.year,
      issueNo: b.issueNo,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      issuedAt: b.issuedAt,
      issuedByName: b.issuedByName,
      lastNames: b.rows.filter((r) => r.last).map((r) => r.districtName),
      flaggedNames: b.rows.filter((r) => r.flagged).map((r) => r.districtName),
      rows: b.rows,
      direct: b.direct,
      total: b.total,
    };
  }

  /**
   * The bulletins that rank the org at `path`: its parent's, with the org among the ranked rows. A bulletin
   * is circulated to those it ranks, so their staff read it (every district's row, as circulated).
   */
  async function rankingBulletins(path: string): Promise<SQL> {
    // Paths are org ids: the org's own label last, its parent's before it.
    const [parentId, orgId] = path.split('.').slice(-2).map(Number);
    const parent = path.includes('.') ? await deps.orgs.byId(parentId) : undefined;
    if (!parent) return sql`false`;
    return and(
      eq(memberBulletins.tenantId, parent.tenantId),
      eq(memberBulletins.orgId, parent.id),
      sql`${memberBulletins.rows} @> ${JSON.stringify([{ districtId: orgId }])}::jsonb`,
    )!;
  }

  /**
   * Who reads a bulletin: the actor's reports.read scope over bulletins (scope.ts tenantScope: the tenant,
   * then the issuing org's path), and the bulletins that rank an org where the actor reads reports (a town's
   * staff read their county's bulletins; those of another county never rank them).
   */
  async function bulletinScope(actor: Actor) {
    const paths = requirePaths(actor, 'reports.read');
    const [own, ...ranking] = await Promise.all([
      tenantScope(actor, 'reports.read', memberBulletins, (path) => deps.orgs.tenantIdsWithin(path)),
      ...paths.map((path) => rankingBulletins(path)),
    ]);
    return or(own, ...ranking)!;
  }

  async function findBulletin(actor: Actor, id: number) {
    const [row] = await db
      .select()
      .from(memberBulletins)
      .where(and(eq(memberBulletins.id, id), await bulletinScope(actor)));
    if (!row) throw notFound('通报', 'bulletin');
    return bulletinView(row, await deps.orgs.byId(row.orgId));
  }

  return {
    // ——— targets ———

    async targets(actor: Actor, query: { orgId: number; year: number }) {
      return targetsView(actor, await reportOrg(actor, query.orgId, 'reports.read'), query.year);
    },

    /** Set the year's targets of some districts of an org, in one transaction; each change is audited. */
    async setTargets(actor: Actor, input: { orgId: number; year: number; items: TargetInput[] }) {
      return db.transaction(async (tx) => {
        const org = await reportOrg(actor, input.orgId, 'reports.manage', tx);
        const districts = new Map((await districtsOf(org, NO_TARGETS, tx)).map((d) => [d.id, d]));
        const seen = new Set<number>();
        const issues = input.items.flatMap((item, i) => {
          if (!districts.has(item.districtId)) return [{ field: `items.${i}.districtId`, reason: `不是「${org.name}」下辖的${DISTRICT_LABEL[org.type] ?? '下级单位'}` }];
          if (seen.has(item.districtId)) return [{ field: `items.${i}.districtId`, reason: '同一单位重复出现' }];
          seen.add(item.districtId);
          return [];
        });
        if (issues.length) throw validationError(issues);
        const existing = await targetRows(tx, [...seen].map((id) => districts.get(id)!), input.year);
        for (const item of input.items) {
          const district = districts.get(item.districtId)!;
          const before = measuresOf(existing.get(district.id));
          const after: Measures = { newUnions: item.newUnions, newMembers: item.newMembers, newFormMembers: item.newFormMembers };
          if (before && before.newUnions === after.newUnions && before.newMembers === after.newMembers && before.newFormMembers === after.newFormMembers) continue;
          const by = { setByUserId: actor.userId, setByName: actor.displayName.slice(0, 50), updatedAt: new Date() };
          await tx
            .insert(membershipTargets)
            .values({ tenantId: district.tenantId, districtOrgId: district.id, districtPath: district.path, year: input.year, ...after, ...by })
            .onConflictDoUpdate({
              target: [membershipTargets.tenantId, membershipTargets.districtOrgId, membershipTargets.year],
              set: { ...after, ...by, districtPath: district.path },
            });
          await recordAudit(tx, actor, {
            action: 'member_target.set',
            entityType: 'member_target',
            entityId: `${district.id}:${input.year}`,
            tenantId: district.tenantId,
            orgPath: district.path,
            summary: `设定「${district.name}」${input.year}年建会入会目标：新建工会 ${after.newUnions} 家、新发展会员 ${after.newMembers} 人、新就业形态会员 ${after.newFormMembers} 人`,
            before,
            after,
          });
        }
        return targetsView(actor, org, input.year, tx);
      });
    },

    // ——— 周报告 ———

    async weekly(actor: Actor, query: { orgId: number; date?: string }) {
      const org = await reportOrg(actor, query.orgId, 'reports.read');
      const date = query.date ?? today();
      checkDay(date, 'date');
      const week = weekOf(date);
      const year = yearOf(date);
      const yearEnd = `${year}-12-31`;
      const districts = await rowsOf(org);
      const tenantIds = await deps.orgs.tenantIdsWithin(org.path);
      const [inWeek, ytd, target] = await Promise.all([
        figuresOf(db, org, districts, tenantIds, { from: week.start, to: week.end }),
        figuresOf(db, org, districts, tenantIds, { from: yearStart(year), to: week.end < yearEnd ? week.end : yearEnd }),
        targetsFor(db, org, districts, year),
      ]);
      const rows = districts
        .filter((d) => shown(d, inWeek.of(d), ytd.of(d)))
        .map((d) => ({ districtId: d.id, districtName: d.name, week: inWeek.of(d), ytd: ytd.of(d), target: target.of(d), rates: ratesOf(ytd.of(d), target.of(d)) }));
      return {
        org: orgRef(org),
        year,
        weekStart: week.start,
        weekEnd: week.end,
        asOf: today(),
        rows,
        direct: directLine(org, { week: inWeek.direct, ytd: ytd.direct }),
        total: { week: inWeek.total, ytd: ytd.total, target: target.total, rates: ratesOf(ytd.total, target.total) },
      };
    },

    // ——— 半月通报 ———

    /** What a bulletin for this period would say, without issuing it (shown before confirming). */
    async previewBulletin(actor: Actor, query: { orgId: number; periodEnd: string }) {
      const org = await reportOrg(actor, query.orgId, 'reports.read');
      checkDay(query.periodEnd, 'periodEnd');
      const computed = await computeBulletin(db, org, halfMonthOf(query.periodEnd).end);
      const [issued] = await db
        .select({ id: memberBulletins.id })
        .from(memberBulletins)
        .where(and(eq(memberBulletins.tenantId, org.tenantId), eq(memberBulletins.orgId, org.id), eq(memberBulletins.periodEnd, computed.period.end)));
      return {
        org: orgRef(org),
        year: computed.year,
        periodStart: computed.period.start,
        periodEnd: computed.period.end,
        issuedId: issued?.id ?? null,
        previous: computed.previous,
        rows: computed.rows,
        direct: computed.direct,
        total: computed.total,
      };
    },

    /** Issue (and freeze) the bulletin of the half month ending `periodEnd`; once per period. */
    async issueBulletin(actor: Actor, input: { orgId: number; periodEnd: string }) {
      return db.transaction(async (tx) => {
        const org = await reportOrg(actor, input.orgId, 'reports.manage', tx);
        if (!isPeriodEnd(input.periodEnd)) throw validationError([{ field: 'periodEnd', reason: '通报期末应为每月 15 日或该月最后一天' }]);
        if (input.periodEnd > today()) throw validationError([{ field: 'periodEnd', reason: '该期尚未结束，不能提前发布通报' }]);
        await districtsOf(org, NO_BULLETIN, tx);
        // One issuer per org at a time: the issue number and the "previous bulletin" stay right.
        await tx.execute(sql`select pg_advisory_xact_lock(${BULLETIN_LOCK}, ${org.id})`);
        const duplicate = () =>
          conflict(`${org.name}${chineseDate(input.periodEnd)}截止的一期通报已经发布，不能重复发布`, 'A bulletin for this period has already been issued');
        const [existing] = await tx
          .select({ id: memberBulletins.id })
          .from(memberBulletins)
          .where(and(eq(memberBulletins.tenantId, org.tenantId), eq(memberBulletins.orgId, org.id), eq(memberBulletins.periodEnd, input.periodEnd)));
        if (existing) throw duplicate();
        const computed = await computeBulletin(tx, org, input.periodEnd);
        const [{ n }] = await tx
          .select({ n: count() })
          .from(memberBulletins)
          .where(and(eq(memberBulletins.tenantId, org.tenantId), eq(memberBulletins.orgId, org.id), eq(memberBulletins.year, computed.year)));
        let row: typeof memberBulletins.$inferSelect;
        try {
          [row] = await tx
            .insert(memberBulletins)
            .values({
              tenantId: org.tenantId,
              orgId: org.id,
              orgPath: org.path,
              orgName: org.name,
              year: computed.year,
              issueNo: n + 1,
              periodStart: computed.period.start,
              periodEnd: computed.period.end,
              rows: computed.rows,
              direct: computed.direct,
              total: computed.total,
              issuedByUserId: actor.userId,
              issuedByName: actor.displayName.slice(0, 50),
            })
            .returning();
        } catch (error) {
          if (isUniqueViolation(error)) throw duplicate();
          throw error;
        }
        const view = bulletinView(row, org);
        await recordAudit(tx, actor, {
          action: 'member_bulletin.issue',
          entityType: 'member_bulletin',
          entityId: row.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          summary: `发布《${view.title}》${view.flaggedNames.length ? `，连续两次排名末位：${view.flaggedNames.join('、')}` : ''}`,
          after: { periodStart: row.periodStart, periodEnd: row.periodEnd, issueNo: row.issueNo, last: view.lastNames, flagged: view.flaggedNames },
        });
        return view;
      });
    },

    /**
     * Issued bulletins within reach, newest first. Of one org: those it issued, or, for an org that ranks
     * none, those of its parent that rank it, each with the org's own standing in it.
     */
    async listBulletins(actor: Actor, query: { orgId?: number; year?: number; page: number; pageSize: number }) {
      const filters = [await bulletinScope(actor)];
      const org = query.orgId ? await reportOrg(actor, query.orgId, 'reports.read') : undefined;
      if (org) filters.push(ranksDistricts(org) ? and(eq(memberBulletins.tenantId, org.tenantId), eq(memberBulletins.orgId, org.id))! : await rankingBulletins(org.path));
      if (query.year) filters.push(eq(memberBulletins.year, query.year));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(memberBulletins)
          .where(where)
          .orderBy(desc(memberBulletins.periodEnd), desc(memberBulletins.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(memberBulletins).where(where),
      ]);
      const orgs = new Map(await Promise.all([...new Set(rows.map((r) => r.orgId))].map(async (id) => [id, await deps.orgs.byId(id)] as const)));
      const standingOf = (b: typeof memberBulletins.$inferSelect) => {
        const row = org && !ranksDistricts(org) ? b.rows.find((r) => r.districtId === org.id) : undefined;
        return row ? { rank: row.rank, score: row.score, last: row.last, flagged: row.flagged } : null;
      };
      return {
        org: org ? orgRef(org) : null,
        items: rows.map((r) => {
          const { rows: _rows, direct: _direct, total: _total, ...rest } = bulletinView(r, orgs.get(r.orgId));
          return { ...rest, districtCount: r.rows.length, orgStanding: standingOf(r) };
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    bulletin: findBulletin,

    // ——— 月例会 ———

    async monthly(actor: Actor, query: { orgId: number; month?: string }) {
      const org = await reportOrg(actor, query.orgId, 'reports.read');
      const month = query.month ?? today().slice(0, 7);
      if (!isMonth(month)) throw validationError([{ field: 'month', reason: '月份格式应为 YYYY-MM' }]);
      const m = monthOf(month);
      const previousYear = yearOf(m.previous.end);
      const districts = await rowsOf(org);
      const tenantIds = await deps.orgs.tenantIdsWithin(org.path);
      const [inMonth, ytd, previousYtd, target, previousTarget] = await Promise.all([
        figuresOf(db, org, districts, tenantIds, { from: m.start, to: m.end }),
        figuresOf(db, org, districts, tenantIds, { from: yearStart(m.year), to: m.end }),
        figuresOf(db, org, districts, tenantIds, { from: yearStart(previousYear), to: m.previous.end }),
        targetsFor(db, org, districts, m.year),
        targetsFor(db, org, districts, previousYear),
      ]);
      const before = new Map(standings(districts, previousYtd.of, previousTarget.of).map((s) => [s.districtId, s]));
      const byId = new Map(districts.map((d) => [d.id, d]));
      const rows = standings(
        districts.filter((d) => shown(d, inMonth.of(d), ytd.of(d))),
        ytd.of,
        target.of,
      ).map((s) => {
        const previousRank = before.get(s.districtId)?.rank ?? null;
        return {
          ...s,
          month: inMonth.of(byId.get(s.districtId)!),
          previousRank,
          previousScore: before.get(s.districtId)?.score ?? null,
          /** Places gained since last month (positive = up). */
          movement: previousRank !== null && s.rank !== null ? previousRank - s.rank : null,
        };
      });
      return {
        org: orgRef(org),
        year: m.year,
        month,
        monthStart: m.start,
        monthEnd: m.end,
        previousMonth: m.previous.month,
        asOf: today(),
        rows,
        direct: directLine(org, { month: inMonth.direct, ytd: ytd.direct }),
        total: { month: inMonth.total, ytd: ytd.total, target: target.total, rates: ratesOf(ytd.total, target.total) },
      };
    },

    // ——— composition ———

    /** Members of a subtree now: by status, and the open ones by employment form; per direct child too. */
    async composition(actor: Actor, query: { orgId: number }) {
      const org = await reportOrg(actor, query.orgId, 'reports.read');
      const [children, tenantIds] = await Promise.all([deps.orgs.childrenOf(org.id), deps.orgs.tenantIdsWithin(org.path)]);
      const rows = await compositionByBranch(db, { rootPath: org.path, tenantIds });
      const byStatus = Object.fromEntries(Object.keys(MEMBERSHIP_STATUSES).map((s) => [s, 0])) as Record<MembershipStatus, number>;
      const tally = () => ({ current: 0, newFormMembers: 0, byForm: emptyByForm() });
      const whole = tally();
      const perChild = new Map(children.map((c) => [c.path, tally()]));
      const own = tally();
      for (const r of rows) {
        const n = Number(r.n);
        byStatus[r.status] += n;
        if (!OPEN_STATUSES.includes(r.status)) continue;
        for (const t of [whole, perChild.get(r.branch) ?? own]) {
          t.current += n;
          t.byForm[r.employmentForm] += n;
          if (NEW_FORMS.includes(r.employmentForm)) t.newFormMembers += n;
        }
      }
      const labelled = (t: ReturnType<typeof tally>) => ({
        current: t.current,
        newFormMembers: t.newFormMembers,
        byForm: (Object.keys(EMPLOYMENT_FORMS) as EmploymentForm[]).map((form) => ({ form, label: EMPLOYMENT_FORMS[form], n: t.byForm[form] })),
      });
      return {
        org: orgRef(org),
        asOf: today(),
        ...labelled(whole),
        byStatus: (Object.keys(MEMBERSHIP_STATUSES) as MembershipStatus[]).map((status) => ({ status, label: MEMBERSHIP_STATUSES[status], open: OPEN_STATUSES.includes(status), n: byStatus[status] })),
        /** Members of the org itself (a grassroots union's own members). */
        own: labelled(own),
        children: children.map((c) => ({ orgId: c.id, name: c.name, type: c.type, typeLabel: ORG_TYPES[c.type], active: c.active, ...labelled(perChild.get(c.path)!) })),
      };
    },
  };
}

export type MemberReportService = ReturnType<typeof createMemberReportService>;
export type BulletinView = Awaited<ReturnType<MemberReportService['bulletin']>>;
export type MonthlyReport = Awaited<ReturnType<MemberReportService['monthly']>>;
export type WeeklyReport = Awaited<ReturnType<MemberReportService['weekly']>>;
