import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { calendarDay } from '../../http/schemas.js';
import { sendXlsx } from '../../http/xlsx-download.js';
import { POINTS } from './score.js';
import { DUTY_SORTS, type DutyRecordService } from './service.js';

/** The 履职监督 API's shapes, exported so that the web types what it receives from them. */

const period = {
  from: calendarDay.optional().describe('起始日（含），默认本年 1 月 1 日'),
  to: calendarDay.optional().describe('截止日（含），默认今天'),
};
export const dutyQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('工会：其本级和下级的会员代表；默认本人所在的工会'),
  ...period,
  sort: z.enum(DUTY_SORTS).optional().describe('排序：rank 按工会和排名（默认），其余按该项从高到低'),
});
const rate = z.number().nullable();

const points = z.object({ submitted: z.number(), accepted: z.number(), cosigned: z.number(), answeredOnTime: z.number(), attendance: z.number(), satisfaction: z.number() });
export const dutyRecord = z.object({
  userId: z.number(),
  name: z.string(),
  orgId: z.number(),
  orgName: z.string().describe('所在工会（排名在本工会内）'),
  received: z.number().describe('收到的诉求（职工点名提出）'),
  answered: z.number().describe('已回复'),
  answeredOnTime: z.number().describe('两个工作日内首次回复'),
  requestsToProposals: z.number().describe('诉求转为提案'),
  medianFirstReplyHours: z.number().nullable().describe('首次回复用时中位数（小时）'),
  submitted: z.number().describe('提交的提案'),
  accepted: z.number().describe('其中已立案（含之后各环节）'),
  concluded: z.number().describe('其中已办结'),
  cosigned: z.number().describe('附议他人提案'),
  reviews: z.number().describe('应参加的审议（所在审议小组已审结或本人已投票的提案）'),
  votes: z.number().describe('审议投票'),
  attendanceRate: rate.describe('审议出席率：投票 ÷ 应参加'),
  proposalsRated: z.number(),
  proposalSatisfactionRate: rate.describe('提案满意率：（满意+基本满意）÷ 已评价'),
  requestsRated: z.number(),
  requestSatisfactionRate: rate.describe('诉求满意率'),
  satisfactionRate: rate.describe('综合满意率：提案和诉求的评价合计'),
  points: points.describe('各项得分'),
  score: z.number().describe('履职积分'),
});
export const dutyTable = z.object({
  orgId: z.number(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  items: z.array(dutyRecord.extend({ rank: z.number().describe('在所在工会内的排名') })),
});
export const myDuty = dutyRecord.extend({ from: z.string(), to: z.string() });
export const dutyRules = z.object({ points: points.describe('每项的分值：件数项为每件得分，比率项为比率乘以该分值') });

export async function dutyRecordRoutes(app: FastifyInstance, deps: { dutyRecords: DutyRecordService }) {
  const { dutyRecords } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['履职监督 representatives’ records'];

  r.get('/api/duty-records', {
    schema: { tags, summary: '会员代表履职情况与工会内排名 Representatives’ records', querystring: dutyQuery, response: { 200: dutyTable } },
    handler: async (request) => dutyRecords.list(requireActor(request), request.query),
  });

  r.get('/api/duty-records/me', {
    schema: { tags, summary: '我的履职 My record', querystring: z.object(period), response: { 200: myDuty } },
    handler: async (request) => dutyRecords.mine(requireActor(request), request.query),
  });

  r.get('/api/duty-records/rules', {
    schema: { tags, summary: '履职积分的计算方法 How the score is counted', response: { 200: dutyRules } },
    handler: async (request) => {
      requireActor(request);
      return { points: POINTS };
    },
  });

  r.get('/api/duty-records.xlsx', {
    schema: { tags, summary: '导出履职情况（xlsx） Records as xlsx', querystring: dutyQuery },
    handler: async (request, reply) => {
      const exported = await dutyRecords.exportXlsx(requireActor(request), request.query);
      return sendXlsx(request, reply, exported.fileName, exported.fallbackName, async (out) => out.end(exported.body));
    },
  });
}
