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
  services: discussionsServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(discussionRoutes, { discussions: services.discussions });
  },
  subtreeMoved: [discussionsSubtreeMoved],
});
