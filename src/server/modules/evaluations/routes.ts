import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { actionBody, allowedActions, calendarDay, idParam, noContent, pageOf, pageQuery, timelineEntries, timestamp } from '../../http/schemas.js';
import { sendXlsx } from '../../http/xlsx-download.js';
import { MAX_SCORE, MIN_SCORE, type SurveyState } from './schema.js';
import type { EvaluationService } from './service.js';
import { MAX_QUESTIONS, MIN_QUESTIONS, SURVEY_STATES } from './workflow.js';

/**
 * The 会员评家 API's shapes, exported so that the web types what it sends and
 * receives from them. No shape here carries a respondent next to scores.
 */

const state = z.enum(Object.keys(SURVEY_STATES) as [SurveyState, ...SurveyState[]]);

const questionInput = z.object({
  text: z.string().trim().min(4, '题目至少 4 个字').max(200, '题目不能超过 200 个字').describe('测评项目：一句可以打分的陈述'),
  weight: z.number().int().min(1, '权重为 1–10 的整数').max(10, '权重为 1–10 的整数').optional().describe('在综合得分中的权重，不填为 1'),
});
const surveyText = {
  title: z.string().trim().min(4, '标题至少 4 个字').max(100, '标题不能超过 100 个字'),
  period: z.string().trim().min(2, '请填写测评周期，如 2026年度').max(30, '测评周期不能超过 30 个字').describe('测评周期，如 2026年度、2026年上半年'),
  opensOn: calendarDay.describe('开始作答日期（北京时间）'),
  closesOn: calendarDay.describe('截止日期（北京时间，当天仍可作答）'),
  commentPrompt: z.string().trim().max(200, '意见建议题不能超过 200 个字').nullish().describe('选填的意见建议题；不填则不设'),
  questions: z
    .array(questionInput)
    .min(MIN_QUESTIONS, `测评题目至少 ${MIN_QUESTIONS} 道`)
    .max(MAX_QUESTIONS, `测评题目至多 ${MAX_QUESTIONS} 道`)
    .describe('打分题（1 非常不满意 … 5 非常满意），按作答顺序'),
};

/** 新建测评 (a draft). */
export const newSurvey = z.object({ orgId: z.number().int().positive().optional().describe('组织测评的工会；不填为您所在的工会'), ...surveyText });
/** 修改测评 (草稿): the whole text, with the version read. */
export const surveyChanges = z.object({ version: z.number().int().min(1), ...surveyText });
export const surveyListQuery = z.object({
  state: state.optional(),
  q: z.string().trim().max(50).optional().describe('标题或测评周期中的文字'),
  ...pageQuery,
});

export const surveyRow = z.object({
  id: z.number(),
  title: z.string(),
  period: z.string(),
  state,
  stateLabel: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  updatedAt: timestamp,
});
export const surveyPage = pageOf(surveyRow);
export const surveyQuestion = z.object({ id: z.number(), position: z.number(), text: z.string(), weight: z.number() });
export const surveyDetail = surveyRow.extend({
  version: z.number(),
  commentPrompt: z.string().nullable(),
  createdByName: z.string(),
  questions: z.array(surveyQuestion),
  canEdit: z.boolean().describe('您可以修改（草稿）'),
  allowedActions,
  timeline: timelineEntries,
});
export const surveyTemplate = z.object({ commentPrompt: z.string(), questions: z.array(z.object({ text: z.string(), weight: z.number() })) });

export const surveyResults = z.object({
  survey: surveyRow.extend({ commentPrompt: z.string().nullable() }),
  scope: z.string().nullable().describe('只含您管辖范围内的工会时，这些工会的名称'),
  responses: z.number(),
  members: z.number().describe('范围内各工会的会员人数'),
  responseRate: z.number().nullable().describe('参评率（作答人数 / 会员人数）'),
  score: z.number().nullable().describe('综合得分（各题平均分按权重加权，满分 5）；作答不足 5 人不显示'),
  suppressed: z.boolean().describe('作答不足 5 人，分数不显示以保护匿名'),
  questions: z.array(
    surveyQuestion.extend({
      average: z.number().nullable(),
      distribution: z.array(z.number()).nullable().describe('打 1 到 5 分的人数'),
      previousAverage: z.number().nullable().describe('上期同一题的平均分'),
    }),
  ),
  unions: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      responses: z.number(),
      members: z.number(),
      responseRate: z.number().nullable(),
      score: z.number().nullable(),
      previousScore: z.number().nullable(),
      suppressed: z.boolean().describe('作答不足 5 人，得分不显示'),
    }),
  ),
  previous: z.object({ id: z.number(), title: z.string(), period: z.string(), responses: z.number(), score: z.number().nullable() }).nullable().describe('同一工会上一期测评'),
  comments: z.array(z.object({ text: z.string(), count: z.number() })).describe('意见建议（不具名，按内容排序；相同的意见合为一条，附人数）'),
});

