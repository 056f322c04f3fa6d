import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { notFound, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, tenantSubtree } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import { COUNTS_AS_SATISFIED } from '../../platform/satisfaction.js';
import { CASE_RATINGS, CASE_SOURCES, type CaseRating, type CaseSource, CLAIM_TYPES, type ClaimType, mediationCaseClaims, mediationCases, mediationCaseWorkers } from './schema.js';
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

    const [[totals], bySource, byType, ratings] = await Promise.all([
      queryRows<{ cases: number; agreements: number; concluded: number; recovered: number; workers_helped: number }>(
        db,
        sql`select count(*)::int as cases,
                   count(*) filter (where ${inStates(AGREEMENT)})::int as agreements,
                   count(*) filter (where ${inStates(CONCLUDED)})::int as concluded,
                   coalesce(sum(${mediationCases.agreedTotal}) filter (where ${inStates(AGREEMENT)}), 0)::float8 as recovered,
                   coalesce(sum(${mediationCases.workerCount}) filter (where ${inStates(AGREEMENT)}), 0)::int as workers_helped
            from ${mediationCases} where ${where}`,
      ),
      queryRows<{ source: CaseSource; cases: number }>(db, sql`select ${mediationCases.source} as source, count(*)::int as cases from ${mediationCases} where ${where} group by 1`),
      queryRows<{ type: ClaimType; cases: number; claimed: number }>(
        db,
        sql`select c.type, count(distinct c.case_id)::int as cases, sum(c.amount)::float8 as claimed
            from ${mediationCaseClaims} c join ${mediationCases} on mediation_cases.tenant_id = c.tenant_id and mediation_cases.id = c.case_id
            where ${where} group by 1`,
      ),
      queryRows<{ rating: CaseRating; workers: number }>(
        db,
        sql`select w.rating, count(*)::int as workers
            from ${mediationCaseWorkers} w join ${mediationCases} on mediation_cases.tenant_id = w.tenant_id and mediation_cases.id = w.case_id
            where ${where} and w.rating is not null group by 1`,
      ),
    ]);
    const sourceCount = (source: CaseSource) => bySource.find((r) => r.source === source)?.cases ?? 0;
    const rated = ratings.reduce((sum, r) => sum + r.workers, 0);
    const rating = (r: CaseRating) => ratings.find((x) => x.rating === r)?.workers ?? 0;
    return {
      orgId: org.id,
      orgName: org.name,
      from,
      to,
      cases: totals.cases,
      consultations: sourceCount('consultation'),
      agreements: totals.agreements,
      concluded: totals.concluded,
      successRate: ratio(totals.agreements, totals.concluded),
      recovered: Number(totals.recovered),
      workersHelped: totals.workers_helped,
      bySource: (Object.keys(CASE_SOURCES) as CaseSource[]).map((source) => ({ source, label: CASE_SOURCES[source], cases: sourceCount(source) })),
      byType: (Object.keys(CLAIM_TYPES) as ClaimType[]).map((type) => {
        const row = byType.find((r) => r.type === type);
        return { type, label: CLAIM_TYPES[type], cases: row?.cases ?? 0, claimed: Number(row?.claimed ?? 0) };
      }),
      ratings: (Object.keys(CASE_RATINGS) as CaseRating[]).map((r) => ({ rating: r, label: CASE_RATINGS[r], workers: rating(r) })),
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
