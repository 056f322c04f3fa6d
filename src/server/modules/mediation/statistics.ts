import ExcelJS from 'exceljs';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, tenantSubtree } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import { COUNTS_AS_SATISFIED } from '../../platform/satisfaction.js';
import { CASE_RATINGS, CASE_SOURCES, type CaseRating, type CaseSource, CLAIM_TYPES, type ClaimType, mediationCases } from './schema.js';
import { CASE_STATES } from './workflow.js';

/**
 * 调解统计 per org subtree and period (cases received in it): consultations,
 * cases by source and by claim type, the success rate (agreements ÷ concluded
 * mediations: agreement, failure or referral — a withdrawal concludes
 * nothing), the amount recovered (agreed), the workers helped (those of the
 * cases that reached an agreement), and the workers' ratings. DESIGN §3.3:
 * "100% satisfaction" claims are checked against these rows.
 */

export interface StatisticsQuery {
  orgId?: number;
  from?: string;
  to?: string;
}

const AGREEMENT = statesWith(CASE_STATES, 'agreement');
const CONCLUDED = statesWith(CASE_STATES, 'concluded');
const inStates = (states: readonly string[]) =>
  sql`${mediationCases.state} in (${sql.join(
    states.map((s) => sql`${s}`),
    sql`, `,
  )})`;
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const SOURCE_KEYS = Object.keys(CASE_SOURCES) as CaseSource[];
const TYPE_KEYS = Object.keys(CLAIM_TYPES) as ClaimType[];
const RATING_KEYS = Object.keys(CASE_RATINGS) as CaseRating[];
/** One figure per key, in the keys' order, as an array column. */
const perKey = <K extends string>(keys: readonly K[], figure: (key: K) => SQL) => sql`array[${sql.join(keys.map(figure), sql`, `)}]`;

export function createStatistics(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'>; today: () => string }) {
  const { db, orgs, today } = ctx;

  async function statistics(actor: Actor, query: StatisticsQuery) {
    const orgId = query.orgId ?? actor.grants.find((g) => g.orgPath === requirePaths(actor, 'mediation.read')[0])!.orgId;
    const org = await orgs.byId(orgId);
    if (!org || !canAt(actor, 'mediation.read', org.path)) throw notFound('工会', 'org');
    const day = today();
    const from = query.from ?? `${day.slice(0, 4)}-01-01`;
    const to = query.to ?? day;
    if (from > to) throw validationError([{ field: 'to', reason: '结束日期不能早于开始日期' }]);
    const where = sql`${await tenantSubtree(org, mediationCases, (path) => orgs.tenantIdsWithin(path))} and ${mediationCases.receivedOn} between ${from} and ${to}`;

    // Every figure in one pass over the statistics index (migrations/0034): the claims and the ratings come from
    // the case rows' summaries (summaries.ts), so neither table is joined (docs/scaling.md).
    const { claimedByType, ratingCounts } = mediationCases;
    const [figures] = await queryRows<{
      cases: number;
      agreements: number;
      concluded: number;
      recovered: number;
      workers_helped: number;
      by_source: number[];
      type_cases: number[];
      type_claimed: number[];
      ratings: number[];
    }>(
      db,
      sql`select count(*)::int as cases,
                 count(*) filter (where ${inStates(AGREEMENT)})::int as agreements,
                 count(*) filter (where ${inStates(CONCLUDED)})::int as concluded,
                 coalesce(sum(${mediationCases.agreedTotal}) filter (where ${inStates(AGREEMENT)}), 0)::float8 as recovered,
                 coalesce(sum(${mediationCases.workerCount}) filter (where ${inStates(AGREEMENT)}), 0)::int as workers_helped,
                 ${perKey(SOURCE_KEYS, (source) => sql`count(*) filter (where ${mediationCases.source} = ${source})`)}::int[] as by_source,
                 ${perKey(TYPE_KEYS, (type) => sql`count(*) filter (where ${claimedByType} ->> ${type} is not null)`)}::int[] as type_cases,
                 ${perKey(TYPE_KEYS, (type) => sql`coalesce(sum((${claimedByType} ->> ${type})::bigint), 0)`)}::float8[] as type_claimed,
                 ${perKey(RATING_KEYS, (rating) => sql`coalesce(sum((${ratingCounts} ->> ${rating})::int), 0)`)}::int[] as ratings
          from ${mediationCases} where ${where}`,
    );
    const rating = (r: CaseRating) => figures.ratings[RATING_KEYS.indexOf(r)];
    const rated = figures.ratings.reduce((sum, workers) => sum + workers, 0);
    return {
      orgId: org.id,
      orgName: org.name,
      from,
      to,
      cases: figures.cases,
      consultations: figures.by_source[SOURCE_KEYS.indexOf('consultation')],
      agreements: figures.agreements,
      concluded: figures.concluded,
      successRate: ratio(figures.agreements, figures.concluded),
      recovered: Number(figures.recovered),
      workersHelped: figures.workers_helped,
      bySource: SOURCE_KEYS.map((source, i) => ({ source, label: CASE_SOURCES[source], cases: figures.by_source[i] })),
      byType: TYPE_KEYS.map((type, i) => ({ type, label: CLAIM_TYPES[type], cases: figures.type_cases[i], claimed: Number(figures.type_claimed[i]) })),
      ratings: RATING_KEYS.map((r, i) => ({ rating: r, label: CASE_RATINGS[r], workers: figures.ratings[i] })),
      satisfactionRate: ratio(COUNTS_AS_SATISFIED.reduce((sum, r) => sum + rating(r), 0), rated),
    };
  }

  return {
    statistics,

    /** The same figures as a workbook: amounts in yuan, rates as percentages, so the sheet sums and sorts. */
    async statisticsXlsx(actor: Actor, query: StatisticsQuery) {
      const s = await statistics(actor, query);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('调解统计');
      sheet.columns = [{ width: 28 }, { width: 16 }, { width: 18 }];
      sheet.addRow([`${s.orgName}劳动争议调解统计（${s.from} 至 ${s.to}）`]).font = { bold: true, size: 14 };
      const rows: [string, number | null, string?][] = [
        ['受理案件（件）', s.cases],
        ['其中来访咨询（件）', s.consultations],
        ['调解结束（件）', s.concluded],
        ['达成协议（件）', s.agreements],
        ['调解成功率', s.successRate, '0.0%'],
        ['协议金额（元）', s.recovered / 100, '#,##0.00'],
        ['帮助职工（人）', s.workersHelped],
        ['满意率', s.satisfactionRate, '0.0%'],
      ];
      for (const [label, value, format] of rows) {
        const row = sheet.addRow([label, value ?? '—']);
        if (format) row.getCell(2).numFmt = format;
      }
      sheet.addRow([]);
      sheet.addRow(['按来源', '案件（件）']).font = { bold: true };
      for (const r of s.bySource) sheet.addRow([r.label, r.cases]);
      sheet.addRow([]);
      sheet.addRow(['按诉求类型', '案件（件）', '诉求金额（元）']).font = { bold: true };
      for (const r of s.byType) sheet.addRow([r.label, r.cases, r.claimed / 100]).getCell(3).numFmt = '#,##0.00';
      sheet.addRow([]);
      sheet.addRow(['职工评价', '人数']).font = { bold: true };
      for (const r of s.ratings) sheet.addRow([r.label, r.workers]);
      return { fileName: `${s.orgName}调解统计（${s.from}至${s.to}）.xlsx`, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
    },
  };
}
