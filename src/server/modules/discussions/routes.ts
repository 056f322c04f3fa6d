import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { calendarDay, idParam, noContent, nullableTimestamp, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import { TOPIC_STATUSES, type TopicStatus } from './records.js';
import type { DiscussionService } from './service.js';

/** The 职工事大家议 API's shapes, exported so that the web types what it sends and receives from them. */

const status = z.enum(Object.keys(TOPIC_STATUSES) as [TopicStatus, ...TopicStatus[]]);
const idOf = (what: string) => z.coerce.number().int().positive().describe(what);

export const newPoll = z.object({
  question: z.string().trim().min(2, '投票问题至少 2 个字').max(200, '投票问题不能超过 200 个字'),
  maxChoices: z.number().int().min(1).max(20).describe('1 为单选；多选时最多可选几项'),
  opensOn: calendarDay.optional().describe('投票开始日期（北京时间，含当天）；不填同议题'),
  closesOn: calendarDay.optional().describe('投票截止日期（北京时间，含当天）；不填同议题'),
  resultsHiddenUntilClosed: z.boolean().default(false).describe('截止前不向投票人公布结果（发起人和工会工作人员仍可查看）'),
  options: z
    .array(z.string().trim().min(1, '选项不能为空').max(100, '选项不能超过 100 个字'))
    .min(2, '至少要有 2 个选项')
    .max(20, '最多 20 个选项'),
});

/** 发起议题, with its polls. */
export const newTopic = z.object({
  orgId: z.number().int().positive().optional().describe('参与讨论的工会（其下属工会的职工都可参与）；不填为您所在的工会'),
  title: z.string().trim().min(4, '标题至少 4 个字').max(100, '标题不能超过 100 个字'),
  body: z.string().trim().min(10, '议题说明至少 10 个字').max(5000, '议题说明不能超过 5000 个字'),
  opensOn: calendarDay.describe('开始日期（北京时间，含当天）'),
  closesOn: calendarDay.describe('截止日期（北京时间，含当天）'),
  pinned: z.boolean().optional().describe('置顶（工会工作人员）'),
  polls: z.array(newPoll).max(10, '一个议题最多 10 项投票').default([]),
});

export const topicListQuery = z.object({
  status: status.optional().describe('open 征集中、upcoming 未开始、closed 已结束'),
  q: z.string().trim().max(50).optional().describe('标题和说明中的文字'),
  ...pageQuery,
});

export const topicRow = z.object({
  id: z.number(),
  title: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  status,
  statusLabel: z.string(),
  pinned: z.boolean(),
  openerName: z.string(),
  commentCount: z.number(),
  closedAt: nullableTimestamp.describe('提前结束的时间'),
  closedByName: z.string().nullable(),
});
export const topicPage = pageOf(topicRow);

export const pollView = z.object({
  id: z.number(),
  question: z.string(),
  maxChoices: z.number(),
  opensOn: z.string(),
  closesOn: z.string(),
  status,
  statusLabel: z.string(),
  resultsHiddenUntilClosed: z.boolean(),
  resultsVisible: z.boolean().describe('您可以看到各选项的票数'),
  resultsHiddenFromVoters: z.boolean().describe('投票人现在还看不到结果（截止后公布）'),
  voters: z.number().describe('已投票人数'),
  myChoice: z.array(z.number()).nullable().describe('您选的选项；未投票为 null'),
  canVote: z.boolean(),
  options: z.array(z.object({ id: z.number(), label: z.string(), votes: z.number().nullable(), share: z.number().nullable().describe('占投票人数的比例，0–1') })),
});

export const topicDetail = topicRow.extend({
  body: z.string(),
  createdAt: timestamp,
  polls: z.array(pollView),
  canComment: z.boolean(),
  canModerate: z.boolean().describe('您可以隐藏评论、置顶'),
  canClose: z.boolean().describe('您可以提前结束议题'),
});

export const commentQuery = z.object({ order: z.enum(['newest', 'oldest']).default('newest'), ...pageQuery });
export const commentRow = z.object({
  id: z.number(),
  authorName: z.string(),
  body: z.string(),
  at: timestamp,
  mine: z.boolean(),
  hidden: z.object({ at: timestamp, reason: z.string(), byName: z.string() }).nullable().describe('已被工会隐藏（只有作者和工会工作人员看得到）'),
  canHide: z.boolean(),
});
/**
 * `total` counts what the page lists (pages by it), hidden comments included for those who see them; `hidden` says
 * how many of those are hidden, so that the count shown is the topic's own (`commentCount`: the visible ones).
 */
export const commentPage = pageOf(commentRow).extend({ hidden: z.number().describe('其中已被隐藏的评论数（只有作者和工会工作人员看得到）') });
export const newComment = z.object({ body: z.string().trim().min(2, '评论至少 2 个字').max(1000, '评论不能超过 1000 个字') });
export const hideInput = z.object({ reason: z.string().trim().min(2, '请写明隐藏的理由').max(200, '理由不能超过 200 个字') });
export const voteInput = z.object({ optionIds: z.array(z.number().int().positive()).max(20).describe('所选选项；单选只选一项') });
export const pinInput = z.object({ pinned: z.boolean() });

export async function discussionRoutes(app: FastifyInstance, deps: { discussions: DiscussionService }) {
  const { discussions } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['职工事大家议 discussions'];
  const pollParams = idParam.extend({ pollId: idOf('投票') });
  const commentParams = idParam.extend({ commentId: idOf('评论') });

  r.get('/api/discussions', {
    schema: { tags, summary: '议题列表 Topics', querystring: topicListQuery, response: { 200: topicPage } },
    handler: async (request) => discussions.list(requireActor(request), request.query),
  });

  r.post('/api/discussions', {
    schema: { tags, summary: '发起议题（可带投票） Open a topic', body: newTopic, response: { 201: topicDetail } },
    handler: async (request, reply) => reply.status(201).send(await discussions.open(requireActor(request), request.body)),
  });

  r.get('/api/discussions/:id', {
    schema: { tags, summary: '议题详情与投票 A topic', params: idParam, response: { 200: topicDetail } },
    handler: async (request) => discussions.detail(requireActor(request), request.params.id),
  });

  r.post('/api/discussions/:id/close', {
    schema: { tags, summary: '提前结束议题 Close a topic early', params: idParam, response: { 204: noContent } },
    handler: async (request, reply) => {
      await discussions.close(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.put('/api/discussions/:id/pin', {
    schema: { tags, summary: '置顶或取消置顶 Pin a topic', params: idParam, body: pinInput, response: { 204: noContent } },
    handler: async (request, reply) => {
      await discussions.pin(requireActor(request), request.params.id, request.body.pinned);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/discussions/:id/polls/:pollId/votes', {
    schema: { tags, summary: '投票（每人一次） Vote', params: pollParams, body: voteInput, response: { 204: noContent } },
    handler: async (request, reply) => {
      await discussions.vote(requireActor(request), request.params.id, request.params.pollId, request.body.optionIds);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/discussions/:id/comments', {
    schema: { tags, summary: '评论 Comments', params: idParam, querystring: commentQuery, response: { 200: commentPage } },
    handler: async (request) => discussions.comments(requireActor(request), request.params.id, request.query),
  });

  r.post('/api/discussions/:id/comments', {
    schema: { tags, summary: '发表评论 Comment', params: idParam, body: newComment, response: { 201: z.object({ id: z.number() }) } },
    handler: async (request, reply) => reply.status(201).send(await discussions.comment(requireActor(request), request.params.id, request.body.body)),
  });

  r.post('/api/discussions/:id/comments/:commentId/hide', {
    schema: { tags, summary: '隐藏评论（须写理由） Hide a comment', params: commentParams, body: hideInput, response: { 204: noContent } },
    handler: async (request, reply) => {
      await discussions.hideComment(requireActor(request), request.params.id, request.params.commentId, request.body.reason);
      return reply.status(204).send(null);
    },
  });
}
