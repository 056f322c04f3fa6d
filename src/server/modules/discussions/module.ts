import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { DISCUSSION_PERMISSIONS } from './permissions.js';
import { discussionRoutes } from './routes.js';
import { discussionComments, discussionPollOptions, discussionPolls, discussionsSubtreeMoved, discussionTopics, discussionVotes } from './schema.js';
import { createDiscussionService } from './service.js';

/** The module's services. */
function discussionsServices(kit: ModuleKit) {
  return { discussions: createDiscussionService(kit) };
}

/** 云履职 · 职工事大家议 (DESIGN §3.2): topics a union puts to its members, with comments and polls. */
export const discussionsModule = defineModule({
  name: 'discussions',
  tables: [tenantTable(discussionTopics), tenantTable(discussionComments), tenantTable(discussionPolls), tenantTable(discussionPollOptions), tenantTable(discussionVotes)],
  permissions: DISCUSSION_PERMISSIONS,
  labels: {
    permissions: {
      'discussions.read': '查看议事话题',
      'discussions.open': '发起议事话题',
      'discussions.moderate': '管理议事（隐藏评论、置顶、提前结束）',
      'discussions.take_part': '参与议事（评论、投票）',
    },
    auditActions: {
      'discussion.open': '发起议事',
      'discussion.close': '结束议事',
      'discussion.pin': '置顶议事',
      'discussion.comment': '发表评论',
      'discussion.hide_comment': '隐藏评论',
      'discussion.vote': '投票',
    },
    entities: { discussion_topic: '议事话题', discussion_poll: '议事投票' },
    notificationKinds: { discussion: '职工议事' },
  },
  auditNames: {
    discussion_topic: { table: discussionTopics, tenantId: discussionTopics.tenantId, id: discussionTopics.id, name: discussionTopics.title },
    discussion_poll: { table: discussionPolls, tenantId: discussionPolls.tenantId, id: discussionPolls.id, name: discussionPolls.question },
  },
  services: discussionsServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(discussionRoutes, { discussions: services.discussions });
  },
  subtreeMoved: [discussionsSubtreeMoved],
});
