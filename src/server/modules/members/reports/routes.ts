import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../http/auth.js';
import { DOCX_TYPE, sendFile, XLSX_TYPE } from '../../../http/downloads.js';
import { calendarDay, idParam, pageOf, pageQuery, timestamp } from '../../../http/schemas.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, MEMBERSHIP_STATUSES, type MembershipStatus } from '../schema.js';
import { bulletinDocx } from './docx.js';
import type { MemberReportService } from './service.js';
import { bulletinXlsx, monthlyXlsx, weeklyXlsx } from './xlsx.js';
import { beijingDate } from '../../../platform/beijing-time.js';

const orgId = z.coerce.number().int().positive();
const year = z.coerce.number().int().min(2000).max(2100);
const count = z.number().int().min(0).max(10_000_000);

/** The API's shapes of the reports; the web types what it receives from these (`z.input`). */
export const measures = z.object({ newUnions: z.number(), newMembers: z.number(), newFormMembers: z.number() });
export const rates = z.object({ newUnions: z.number().nullable(), newMembers: z.number().nullable(), newFormMembers: z.number().nullable() });
export const figures = measures.extend({ byForm: z.record(z.enum(Object.keys(EMPLOYMENT_FORMS) as [EmploymentForm, ...EmploymentForm[]]), z.number()) });
/** The org a report is about. */
export const reportOrg = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  districtLabel: z.string(),
  /** A county or a city ranks districts; a town or a union shows its own progress, its units unranked. */
  ranksDistricts: z.boolean(),
  /** The line of what is in no row: 直属单位, or 本级. */
  directLabel: z.string(),
});
export const standing = z.object({
  districtId: z.number(),
  districtName: z.string(),
  ytd: figures,
  target: measures.nullable(),
  rates,
  score: z.number().nullable(),
  rank: z.number().nullable(),
  last: z.boolean(),
});
export const bulletinRow = standing.extend({ period: figures, flagged: z.boolean() });
export const summaryRow = z.object({ period: figures, ytd: figures, target: measures.nullable(), rates });
export const bulletinHead = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  districtLabel: z.string(),
  title: z.string(),
  year: z.number(),
  issueNo: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  issuedAt: timestamp,
  issuedByName: z.string().nullable(),
  lastNames: z.array(z.string()),
  flaggedNames: z.array(z.string()),
});
export const bulletin = bulletinHead.extend({ rows: z.array(bulletinRow), direct: summaryRow, total: summaryRow });
export const targetsView = z.object({
  org: reportOrg,
  year: z.number(),
  canManage: z.boolean(),
  items: z.array(z.object({ districtId: z.number(), districtName: z.string(), target: measures.nullable(), setByName: z.string().nullable(), updatedAt: timestamp.nullable() })),
  /** An org that ranks no districts: the target its parent set for it and the year's achievement up to `asOf`. */
  own: z
    .object({
      parentName: z.string().nullable(),
      target: measures.nullable(),
      setByName: z.string().nullable(),
      updatedAt: timestamp.nullable(),
      asOf: z.string(),
      ytd: figures,
      rates,
    })
    .nullable(),
});
export const tally = z.object({ current: z.number(), newFormMembers: z.number(), byForm: z.array(z.object({ form: z.string(), label: z.string(), n: z.number() })) });

export const targetsInput = z.object({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  items: z.array(z.object({ districtId: z.number().int().positive(), newUnions: count, newMembers: count, newFormMembers: count })).min(1).max(500),
});
/** Issues the bulletin of the half-month ending on `periodEnd`. */
export const bulletinInput = z.object({ orgId: z.number().int().positive(), periodEnd: calendarDay });
export const bulletinSummary = bulletinHead.extend({
  districtCount: z.number(),
  /** Listed for an org that ranks no districts: its own standing in its parent's bulletin. */
  orgStanding: z.object({ rank: z.number().nullable(), score: z.number().nullable(), last: z.boolean(), flagged: z.boolean() }).nullable(),
});
/** The org the list is of (none without `orgId`). */
export const bulletinList = pageOf(bulletinSummary).extend({ org: reportOrg.nullable() });
export const weeklyReport = z.object({
  org: reportOrg,
  year: z.number(),
  weekStart: z.string(),
  weekEnd: z.string(),
  asOf: z.string(),
  rows: z.array(z.object({ districtId: z.number(), districtName: z.string(), week: figures, ytd: figures, target: measures.nullable(), rates })),
  /** Null for an org that ranks no districts and has nothing of its own. */
  direct: z.object({ week: figures, ytd: figures }).nullable(),
  total: z.object({ week: figures, ytd: figures, target: measures.nullable(), rates }),
});
export const monthlyReport = z.object({
  org: reportOrg,
  year: z.number(),
  month: z.string(),
  monthStart: z.string(),
  monthEnd: z.string(),
  previousMonth: z.string(),
  asOf: z.string(),
  rows: z.array(standing.extend({ month: figures, previousRank: z.number().nullable(), previousScore: z.number().nullable(), movement: z.number().nullable() })),
  direct: z.object({ month: figures, ytd: figures }).nullable(),
  total: z.object({ month: figures, ytd: figures, target: measures.nullable(), rates }),
});
export const bulletinPreview = z.object({
  org: reportOrg,
  year: z.number(),
  periodStart: z.string(),
  periodEnd: z.string(),
  issuedId: z.number().nullable(),
  previous: z.object({ id: z.number(), issueNo: z.number(), periodEnd: z.string() }).nullable(),
  rows: z.array(bulletinRow),
  direct: summaryRow,
  total: summaryRow,
});
export const composition = tally.extend({
  org: reportOrg,
  asOf: z.string(),
  byStatus: z.array(z.object({ status: z.enum(Object.keys(MEMBERSHIP_STATUSES) as [MembershipStatus, ...MembershipStatus[]]), label: z.string(), open: z.boolean(), n: z.number() })),
  own: tally,
  children: z.array(tally.extend({ orgId: z.number(), name: z.string(), type: z.string(), typeLabel: z.string(), active: z.boolean() })),
});

