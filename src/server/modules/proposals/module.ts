import type { FastifyInstance } from 'fastify';
import { proposalTodos } from './todos.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { proposalAttachmentRoutes } from './attachment-routes.js';
import { PROPOSAL_PERMISSIONS } from './permissions.js';
import { congressRoutes } from './congress-routes.js';
import { proposalRoutes } from './routes.js';
import {
  congressSessions,
  handlerUnitAccounts,
  handlerUnits,
  proposalCosigners,
  proposalProgress,
  proposalRatings,
  proposals,
  proposalsSubtreeMoved,
  reviewGroupMembers,
  reviewGroups,
  reviewVotes,
} from './schema.js';
import { createProposalService } from './service.js';

/** The module's services: the proposals and their handler units. */
function proposalsServices(kit: ModuleKit) {
  return { proposals: createProposalService(kit) };
}

/** 云履职 · 提案管理 (DESIGN §3.2): the five-step loop from a worker's request to the rating of the answer. */
export const proposalsModule = defineModule({
  name: 'proposals',
  tables: [
    tenantTable(handlerUnits),
    tenantTable(handlerUnitAccounts),
    tenantTable(proposals),
    tenantTable(proposalCosigners),
    tenantTable(proposalProgress),
    tenantTable(proposalRatings),
    tenantTable(reviewGroups),
    tenantTable(reviewGroupMembers),
    tenantTable(reviewVotes),
    tenantTable(congressSessions),
  ],
  permissions: PROPOSAL_PERMISSIONS,
  services: proposalsServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(proposalRoutes, { proposals: services.proposals });
    await app.register(congressRoutes, { proposals: services.proposals });
    await app.register(proposalAttachmentRoutes, { proposals: services.proposals });
  },
  todos: ({ proposals }) => proposalTodos(proposals),
  workflows: ({ proposals }) => [proposals.workflow],
  jobs: ({ proposals }) => [proposals.deadlineJob],
  subtreeMoved: [proposalsSubtreeMoved],
});