export const mySurvey = surveyRow.extend({
  unionName: z.string().describe('您评价的工会（您所在的工会）'),
  commentPrompt: z.string().nullable(),
  questions: z.array(z.object({ id: z.number(), position: z.number(), text: z.string() })),
  answered: z.boolean(),
  notAnswerable: z.string().nullable().describe('现在不能作答的原因（如尚未开始）'),
});
export const mySurveys = z.object({ items: z.array(mySurvey) });
export const surveyAnswer = z.object({
  answers: z
    .array(
      z.object({
        questionId: z.number().int().positive(),
        score: z.number().int('请选择 1–5 分').min(MIN_SCORE, `分数为 ${MIN_SCORE}–${MAX_SCORE}`).max(MAX_SCORE, `分数为 ${MIN_SCORE}–${MAX_SCORE}`),
      }),
    )
    .max(MAX_QUESTIONS),
  comment: z.string().trim().max(500, '意见建议不能超过 500 个字').nullish(),
});

export async function evaluationRoutes(app: FastifyInstance, deps: { evaluations: EvaluationService }) {
  const { evaluations } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['会员评家 evaluations'];

  r.get('/api/evaluations', {
    schema: { tags, summary: '测评列表 Surveys', querystring: surveyListQuery, response: { 200: surveyPage } },
    handler: async (request) => evaluations.list(requireActor(request), request.query),
  });

  r.get('/api/evaluations/template', {
    schema: { tags, summary: '会员评家常用测评项 The standard items', response: { 200: surveyTemplate } },
    handler: async (request) => {
      requireActor(request);
      return evaluations.template();
    },
  });

  r.get('/api/evaluations/mine', {
    schema: { tags, summary: '我可以参加的测评 Surveys for me to answer', response: { 200: mySurveys } },
    handler: async (request) => evaluations.mine(requireActor(request)),
  });

  r.post('/api/evaluations', {
    schema: { tags, summary: '新建测评（草稿） Draft a survey', body: newSurvey, response: { 201: surveyDetail } },
    handler: async (request, reply) => reply.status(201).send(await evaluations.create(requireActor(request), request.body)),
  });

  r.get('/api/evaluations/:id', {
    schema: { tags, summary: '测评详情与可办操作 A survey', params: idParam, response: { 200: surveyDetail } },
    handler: async (request) => evaluations.detail(requireActor(request), request.params.id),
  });

  r.put('/api/evaluations/:id', {
    schema: { tags, summary: '修改测评（草稿） Edit a draft', params: idParam, body: surveyChanges, response: { 200: surveyDetail } },
    handler: async (request) => evaluations.edit(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/evaluations/:id/actions', {
    schema: { tags, summary: '发布、提前结束 Act on a survey', params: idParam, body: actionBody, response: { 204: noContent } },
    handler: async (request, reply) => {
      await evaluations.act(requireActor(request), request.params.id, request.body.action, request.body.input);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/evaluations/:id/results', {
    schema: { tags, summary: '测评结果（匿名） Results', params: idParam, response: { 200: surveyResults } },
    handler: async (request) => {
      const { row, ...figures } = await evaluations.results(requireActor(request), request.params.id);
      return { survey: { ...(await evaluations.detail(requireActor(request), row.id)), commentPrompt: row.commentPrompt }, ...figures };
    },
  });

  r.get('/api/evaluations/:id/results.xlsx', {
    schema: { tags, summary: '导出测评结果（xlsx） Results as xlsx', params: idParam },
    handler: async (request, reply) => {
      const exported = await evaluations.exportResults(requireActor(request), request.params.id);
      return sendXlsx(request, reply, exported.fileName, exported.fallbackName, async (out) => out.end(exported.body));
    },
  });

  r.post('/api/evaluations/:id/responses', {
    schema: { tags, summary: '参加测评（每人一次，匿名） Answer a survey', params: idParam, body: surveyAnswer, response: { 204: noContent } },
    handler: async (request, reply) => {
      await evaluations.respond(requireActor(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  });
}