const file = z.any().describe('文件 File');

export async function memberReportRoutes(app: FastifyInstance, deps: { reports: MemberReportService }) {
  const { reports } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['建会入会报表 member reports'];

  r.get('/api/member-reports/targets', {
    schema: { tags, summary: '下辖单位年度目标任务（镇街：上级下达的本单位目标） Targets of the districts, or of the org itself', querystring: z.object({ orgId, year }), response: { 200: targetsView } },
    handler: async (request) => reports.targets(requireActor(request), request.query),
  });

  r.put('/api/member-reports/targets', {
    schema: {
      tags,
      summary: '设定下辖单位年度目标任务（留痕） Set targets (audited)',
      body: targetsInput,
      response: { 200: targetsView },
    },
    handler: async (request) => reports.setTargets(requireActor(request), request.body),
  });

  const weeklyQuery = z.object({ orgId, date: calendarDay.optional() });
  r.get('/api/member-reports/weekly', {
    schema: { tags, summary: '周报告（周一至周日） Weekly report', querystring: weeklyQuery, response: { 200: weeklyReport } },
    handler: async (request) => reports.weekly(requireActor(request), request.query),
  });
  r.get('/api/member-reports/weekly/export.xlsx', {
    schema: { tags, summary: '导出周报告 Weekly report as xlsx', querystring: weeklyQuery, produces: [XLSX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const report = await reports.weekly(requireActor(request), request.query);
      return sendFile(reply, await weeklyXlsx(report), XLSX_TYPE, `${report.org.name}建会入会周报告（${report.weekStart}至${report.weekEnd}）.xlsx`);
    },
  });

  r.get('/api/member-reports/bulletins', {
    schema: {
      tags,
      summary: '已发布的半月通报 Issued bulletins',
      querystring: z.object({ orgId: orgId.optional(), year: year.optional(), ...pageQuery }),
      response: { 200: bulletinList },
    },
    handler: async (request) => reports.listBulletins(requireActor(request), request.query),
  });

  r.get('/api/member-reports/bulletins/preview', {
    schema: {
      tags,
      summary: '半月通报预览（不发布） Preview a bulletin',
      querystring: z.object({ orgId, periodEnd: calendarDay }),
      response: {
        200: bulletinPreview,
      },
    },
    handler: async (request) => reports.previewBulletin(requireActor(request), request.query),
  });

  r.post('/api/member-reports/bulletins', {
    schema: {
      tags,
      summary: '发布半月通报（每期一次，发布后不再变化） Issue a bulletin',
      body: bulletinInput,
      response: { 201: bulletin },
    },
    handler: async (request, reply) => reply.status(201).send(await reports.issueBulletin(requireActor(request), request.body)),
  });

  r.get('/api/member-reports/bulletins/:id', {
    schema: { tags, summary: '半月通报 Bulletin', params: idParam, response: { 200: bulletin } },
    handler: async (request) => reports.bulletin(requireActor(request), request.params.id),
  });

  r.get('/api/member-reports/bulletins/:id/export.docx', {
    schema: { tags, summary: '导出通报 Word Bulletin as docx', params: idParam, produces: [DOCX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const b = await reports.bulletin(requireActor(request), request.params.id);
      return sendFile(reply, await bulletinDocx(b, beijingDate(b.issuedAt)), DOCX_TYPE, `${b.title}.docx`);
    },
  });

  r.get('/api/member-reports/bulletins/:id/export.xlsx', {
    schema: { tags, summary: '导出通报 Excel Bulletin as xlsx', params: idParam, produces: [XLSX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const b = await reports.bulletin(requireActor(request), request.params.id);
      return sendFile(reply, await bulletinXlsx(b), XLSX_TYPE, `${b.title}.xlsx`);
    },
  });

  const monthlyQuery = z.object({ orgId, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional() });
  r.get('/api/member-reports/monthly', {
    schema: { tags, summary: '月例会数据 Monthly meeting figures', querystring: monthlyQuery, response: { 200: monthlyReport } },
    handler: async (request) => reports.monthly(requireActor(request), request.query),
  });
  r.get('/api/member-reports/monthly/export.xlsx', {
    schema: { tags, summary: '导出月例会数据 Monthly figures as xlsx', querystring: monthlyQuery, produces: [XLSX_TYPE], response: { 200: file } },
    handler: async (request, reply) => {
      const report = await reports.monthly(requireActor(request), request.query);
      return sendFile(reply, await monthlyXlsx(report), XLSX_TYPE, `${report.org.name}${report.month}建会入会月例会数据.xlsx`);
    },
  });

  r.get('/api/member-reports/composition', {
    schema: {
      tags,
      summary: '组织及下级的会员构成（按状态、就业形态） Members of a subtree by status and employment form',
      querystring: z.object({ orgId }),
      response: {
        200: composition,
      },
    },
    handler: async (request) => reports.composition(requireActor(request), request.query),
  });
}
