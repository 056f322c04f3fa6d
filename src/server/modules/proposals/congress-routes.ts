import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { DOCX_TYPE, sendFile } from '../../http/downloads.js';
import { idParam } from '../../http/schemas.js';
import type { ProposalService } from './service.js';

/** The API of review groups (小组审议) and workers' congress sessions (职代会); shapes exported for the web. */

const dateText = (title: string) => z.iso.date(`请填写${title}（年-月-日）`).describe(title);

export const newReviewGroup = z.object({
  orgId: z.number().int().positive().describe('设立审议小组的工会：本级和下级工会的提案可以交它审议'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称不能超过 100 个字'),
  quorum: z.number().int().min(2, '法定人数至少 2 人').max(99).describe('至少这么多成员投票，才能按多数意见作出决定；须过成员半数'),
  memberUserIds: z.array(z.number().int().positive()).min(3, '审议小组至少需要 3 名成员').max(99).describe('成员：本工会或下属工会的会员代表'),
});
export const reviewGroupChanges = newReviewGroup
  .omit({ orgId: true })
  .partial()
  .extend({ active: z.boolean().optional().describe('停用后不再接受新的审议'), version: z.number().int().min(1).describe('读取时的版本号，他人已修改则 409') });
export const reviewGroupRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  quorum: z.number(),
  active: z.boolean(),
  version: z.number(),
  canManage: z.boolean(),
  members: z.array(z.object({ userId: z.number(), name: z.string() })),
});
export const reviewGroupQuery = z.object({ proposalId: z.coerce.number().int().positive().optional().describe('只列可以审议这件提案的小组') });
export const reviewCandidate = z.object({ userId: z.number(), name: z.string(), orgId: z.number(), orgName: z.string() });

const sessionFields = {
  name: z.string().trim().min(4, '名称至少 4 个字').max(100, '名称不能超过 100 个字').describe('如：第十届职工代表大会第三次会议'),
  collectFrom: dateText('提案征集开始日期'),
  collectUntil: dateText('提案征集截止日期'),
  minCosigners: z.number().int().min(0, '附议人数不能小于 0').max(50, '附议人数不能超过 50').describe('每件提案至少需要的附议代表人数'),
  reviewGroupId: z.number().int().positive().describe('提案审查委员会（一个审议小组）'),
};
export const newCongressSession = z.object({ orgId: z.number().int().positive().describe('召开职代会的工会'), ...sessionFields });
export const congressSessionChanges = z.object(sessionFields).partial().extend({ version: z.number().int().min(1) });
export const congressSessionRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  collectFrom: z.string(),
  collectUntil: z.string(),
  collecting: z.boolean().describe('今天在提案征集期内'),
  minCosigners: z.number(),
  reviewGroupId: z.number(),
  version: z.number(),
  canManage: z.boolean(),
  motions: z
    .object({ submitted: z.number(), accepted: z.number(), notAccepted: z.number(), merged: z.number(), inReview: z.number(), concluded: z.number() })
    .describe('提案数：提交、立案、不予立案（转意见建议）、并案、审议中、已办结'),
});

export async function congressRoutes(app: FastifyInstance, deps: { proposals: ProposalService }) {
  const { proposals } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const groupTags = ['审议小组 review groups'];
  const sessionTags = ['职代会 congress sessions'];

  r.get('/api/review-groups', {
    schema: { tags: groupTags, summary: '审议小组 Review groups', querystring: reviewGroupQuery, response: { 200: z.object({ items: z.array(reviewGroupRow) }) } },
    handler: async (request) => proposals.reviewGroups(requireActor(request), request.query),
  });
  r.get('/api/review-groups/candidates', {
    schema: { tags: groupTags, summary: '可任审议小组成员的会员代表 Candidates', querystring: z.object({ orgId: z.coerce.number().int().positive() }), response: { 200: z.object({ items: z.array(reviewCandidate) }) } },
    handler: async (request) => proposals.reviewCandidates(requireActor(request), request.query.orgId),
  });
  r.post('/api/review-groups', {
    schema: { tags: groupTags, summary: '设立审议小组 Create a review group', body: newReviewGroup, response: { 201: reviewGroupRow } },
    handler: async (request, reply) => reply.status(201).send(await proposals.createReviewGroup(requireActor(request), request.body)),
  });
  r.patch('/api/review-groups/:id', {
    schema: { tags: groupTags, summary: '修改审议小组 Edit a review group', params: idParam, body: reviewGroupChanges, response: { 200: reviewGroupRow } },
    handler: async (request) => proposals.updateReviewGroup(requireActor(request), request.params.id, request.body),
  });

  r.get('/api/congress-sessions', {
    schema: { tags: sessionTags, summary: '职代会 Congress sessions', response: { 200: z.object({ items: z.array(congressSessionRow) }) } },
    handler: async (request) => proposals.congressSessions(requireActor(request)),
  });
  r.post('/api/congress-sessions', {
    schema: { tags: sessionTags, summary: '设立职代会提案征集 Create a session', body: newCongressSession, response: { 201: congressSessionRow } },
    handler: async (request, reply) => reply.status(201).send(await proposals.createCongressSession(requireActor(request), request.body)),
  });
  r.get('/api/congress-sessions/:id/report.docx', {
    schema: { tags: sessionTags, summary: '提案审查情况报告 Word The session report', params: idParam, produces: [DOCX_TYPE], response: { 200: z.any().describe('Word 文档 Word document') } },
    handler: async (request, reply) => {
      const report = await proposals.congressReportDocx(requireActor(request), request.params.id);
      return sendFile(reply, report.body, DOCX_TYPE, report.fileName);
    },
  });
  r.patch('/api/congress-sessions/:id', {
    schema: { tags: sessionTags, summary: '修改职代会 Edit a session', params: idParam, body: congressSessionChanges, response: { 200: congressSessionRow } },
    handler: async (request) => proposals.updateCongressSession(requireActor(request), request.params.id, request.body),
  });
}
