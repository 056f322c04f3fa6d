import ExcelJS from 'exceljs';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { addDays } from '../../platform/beijing-time.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, tenantSubtree } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import { COUNTS_AS_SATISFIED } from '../../platform/satisfaction.js';
import { CASE_RATINGS, CASE_SOURCES, type CaseRating, type CaseSource, CLAIM_TYPES, type ClaimType, mediationCaseMonths, mediationCases, type MonthFigure } from './schema.js';
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

const AGREEMENT: readonly string[] = statesWith(CASE_STATES, 'agreement');
const CONCLUDED: readonly string[] = statesWith(CASE_STATES, 'concluded');
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const SOURCE_KEYS = Object.keys(CASE_SOURCES) as CaseSource[];
const TYPE_KEYS = Object.keys(CLAIM_TYPES) as ClaimType[];
const RATING_KEYS = Object.keys(CASE_RATINGS) as CaseRating[];

const firstOfNextMonth = (day: string) => {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};

/**
 * A period (inclusive days) as the whole months in it, `[first, afterLast)`,
 * read from mediation_case_months, and the days outside them (a part month
 * at either end, or the whole period when it holds no whole month), read
 * from the cases.
 */
export function periodParts(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const firstWhole = from.endsWith('-01') ? from : firstOfNextMonth(from);
  const afterLastWhole = addDays(to, 1).endsWith('-01') ? addDays(to, 1) : `${to.slice(0, 7)}-01`;
  if (firstWhole >= afterLastWhole) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (afterLastWhole <= to) days.push([afterLastWhole, to]);
  return { months: [firstWhole, afterLastWhole], days };
}

/** One figure of mediation_case_months (schema.ts), summed over the subtree and period. */
interface FigureRow {
  figure: MonthFigure;
  key: string;
  cases: number;
  amount: number;
  workers: number;
}

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

    // Whole months from the monthly figures, the days around them from the cases through the statistics index
    // (migrations/0034), each case's figures as the trigger counts them (mediation_case_figures, migrations/0035):
    // a period of years reads a few thousand small rows, not every case (docs/scaling.md).
    const subtree = (columns: { tenantId: AnyPgColumn; orgPath: AnyPgColumn }) => tenantSubtree(org, columns, (path) => orgs.tenantIdsWithin(path));
    const { months, days } = periodParts(from, to);
    const parts: SQL[] = [];
    if (months) {
      const m = mediationCaseMonths;
      parts.push(sql`select ${m.figure} as figure, ${m.key} as key, ${m.cases} as cases, ${m.amount} as amount, ${m.workers} as workers
        from ${m} where ${await subtree(m)} and ${m.month} >= ${months[0]} and ${m.month} < ${months[1]}`);
    }
    const c = mediationCases;
    const caseScope = days.length > 0 ? await subtree(c) : null;
    for (const [first, last] of days) {
      parts.push(sql`select f.figure, f.key, f.cases, f.amount, f.workers from ${c}
        cross join lateral mediation_case_figures(${c.state}, ${c.source}, ${c.agreedTotal}, ${c.workerCount}, ${c.claimedByType}, ${c.ratingCounts}) f
        where ${caseScope} and ${c.receivedOn} between ${first} and ${last}`);
    }
    const rows = await queryRows<FigureRow>(
      db,
      sql`select figure, key, sum(cases)::int as cases, sum(amount)::float8 as amount, sum(workers)::int as workers
          from (${sql.join(parts, sql` union all `)}) part group by figure, key`,
    );
    const total = (figure: MonthFigure, field: 'cases' | 'amount' | 'workers', keys?: readonly string[]) =>
      rows.filter((r) => r.figure === figure && (!keys || keys.includes(r.key))).reduce((sum, r) => sum + r[field], 0);
    const agreements = total('state', 'cases', AGREEMENT);
    const concluded = total('state', 'cases', CONCLUDED);
    const ratings = RATING_KEYS.map((rating) => ({ rating, label: CASE_RATINGS[rating], workers: total('rating', 'workers', [rating]) }));
    return {
      orgId: org.id,
      orgName: org.name,
      from,
      to,
      cases: total('state', 'cases'),
      consultations: total('source', 'cases', ['consultation']),
      agreements,
      concluded,
      successRate: ratio(agreements, concluded),
      recovered: total('state', 'amount', AGREEMENT),
      workersHelped: total('state', 'workers', AGREEMENT),
      bySource: SOURCE_KEYS.map((source) => ({ source, label: CASE_SOURCES[source], cases: total('source', 'cases', [source]) })),
      byType: TYPE_KEYS.map((type) => ({ type, label: CLAIM_TYPES[type], cases: total('claim', 'cases', [type]), claimed: total('claim', 'amount', [type]) })),
      ratings,
      satisfactionRate: ratio(
        ratings.filter((r) => COUNTS_AS_SATISFIED.includes(r.rating)).reduce((sum, r) => sum + r.workers, 0),
        ratings.reduce((sum, r) => sum + r.workers, 0),
      ),
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
