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
  labels: {
    permissions: {
      'proposals.read': '查看提案',
      'proposals.submit': '起草、提交与附议提案',
      'proposals.review': '审议提案（立案、不予立案、并案）',
      'proposals.assign': '交办与办结提案',
      'proposals.supervise': '督查提案答复、催办',
      'proposals.handlers': '维护承办单位及其账号',
      'proposals.follow': '跟踪为本人提出的提案',
      'proposals.statistics': '查看提案统计与提案汇编',
      'proposals.handle': '作为承办单位办理提案',
    },
    auditActions: {
      'proposal.create': '起草提案',
      'proposal.update': '修改提案',
      'proposal.cosign': '附议提案',
      'proposal.merged_in': '并入提案',
      'handler_unit.create': '新建承办单位',
      'handler_unit.update': '修改承办单位',
      'handler_unit.add_account': '添加承办单位账号',
      'handler_unit.remove_account': '移除承办单位账号',
      'review_group.create': '新建审议小组',
      'review_group.update': '修改审议小组',
      'congress_session.create': '新建代表大会会次',
      'congress_session.update': '修改代表大会会次',
    },
    entities: { handler_unit: '承办单位', review_group: '审议小组', congress_session: '代表大会会次' },
    notificationKinds: { proposal: '提案' },
  },
  auditNames: {
    proposal: { table: proposals, tenantId: proposals.tenantId, id: proposals.id, name: proposals.title },
    handler_unit: { table: handlerUnits, tenantId: handlerUnits.tenantId, id: handlerUnits.id, name: handlerUnits.name },
    review_group: { table: reviewGroups, tenantId: reviewGroups.tenantId, id: reviewGroups.id, name: reviewGroups.name },
    congress_session: { table: congressSessions, tenantId: congressSessions.tenantId, id: congressSessions.id, name: congressSessions.name },
  },
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
